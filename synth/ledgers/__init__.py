"""Synthetic but plausible registration data, for benchmarks and tests (deterministic by seed)."""
