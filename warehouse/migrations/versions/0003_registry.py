"""registry: rule periods, certificate serials, current marriages, divorce applications,
appointments; the audit log made append-only

Revision ID: 0003_registry
Revises: 0001
Create Date: 2026-11-27 11:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_registry"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# Updates and deletes of audit entries are refused by the database itself, whoever asks.
_PG_AUDIT_GUARD = [
    """CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
]
_SQLITE_AUDIT_GUARD = [
    f"""CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"""
    for verb in ("UPDATE", "DELETE")
]


def _audit_guard() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _PG_AUDIT_GUARD if dialect == "postgresql" else _SQLITE_AUDIT_GUARD:
        op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "rule_periods",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("rule", sa.String(64), nullable=False),
        sa.Column("test", sa.String(32), nullable=False),
        sa.Column("rule_group", sa.String(16), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_periods")),
    )
    op.create_index(op.f("ix_rule_periods_rule"), "rule_periods", ["rule"])
    op.create_table(
        "certificate_serials",
        sa.Column("office_code", sa.String(6), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(2), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "office_code", "year", "prefix", name=op.f("pk_certificate_serials")
        ),
    )
    op.create_table(
        "current_marriages",
        sa.Column("id18", sa.String(18), nullable=False),
        sa.Column("record_id", _ID, nullable=True),
        sa.Column("since", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_current_marriages_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id18", name=op.f("pk_current_marriages")),
    )
    op.create_table(
        "divorce_applications",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("office_code", sa.String(6), nullable=False),
        sa.Column("male_id18", sa.String(18), nullable=False),
        sa.Column("female_id18", sa.String(18), nullable=False),
        sa.Column("male_name", sa.String(64), nullable=False),
        sa.Column("female_name", sa.String(64), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("open_key", sa.String(40), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("record_id", _ID, nullable=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_divorce_applications_record_id_records"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_divorce_applications")),
        sa.UniqueConstraint("open_key", name=op.f("uq_divorce_applications_open_key")),
    )
    op.create_index(
        op.f("ix_divorce_applications_male_id18"), "divorce_applications", ["male_id18"]
    )
    op.create_index(
        op.f("ix_divorce_applications_female_id18"), "divorce_applications", ["female_id18"]
    )
    op.create_table(
        "office_quotas",
        sa.Column("office_code", sa.String(6), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("daily_quota", sa.Integer(), nullable=False),
        sa.Column("set_by", sa.String(64), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("office_code", "valid_from", name=op.f("pk_office_quotas")),
    )
    op.create_table(
        "appointment_days",
        sa.Column("office_code", sa.String(6), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("booked", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("office_code", "day", name=op.f("pk_appointment_days")),
    )
    op.create_table(
        "appointments",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("office_code", sa.String(6), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("names", sa.String(140), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
    )
    op.create_index(op.f("ix_appointments_office_code"), "appointments", ["office_code"])
    op.create_index(op.f("ix_appointments_day"), "appointments", ["day"])
    _audit_guard()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for table in (
        "appointments",
        "appointment_days",
        "office_quotas",
        "divorce_applications",
        "current_marriages",
        "certificate_serials",
        "rule_periods",
    ):
        op.drop_table(table)
