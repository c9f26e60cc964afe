"""linkage: pairwise predictions, trained models, and a birth-date index for incremental blocking

Revision ID: 0004_linkage
Revises: 0001
Create Date: 2026-11-27 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_linkage"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "link_predictions",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("party_l", _ID, nullable=False),
        sa.Column("party_r", _ID, nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_l"],
            ["parties.id"],
            name=op.f("fk_link_predictions_party_l_parties"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_r"],
            ["parties.id"],
            name=op.f("fk_link_predictions_party_r_parties"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_predictions")),
    )
    op.create_index(
        "uq_link_predictions_pair", "link_predictions", ["party_l", "party_r"], unique=True
    )
    op.create_index("ix_link_predictions_party_r", "link_predictions", ["party_r"])
    op.create_table(
        "link_models",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("trained_at", sa.DateTime(), nullable=False),
        sa.Column("parties", sa.Integer(), nullable=False),
        sa.Column("engine", sa.String(length=32), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_models")),
    )
    # Incremental linking looks up existing parties of the same birth date (a name slip).
    op.create_index("ix_parties_birth_date", "parties", ["birth_date"])


def downgrade() -> None:
    op.drop_index("ix_parties_birth_date", table_name="parties")
    op.drop_table("link_models")
    op.drop_index("ix_link_predictions_party_r", table_name="link_predictions")
    op.drop_index("uq_link_predictions_pair", table_name="link_predictions")
    op.drop_table("link_predictions")
