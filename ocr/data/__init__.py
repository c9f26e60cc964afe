"""Data files of the reading path: printed labels, vocabularies, routing thresholds."""
