"""The SQL of a bulk load over the staging table, for PostgreSQL and SQLite alike.

Statements read the stage (``s``) and the store; values come in as bind parameters
(``:kind``, ``:task_kind``, ``:document``, ``:batch``, ``:engine``, ``:now``).
"""

from hunyin.schema import PARTY_FIELDS, RECORD_FIELDS
from warehouse.bulk.fill import STAGE_TABLE as S
from warehouse.bulk.stage import ROLES, WRITTEN
from warehouse.reviews import sync_tasks_sql

_RECORD_VALUES = (*RECORD_FIELDS, "status", "issues", "content_hash", "page")

# The stage's keys span a narrow range of the key index (one office's ledger, say): looking up
# only that range spares reading the whole of a large records table for every load.
_STAGED_KEYS = (
    f"records.natural_key BETWEEN (SELECT MIN(natural_key) FROM {S}) "
    f"AND (SELECT MAX(natural_key) FROM {S})"
)


def drop_unchanged() -> str:
    """Rows stored already with these very values need nothing; deleting beats marking them."""
    return (
        f"DELETE FROM {S} WHERE EXISTS (SELECT 1 FROM records WHERE {_STAGED_KEYS} AND "
        f"records.natural_key = {S}.natural_key AND records.content_hash = {S}.content_hash)"
    )


def mark_changed() -> str:
    """Rows left whose key is stored: their record's id, and the state ``changed``."""
    return (
        f"UPDATE {S} SET record_id = records.id, state = 'changed' FROM records "
        f"WHERE {_STAGED_KEYS} AND records.natural_key = {S}.natural_key"
    )


def provenance() -> str:
    """Old and new value of every changed field, run before the update overwrites them."""
    selects = []
    for field, new, old, join in _field_sources():
        changed = f"s.state = 'changed' AND {new} IS DISTINCT FROM {old}"
        source = f"FROM {S} s JOIN records r ON r.id = s.record_id {join} WHERE {changed}"
        selects.append(
            f"SELECT s.record_id, '{field}', CAST({old} AS TEXT), r.source_document_id, "
            f"r.page, NULL {source}"
        )
        selects.append(
            f"SELECT s.record_id, '{field}', CAST({new} AS TEXT), "
            f"CAST(:document AS BIGINT), s.page, CAST({old} AS TEXT) {source}"
        )
    return (
        "INSERT INTO field_provenance (record_id, field, value, source_document_id, page, "
        "previous_value, engine, recorded_at) SELECT u.*, :engine, :now FROM ("
        + " UNION ALL ".join(selects)
        + ") u"
    )


def _field_sources() -> list[tuple[str, str, str, str]]:
    """(dotted field, new value, stored value, join to reach it) for every field."""
    out = [(f, f"s.{f}", f"r.{f}", "") for f in RECORD_FIELDS]
    for role in ROLES:
        join = f"JOIN parties p_{role} ON p_{role}.record_id = r.id AND p_{role}.role = '{role}'"
        out += [(f"{role}.{f}", f"s.{role}_{f}", f"p_{role}.{f}", join) for f in PARTY_FIELDS]
    return out


def upsert_records(dialect: str) -> str:
    """The one upsert on the natural key; on PostgreSQL it hands the new ids to the stage too."""
    columns = ", ".join(_RECORD_VALUES)
    updates = ", ".join(
        f"{c} = excluded.{c}"
        for c in (*_RECORD_VALUES, "source_document_id", "batch", "updated_at")
    )
    upsert = (
        f"INSERT INTO records (natural_key, source_kind, source_document_id, batch, created_at, "
        f"updated_at, {columns}) SELECT natural_key, :kind, :document, :batch, :now, :now, "
        f"{columns} FROM {S} WHERE true "
        f"ON CONFLICT (natural_key) DO UPDATE SET {updates}"
    )
    if dialect != "postgresql":
        return upsert
    return (
        f"WITH up AS ({upsert} RETURNING id, natural_key) UPDATE {S} SET record_id = up.id "
        f"FROM up WHERE {S}.natural_key = up.natural_key AND {S}.state = 'new'"
    )


def new_ids() -> str:
    """The ids of new records, found by their key (where the upsert cannot return them)."""
    return (
        f"UPDATE {S} SET record_id = records.id FROM records "
        f"WHERE records.natural_key = {S}.natural_key AND {S}.state = 'new'"
    )


def upsert_parties() -> str:
    """Both parties of every new or changed record, inserted or updated in place."""
    fields = (*PARTY_FIELDS, "id18")
    selects = [
        f"SELECT record_id, '{role}', {', '.join(f'{role}_{f}' for f in fields)} "
        f"FROM {S} WHERE true"
        for role in ROLES
    ]
    updates = ", ".join(f"{f} = excluded.{f}" for f in fields)
    return (
        f"INSERT INTO parties (record_id, role, {', '.join(fields)}) "
        f"{' UNION ALL '.join(selects)} "
        f"ON CONFLICT (record_id, role) DO UPDATE SET {updates}"
    )


def open_reviews() -> str:
    """Review tasks of the new or changed records in error, by the rule of ``warehouse.reviews``."""
    return sync_tasks_sql(S)


def written_provenance() -> str:
    """For new or changed records, each value stored otherwise than written: the stored value,
    the written form as its ``previous_value``, and what made the difference."""
    selects = [
        f"SELECT record_id, '{role}.{field}', CAST({role}_{field} AS TEXT), "
        f"CAST(:document AS BIGINT), page, {role}_{field}_written, '{reason}' "
        f"FROM {S} WHERE {role}_{field}_written IS NOT NULL"
        for role in ROLES
        for field, reason in WRITTEN.items()
    ]
    return (
        "INSERT INTO field_provenance (record_id, field, value, source_document_id, page, "
        "previous_value, corrected_by, engine, recorded_at) SELECT u.*, :engine, :now FROM ("
        + " UNION ALL ".join(selects)
        + ") u"
    )
