"""Jurisdiction and eligibility rules: periods as data, generic checks, the decision."""
