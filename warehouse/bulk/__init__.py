"""Bulk loading of flat record frames: a staging table, then set-based SQL on the natural key."""
