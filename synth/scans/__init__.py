"""Synthetic scans with their truth: the benchmark's batches and the tests' data factory."""
