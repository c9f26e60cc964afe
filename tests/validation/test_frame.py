"""``check_frame`` agrees with ``check_record`` row by row, and flags what only a frame can hold."""

import json
from pathlib import Path

import polars as pl

from hunyin.schema import Record
from validation.frame import check_frame, records_frame
from validation.rules import check_record


def _truth(samples_dir: Path) -> list[Record]:
    lines = (samples_dir / "scans" / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        data = json.loads(line)
        source = {"file": data.pop("file"), "page": data.pop("page")}
        out.append(Record.model_validate({"source": source, **data}))
    return out


def assert_agree(records: list[Record]) -> None:
    """The frame's issues and ``has_error`` equal ``check_record``'s for every record."""
    checked = check_frame(records_frame(records))
    for record, row in zip(records, checked.iter_rows(named=True), strict=True):
        expected = sorted((i.field, i.rule, i.severity, i.message) for i in check_record(record))
        got = sorted((i["field"], i["rule"], i["severity"], i["message"]) for i in row["issues"])
        assert got == expected, record.model_dump(include={"registration_date", "certificate_no"})
        assert row["has_error"] == any(i[2] == "error" for i in expected)


def test_frame_agrees_on_the_sample_batch(samples_dir: Path) -> None:
    assert_agree(_truth(samples_dir))


def test_frame_keeps_columns_and_types(samples_dir: Path) -> None:
    frame = records_frame(_truth(samples_dir))
    checked = check_frame(frame)
    assert checked.columns == [*frame.columns, "issues", "has_error"]
    assert checked["has_error"].dtype == pl.Boolean
    assert not checked["has_error"].any()


def test_frame_flags_an_unknown_record_type(samples_dir: Path) -> None:
    frame = records_frame(_truth(samples_dir)[:1]).with_columns(record_type=pl.lit("adoption"))
    rules = {i["rule"] for i in check_frame(frame)["issues"][0]}
    assert "record-type" in rules


def test_frame_reads_absent_columns_as_blank(samples_dir: Path) -> None:
    frame = records_frame(_truth(samples_dir)).drop("male_occupation", "female_sex", "registrar")
    checked = check_frame(frame)
    assert checked.columns == [*frame.columns, "issues", "has_error"]
    assert not checked["has_error"].any()
