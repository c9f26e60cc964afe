"""Validation: record and cross-record rules, Great Expectations suites."""
