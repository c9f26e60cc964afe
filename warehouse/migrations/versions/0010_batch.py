"""batch: content hashes of scan and live records in the one algorithm of both loading paths

Ledger rows were hashed by the bulk path, whose algorithm is now the only one; records loaded
one by one (scans, live registrations) had a hash of their own. Theirs are recomputed from the
stored values, which are the source's unless a steward corrected them: a corrected record keeps
its hash (the source's values are no longer in the row to hash).

Revision ID: 0010_batch
Revises: 0004_linkage
Create Date: 2026-12-01 20:40:00
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

from hunyin.digest import values_digest
from hunyin.schema import PARTY_FIELDS, RECORD_FIELDS

revision: str = "0010_batch"
down_revision: str | Sequence[str] | None = "0004_linkage"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROLES = ("male", "female")
_BATCH = 1000
_PARTIES = sa.text(
    f"SELECT record_id, role, {', '.join(PARTY_FIELDS)} FROM parties WHERE record_id IN :ids"
).bindparams(sa.bindparam("ids", expanding=True))
_RECORDS = sa.text(
    f"SELECT id, {', '.join(RECORD_FIELDS)} FROM records WHERE source_kind <> 'ledger' "
    "AND id > :after AND NOT EXISTS (SELECT 1 FROM field_provenance p "
    "WHERE p.record_id = records.id AND p.engine = 'steward') ORDER BY id LIMIT :size"
)
_UPDATE = sa.text("UPDATE records SET content_hash = :hash WHERE id = :id")


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def upgrade() -> None:
    connection = op.get_bind()
    after = 0
    while rows := connection.execute(_RECORDS, {"after": after, "size": _BATCH}).all():
        parties = {
            (p.record_id, p.role): p
            for p in connection.execute(_PARTIES, {"ids": [r.id for r in rows]})
        }
        updates = []
        for row in rows:
            values = [getattr(row, f) for f in RECORD_FIELDS]
            for role in _ROLES:
                party = parties.get((row.id, role))
                values += [getattr(party, f) if party else None for f in PARTY_FIELDS]
            updates.append({"id": row.id, "hash": values_digest(map(_text, values))})
        connection.execute(_UPDATE, updates)
        after = rows[-1].id


def downgrade() -> None:
    """The old hashes cannot be recomputed here; a stale hash only makes one reload an update."""
