"""ledger: indexes for status queries and bulk provenance over a prefecture's backfill

The 18-digit key, name + birth date and certificate number are indexed by ``0001``; this adds
the number as printed and the source document + row of bulk-loaded records.

Revision ID: 0002_ledger
Revises: 0001
Create Date: 2026-11-27 11:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_ledger"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_parties_id_number", "parties", ["id_number"])
    op.create_index("ix_records_source_document_page", "records", ["source_document_id", "page"])


def downgrade() -> None:
    op.drop_index("ix_records_source_document_page", table_name="records")
    op.drop_index("ix_parties_id_number", table_name="parties")
