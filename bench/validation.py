"""Benchmark: ``check_frame`` over a ledger-sized frame (``make bench-validation``)."""

import argparse
import json
import statistics
import time
from pathlib import Path

import polars as pl

from hunyin.schema import Record
from validation.frame import check_frame, records_frame


def _sample_frame(samples: Path) -> pl.DataFrame:
    """The sample batch's true records, and each again with a slip, as the loader's frame."""
    text = (samples / "scans" / "truth.jsonl").read_text(encoding="utf-8")
    records = []
    for line in text.splitlines():
        data = json.loads(line)
        source = {"file": data.pop("file"), "page": data.pop("page")}
        records.append(Record.model_validate({"source": source, **data}))
    true = records_frame(records)
    # Slips a ledger really holds: a wrong sex, a date off by a year, a mistyped office code.
    slips = true.with_columns(
        pl.lit("女").alias("male_sex"),
        pl.col("registration_date").dt.offset_by("1y"),
        pl.col("office_code").str.replace(r"^5323", "5322"),
    )
    return pl.concat([true, slips])


def main() -> None:
    """Time ``check_frame`` on ``--rows`` rows, a few runs; print the median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=Path, default=Path("samples"))
    args = parser.parse_args()
    sample = _sample_frame(args.samples)
    frame = pl.concat([sample] * (args.rows // sample.height + 1)).head(args.rows).rechunk()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        checked = check_frame(frame)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"check_frame: {args.rows} rows, median {median:.2f} s of {args.runs} runs "
        f"({args.rows / median:,.0f} rows/s); rows with an error: {checked['has_error'].sum()}"
    )


if __name__ == "__main__":
    main()
