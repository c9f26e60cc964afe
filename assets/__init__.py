"""The Dagster asset graph: thin wrappers over plain, separately tested code."""
