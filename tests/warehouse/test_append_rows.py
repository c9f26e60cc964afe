"""Rows appended in one statement arrive as written on both stores: text in any script, nulls,
floats, JSON objects, time stamps, and values JSON has no word for; an unknown column is refused
before anything is sent."""

import math
from datetime import datetime
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from warehouse.db import append_rows, session_factory
from warehouse.models import FieldProvenance, RecordRow

_PROVENANCE = cast(Table, FieldProvenance.__table__)
_AT = datetime(2026, 12, 4, 8, 30, 15, 123456)


def _record(session: Session) -> int:
    row = RecordRow(
        natural_key="append:1", record_type="marriage", status="accepted", source_kind="live"
    )
    session.add(row)
    session.flush()
    return row.id


def _row(record_id: int, n: int, value: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "record_id": record_id,
        "field": f"male.f{n}",
        "value": value,
        "engine": "live",
        "confidence": 0.5 + n / 100,
        "region": {"x": n, "y": 2, "w": 3, "h": 4} if n % 2 else None,
        "recorded_at": _AT,
        **extra,
    }


def _stored(session: Session, record_id: int) -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in session.execute(
            select(
                FieldProvenance.field,
                FieldProvenance.value,
                FieldProvenance.engine,
                FieldProvenance.confidence,
                FieldProvenance.region,
                FieldProvenance.recorded_at,
                FieldProvenance.previous_value,
            )
            .where(FieldProvenance.record_id == record_id)
            .order_by(FieldProvenance.id)
        )
    ]


def test_rows_arrive_as_written(store_url: str) -> None:
    with session_factory(store_url)() as session:
        record_id = _record(session)
        values = ["彝族", None, 'quote " and \\ backslash', "", "532301197001010010"]
        rows = [_row(record_id, n, v) for n, v in enumerate(values)]
        for _ in range(7):  # past the driver's threshold for preparing it
            append_rows(session, table=_PROVENANCE, rows=rows)
            stored = _stored(session, record_id)
            assert stored == [
                (r["field"], r["value"], "live", r["confidence"], r["region"], _AT, None)
                for r in rows
            ]
            session.execute(delete(FieldProvenance))
        append_rows(session, table=_PROVENANCE, rows=[])
        assert _stored(session, record_id) == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(st.one_of(st.none(), st.text(max_size=40)), min_size=1, max_size=12))
def test_any_text_survives(store_url: str, values: list[str | None]) -> None:
    # NUL is the one character neither store keeps in a text column.
    values = [v.replace("\x00", "") if v is not None else None for v in values]
    with session_factory(store_url)() as session:
        record_id = _record(session)
        append_rows(session, table=_PROVENANCE, rows=[_row(record_id, 0, v) for v in values])
        assert [r[1] for r in _stored(session, record_id)] == values
        session.rollback()


def test_an_unknown_column_is_refused(store_url: str) -> None:
    with session_factory(store_url)() as session:
        record_id = _record(session)
        with pytest.raises(KeyError):
            append_rows(session, table=_PROVENANCE, rows=[_row(record_id, 0, "x", nope=1)])
        assert _stored(session, record_id) == []


@pytest.mark.postgres
def test_values_json_cannot_carry_are_bound_row_by_row(pg_url: str) -> None:
    with session_factory(pg_url)() as session:
        record_id = _record(session)
        rows = [_row(record_id, 0, "x", confidence=math.nan), _row(record_id, 1, "y")]
        append_rows(session, table=_PROVENANCE, rows=rows)
        stored = _stored(session, record_id)
        assert [r[1] for r in stored] == ["x", "y"]
        assert math.isnan(stored[0][3]) and stored[1][3] == rows[1]["confidence"]
        session.rollback()
