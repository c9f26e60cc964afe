"""Great Expectations suites over masked and derived columns of a batch, with Data Docs."""

from validation.gx.run import GxResult, run_suites

__all__ = ["GxResult", "run_suites"]
