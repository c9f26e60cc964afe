"""security: the audit log append-only against every form of replacement, a service role that
may only add to it (PostgreSQL), and the reason a review task was resolved with

Revision ID: 0006_security
Revises: 0004_linkage (and after 0003_registry, which made the first audit guard)
Create Date: 2026-12-01 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_security"
down_revision: str | Sequence[str] | None = "0004_linkage"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = "0003_registry"

SERVICE_ROLE = "hunyin_service"
_REFUSE = "SELECT RAISE(ABORT, 'the audit log is append-only')"

# SQLite's REPLACE (INSERT OR REPLACE, REPLACE INTO) deletes the row in its way without firing
# the DELETE trigger: an insert landing on an existing id is refused before it gets there.
_SQLITE = [
    f"""CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
    WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) BEGIN {_REFUSE}; END""",
]
_SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_log_no_replace"]

# TRUNCATE fires no row trigger; a statement trigger refuses it. The service role may do
# anything to the store's tables but change or empty the audit log; roles belong to the server,
# not the database, so it is made once and only granted here.
_PG = [
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
    f"""DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SERVICE_ROLE}') THEN
        CREATE ROLE {SERVICE_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF; END $$""",
    f"GRANT USAGE ON SCHEMA public TO {SERVICE_ROLE}",
    f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public "
    f"TO {SERVICE_ROLE}",
    f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, alembic_version FROM {SERVICE_ROLE}",
    f"REVOKE INSERT ON alembic_version FROM {SERVICE_ROLE}",
    f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {SERVICE_ROLE}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE "
    f"ON TABLES TO {SERVICE_ROLE}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES "
    f"TO {SERVICE_ROLE}",
]
_PG_DOWN = [
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {SERVICE_ROLE}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM {SERVICE_ROLE}",
    f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {SERVICE_ROLE}",
    f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {SERVICE_ROLE}",
    f"REVOKE USAGE ON SCHEMA public FROM {SERVICE_ROLE}",
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
]


def upgrade() -> None:
    with op.batch_alter_table("review_tasks") as batch:
        batch.add_column(sa.Column("resolution", sa.String(200), nullable=True))
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _PG if postgres else _SQLITE:
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _PG_DOWN if postgres else _SQLITE_DOWN:
        op.execute(statement)
    with op.batch_alter_table("review_tasks") as batch:
        batch.drop_column("resolution")
