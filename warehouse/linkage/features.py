"""The party table linkage compares: each party of an accepted record beside its spouse.

Rows are streamed from the store into Arrow batches, so two million parties never sit in memory
as Python objects. ``key`` is the 18-digit key, repaired from an OCR slip where one reading fits.
Beside what was written, each party carries what survives how clerks wrote it: the name in
simplified characters and its sound, the spouse's too, and the civil date its birth date would
be had the clerk kept it by the lunar calendar (``birth_lunar``).
"""

from collections.abc import Iterable
from typing import Any

import pyarrow as pa
from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session, aliased

from hunyin.domain.lunar import lunar_to_solar
from hunyin.domain.names import simplified, sound
from warehouse.linkage.idrepair import choose, readings
from warehouse.models import PartyRow, RecordRow

SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        ("record_id", pa.int64()),
        ("sex", pa.string()),
        ("name", pa.string()),
        ("birth_date", pa.date32()),
        ("key", pa.string()),
        ("ethnicity", pa.string()),
        ("hukou", pa.string()),
        ("spouse_name", pa.string()),
        ("spouse_birth_date", pa.date32()),
        ("spouse_key", pa.string()),
        ("name_simplified", pa.string()),
        ("name_sound", pa.string()),
        ("spouse_sound", pa.string()),
        ("birth_lunar", pa.date32()),
    ]
)
_CHUNK = 100_000


def _statement(condition: ColumnElement[bool] | None) -> Any:
    spouse = aliased(PartyRow)
    stmt = (
        select(
            PartyRow.id,
            PartyRow.record_id,
            PartyRow.sex,
            PartyRow.name,
            PartyRow.birth_date,
            PartyRow.id18,
            PartyRow.id_number,
            PartyRow.ethnicity,
            PartyRow.hukou,
            spouse.name,
            spouse.birth_date,
            spouse.id18,
        )
        .join(RecordRow, RecordRow.id == PartyRow.record_id)
        .outerjoin(
            spouse, and_(spouse.record_id == PartyRow.record_id, spouse.role != PartyRow.role)
        )
        .where(RecordRow.status == "accepted")
    )
    return stmt if condition is None else stmt.where(condition)


def _keys(session: Session, rows: list[Any]) -> list[str | None]:
    """Stored keys, and for numbers that did not read cleanly the reading that fits."""
    fits = {
        i: readings(r[6], birth_date=r[4], sex=r[2])
        for i, r in enumerate(rows)
        if r[5] is None and r[6] is not None
    }
    wanted = set().union(*fits.values()) if fits else set()
    stored = select(PartyRow.id18).where(PartyRow.id18.in_(wanted))
    known = {k for k in session.scalars(stored) if k is not None} if wanted else set()
    return [choose(fits[i], known=known) if i in fits else r[5] for i, r in enumerate(rows)]


def _batch(session: Session, rows: list[Any]) -> pa.RecordBatch:
    columns = [
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
        [r[4] for r in rows],
        _keys(session, rows),
        [r[7] for r in rows],
        [r[8] for r in rows],
        [r[9] for r in rows],
        [r[10] for r in rows],
        [r[11] for r in rows],
        [simplified(r[3]) if r[3] else None for r in rows],
        [sound(r[3]) if r[3] else None for r in rows],
        [sound(r[9]) if r[9] else None for r in rows],
        [lunar_to_solar(r[4]) for r in rows],
    ]
    return pa.RecordBatch.from_arrays(
        [pa.array(c, type=f.type) for c, f in zip(columns, SCHEMA, strict=True)], schema=SCHEMA
    )


def _chunks(rows: Iterable[Any]) -> Iterable[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def party_table(session: Session, *, where: ColumnElement[bool] | None = None) -> pa.Table:
    """Every accepted party (or those matching ``where``) as an Arrow table of features."""
    result = session.execute(
        _statement(where), execution_options={"stream_results": True, "yield_per": _CHUNK}
    )
    return pa.Table.from_batches([_batch(session, c) for c in _chunks(result)], schema=SCHEMA)
