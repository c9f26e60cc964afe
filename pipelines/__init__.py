"""Dagster wiring: Definitions, jobs, sensors, schedules and resources."""
