"""Which tables travel, how their rows become JSON and back, and their Table Schemas."""

import json
import tomllib
from datetime import date, datetime
from functools import lru_cache
from importlib.resources import files
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, Integer, Table

from warehouse.models import Base

# Frictionless Table Schema field types of the column types the store uses.
_TYPES: tuple[tuple[type, str], ...] = (
    (Boolean, "boolean"),
    (Integer, "integer"),
    (Float, "number"),
    (DateTime, "datetime"),
    (Date, "date"),
    (JSON, "object"),
)


# The largest integer every backend's columns hold (BIGINT).
_LARGEST = 2**63 - 1


class ExchangeError(ValueError):
    """An export folder that cannot be read back as it is."""


@lru_cache(maxsize=1)
def _spec() -> dict[str, Any]:
    return tomllib.loads(files("warehouse.exchange").joinpath("tables.toml").read_text("utf-8"))


def reference_tables() -> frozenset[str]:
    return frozenset(_spec()["reference"]["tables"])


def exchanged_tables() -> list[Table]:
    """Every archive table in foreign-key order (parents first)."""
    left_out = _spec()["left_out"]
    return [t for t in Base.metadata.sorted_tables if t.name not in left_out]


def field_type(column: Column[Any]) -> str:
    kind = column.type
    for cls, name in _TYPES:
        if isinstance(kind, cls):
            return name
    return "string"


def to_json(column: Column[Any], value: Any) -> Any:
    """A column value as JSON: dates and times in ISO 8601, JSON columns as they are."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def from_json(column: Column[Any], value: Any) -> Any:
    """The column value from its JSON form; raises ``ExchangeError`` for a value of the wrong
    kind, so that a damaged folder is refused, never loaded half right."""
    if value is None:
        return None
    kind = field_type(column)
    try:
        if kind == "datetime":
            return datetime.fromisoformat(_text(value))
        if kind == "date":
            return date.fromisoformat(_text(value))
        if kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError("not an integer")
            if abs(value) > _LARGEST:
                raise ValueError("out of range")
            return value
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError("not a number")
            return float(value)
        if kind == "boolean":
            if not isinstance(value, bool):
                raise TypeError("not true or false")
            return value
        if kind == "object":
            json.dumps(value)
            return value
        text = _text(value)
        length = getattr(column.type, "length", None)
        if length and len(text) > length:
            raise ValueError(f"longer than {length} characters")
        return text
    except (TypeError, ValueError) as exc:
        raise ExchangeError(f"{column.table.name}.{column.name}: {exc}: {value!r:.80}") from exc


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def table_schema(table: Table) -> dict[str, Any]:
    """The Frictionless Table Schema of a table of the store."""
    fields = []
    for column in table.columns:
        field: dict[str, Any] = {"name": column.name, "type": field_type(column)}
        constraints: dict[str, Any] = {}
        if not column.nullable and not column.primary_key:
            constraints["required"] = True
        length = getattr(column.type, "length", None)
        if length:
            constraints["maxLength"] = length
        if constraints:
            field["constraints"] = constraints
        if column.comment:
            field["description"] = column.comment
        fields.append(field)
    schema: dict[str, Any] = {
        "fields": fields,
        "primaryKey": [c.name for c in table.primary_key.columns],
    }
    foreign = [
        {
            "fields": [fk.parent.name],
            "reference": {"resource": fk.column.table.name, "fields": [fk.column.name]},
        }
        for fk in table.foreign_keys
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema
