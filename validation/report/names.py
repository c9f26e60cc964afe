"""The quality report in Chinese: headers and codes of its tables through the one labels table.

The frames keep codes (tests and exports read them); only what is rendered is translated.
"""

import polars as pl

from hunyin.labels import field_label, label, office_label
from hunyin.messages import translate

# Which table of names each code column is read through.
_COLUMN_TABLES = {
    "rule": "rules",
    "severity": "severities",
    "status": "record_states",
    "kind": "document_kinds",
    "event_type": "events",
    "source_kind": "event_sources",
}


def _named(column: str, value: object) -> object:
    if value is None or not isinstance(value, str):
        return value
    if column in _COLUMN_TABLES:
        return label(_COLUMN_TABLES[column], value)
    if column == "field":
        return field_label(value)
    if column in ("office_code", "office"):
        return office_label(value)
    if column == "outcome":
        return label("file_states", value) if value != "pending" else label("document_kinds", value)
    if column == "reason":
        return translate(value) if value else ""
    if column == "batch" and value == "(none)":
        return "（无批次）"
    if column == "era" and value == "unknown":
        return "不明"
    return value


def in_chinese(frame: pl.DataFrame, *, headers: bool = True) -> pl.DataFrame:
    """The frame with its codes by their Chinese names (and, with ``headers``, its headers)."""
    columns = {
        name: [_named(name, v) for v in frame[name].to_list()]
        if frame[name].dtype == pl.String
        else frame[name].to_list()
        for name in frame.columns
    }
    renamed = {n: label("report_columns", n) if headers else n for n in frame.columns}
    schema = {renamed[n]: frame[n].dtype for n in frame.columns}
    return pl.DataFrame({renamed[n]: v for n, v in columns.items()}, schema=schema)


def count_names(counts: dict[str, int]) -> dict[str, int]:
    """The report's head counts by their Chinese names."""
    return {label("report_counts", name): value for name, value in counts.items()}
