"""The quality report: HTML with plots, per batch and overall, no whole ID number in it."""

from validation.report.write import render_report, write_report

__all__ = ["render_report", "write_report"]
