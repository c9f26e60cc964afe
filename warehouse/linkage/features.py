"""The party table linkage compares: each party of an accepted record beside its spouse.

The stored columns come from the store as Arrow columns (on PostgreSQL a rebuild reads them
with one ``COPY ... TO STDOUT``; otherwise rows are fetched in chunks), never two million
Python objects at once. ``key`` is the 18-digit key, repaired from an OCR slip where one reading
fits. Beside what was written, each party carries what survives how clerks wrote it: the name in
simplified characters and its sound, the spouse's too, and the civil date its birth date would
be had the clerk kept it by the lunar calendar (``birth_lunar``). Those are worked out once per
distinct name or date, not once per party: a prefecture has far fewer names than parties.
"""

import io
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
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
# The stored columns, in the order of ``_statement``; ``id18`` and ``id_number`` become ``key``.
_STORED = pa.schema(
    [
        *[SCHEMA.field(n) for n in ("unique_id", "record_id", "sex", "name", "birth_date")],
        ("id18", pa.string()),
        ("id_number", pa.string()),
        *[SCHEMA.field(n) for n in ("ethnicity", "hukou", "spouse_name", "spouse_birth_date")],
        SCHEMA.field("spouse_key"),
    ]
)
_CHUNK = 100_000
# Keys per look-up of which repaired readings the store knows: within every parameter limit.
_KEYS_STEP = 2_000


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


def _copied(session: Session) -> pa.Table:
    """Every accepted party's stored columns through PostgreSQL's ``COPY``, read as CSV."""
    connection = session.connection()
    sql = str(
        _statement(None).compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    )
    buffer = io.BytesIO()
    driver = connection.connection.driver_connection
    with (
        driver.cursor() as cursor,  # type: ignore[union-attr]
        cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy,
    ):
        for block in copy:
            buffer.write(block)
    buffer.seek(0)
    return pacsv.read_csv(
        buffer,
        read_options=pacsv.ReadOptions(column_names=_STORED.names),
        # An unquoted empty field is NULL in PostgreSQL's CSV; a quoted one an empty text.
        convert_options=pacsv.ConvertOptions(
            column_types=_STORED, strings_can_be_null=True, quoted_strings_can_be_null=False
        ),
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


def _fetched(session: Session, condition: ColumnElement[bool] | None) -> pa.Table:
    result = session.execute(
        _statement(condition), execution_options={"stream_results": True, "yield_per": _CHUNK}
    )
    batches = []
    for rows in _chunks(result):
        columns = zip(*rows, strict=True)
        arrays = [pa.array(c, type=f.type) for c, f in zip(columns, _STORED, strict=True)]
        batches.append(pa.RecordBatch.from_arrays(arrays, schema=_STORED))
    return pa.Table.from_batches(batches, schema=_STORED)


def _mapped(column: pa.ChunkedArray, convert: Callable[[Any], Any], kind: pa.DataType) -> pa.Array:
    """``convert`` of every value, computed once per distinct value (nulls stay null)."""
    encoded = column.combine_chunks().dictionary_encode()
    values = [None if v is None else convert(v) for v in encoded.dictionary.to_pylist()]
    return pa.array(values, type=kind).take(encoded.indices)


def _keys(session: Session, stored: pa.Table) -> pa.Array:
    """Stored keys, and for numbers that did not read cleanly the reading that fits."""
    keys = stored["id18"].combine_chunks()
    unread = pc.and_(pc.is_null(keys), pc.is_valid(stored["id_number"].combine_chunks()))
    rows = np.flatnonzero(unread.to_numpy(zero_copy_only=False))
    if not len(rows):
        return keys
    picked = stored.select(["id_number", "birth_date", "sex"]).take(pa.array(rows)).to_pylist()
    fits = [readings(r["id_number"], birth_date=r["birth_date"], sex=r["sex"]) for r in picked]
    wanted = sorted(set().union(*fits))
    known: set[str] = set()
    for start in range(0, len(wanted), _KEYS_STEP):
        chunk = wanted[start : start + _KEYS_STEP]
        stored_keys = session.scalars(select(PartyRow.id18).where(PartyRow.id18.in_(chunk)))
        known |= {k for k in stored_keys if k is not None}
    repaired = pa.array([choose(f, known=known) for f in fits], type=pa.string())
    return pc.replace_with_mask(keys, unread, repaired)


def _features(session: Session, stored: pa.Table) -> pa.Table:
    columns = {
        **{n: stored[n] for n in SCHEMA.names if n in stored.column_names},
        "key": _keys(session, stored),
        "name_simplified": _mapped(stored["name"], simplified, pa.string()),
        "name_sound": _mapped(stored["name"], sound, pa.string()),
        "spouse_sound": _mapped(stored["spouse_name"], sound, pa.string()),
        "birth_lunar": _mapped(stored["birth_date"], lunar_to_solar, pa.date32()),
    }
    return pa.table([columns[n] for n in SCHEMA.names], schema=SCHEMA)


def party_table(session: Session, *, where: ColumnElement[bool] | None = None) -> pa.Table:
    """Every accepted party (or those matching ``where``) as an Arrow table of features."""
    whole = where is None and session.connection().dialect.name == "postgresql"
    stored = _copied(session) if whole else _fetched(session, where)
    return _features(session, stored)
