"""events: court divorces, deaths, void and annulled marriages; closed rule periods; 国籍

Revision ID: 0005_events
Revises: 0004_linkage
Create Date: 2026-12-01 20:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_events"
down_revision: str | Sequence[str] | None = "0004_linkage"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "marriage_events",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("natural_key", sa.String(255), nullable=False),
        sa.Column("event_type", sa.String(16), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("marriage_record_id", _ID, nullable=True),
        sa.Column("role", sa.String(8), nullable=True),
        sa.Column("person_id18", sa.String(18), nullable=True),
        sa.Column("person_name", sa.String(64), nullable=True),
        sa.Column("person_birth_date", sa.Date(), nullable=True),
        sa.Column("evidence_document", sa.String(64), nullable=False),
        sa.Column("evidence_number", sa.String(128), nullable=True),
        sa.Column("evidence_issuer", sa.String(128), nullable=True),
        sa.Column("evidence_date", sa.Date(), nullable=True),
        sa.Column("archive_note", sa.Text(), nullable=False),
        sa.Column("office_code", sa.String(6), nullable=True),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["marriage_record_id"],
            ["records.id"],
            name=op.f("fk_marriage_events_marriage_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_marriage_events")),
        sa.UniqueConstraint("natural_key", name=op.f("uq_marriage_events_natural_key")),
    )
    op.create_index(
        op.f("ix_marriage_events_marriage_record_id"), "marriage_events", ["marriage_record_id"]
    )
    op.create_index(op.f("ix_marriage_events_person_id18"), "marriage_events", ["person_id18"])
    op.create_table(
        "rule_period_closures",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_period_closures")),
    )
    op.create_index(op.f("ix_rule_period_closures_rule"), "rule_period_closures", ["rule"])
    op.add_column("parties", sa.Column("nationality", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("parties") as batch:
        batch.drop_column("nationality")
    op.drop_index(op.f("ix_rule_period_closures_rule"), table_name="rule_period_closures")
    op.drop_table("rule_period_closures")
    op.drop_index(op.f("ix_marriage_events_person_id18"), table_name="marriage_events")
    op.drop_index(op.f("ix_marriage_events_marriage_record_id"), table_name="marriage_events")
    op.drop_table("marriage_events")
