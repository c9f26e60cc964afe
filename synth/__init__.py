"""Synthetic scans and ledgers with their truth, for tests, benchmarks and the samples.

Not part of the installed product: nothing under ``hunyin``'s floors imports it.
"""
