"""desk: a keyed hash of the ID numbers an audit entry is about, beside its masked subject

An auditor searches the log by a whole ID number; the log keeps only masked numbers, so each
entry also keeps a keyed hash (HMAC) of the numbers' 18-digit keys, which finds the entries of
one number without storing it. Entries written before keep no hash.

Revision ID: 0014_desk
Revises: 0010_batch
Create Date: 2026-12-01 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_desk"
down_revision: str | Sequence[str] | None = "0010_batch"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as table:
        table.add_column(sa.Column("subject_keys", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as table:
        table.drop_column("subject_keys")
