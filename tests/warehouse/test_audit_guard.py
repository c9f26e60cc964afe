"""The audit log is append-only against every way of rewriting it, and the service acts as a
role that may only add to it (PostgreSQL)."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from hunyin.settings import get_settings
from warehouse.db import session_factory, transaction

_ENTRY = (
    "INSERT INTO audit_log (id, at, user_name, action) VALUES (900000001, '2026-01-01', 'u', 'a')"
)
_BOTH = [
    "UPDATE audit_log SET purpose = 'x'",
    "DELETE FROM audit_log",
    "INSERT INTO audit_log (id, at, user_name, action) VALUES (900000001, '2026-01-02', 'v', 'b') "
    "ON CONFLICT (id) DO UPDATE SET user_name = excluded.user_name",
]
_SQLITE = [
    "INSERT OR REPLACE INTO audit_log (id, at, user_name, action) "
    "VALUES (900000001, '2026-01-02', 'v', 'b')",
    "REPLACE INTO audit_log (id, at, user_name, action) VALUES (900000001, '2026-01-02', 'v', 'b')",
    "UPDATE OR REPLACE audit_log SET user_name = 'v'",
]
_PG = ["TRUNCATE audit_log", "TRUNCATE audit_log CASCADE"]


def test_no_statement_rewrites_an_entry(store_url: str) -> None:
    with transaction(store_url) as session:
        session.execute(text(_ENTRY))
        postgres = session.get_bind().dialect.name == "postgresql"
    for statement in _BOTH + (_PG if postgres else _SQLITE):
        with pytest.raises(DatabaseError), transaction(store_url) as session:
            session.execute(text(statement))
    with transaction(store_url) as session:
        rows = session.execute(text("SELECT id, user_name, action FROM audit_log")).all()
    assert [tuple(r) for r in rows] == [(900000001, "u", "a")]


@pytest.mark.postgres
def test_the_service_role_may_only_add_to_the_audit_log(pg_url: str) -> None:
    sessions = session_factory(pg_url, role=get_settings().service_role)
    with sessions() as session, session.begin():
        who = session.execute(
            text("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        ).one()
        assert tuple(who) == ("hunyin_service", False)
        session.execute(
            text("INSERT INTO audit_log (at, user_name, action) VALUES (now(), 'svc', 'probe')")
        )
        # The rest of the store is the service's to write.
        session.execute(text("UPDATE offices SET name = name WHERE code = '532301'"))
    for statement in [*_BOTH, *_PG, "ALTER TABLE audit_log DISABLE TRIGGER USER"]:
        refused = pytest.raises(DatabaseError, match=r"permission denied|must be owner")
        with refused, sessions() as session, session.begin():
            session.execute(text(statement))
    with sessions() as session:
        assert (
            session.execute(text("SELECT count(*) FROM audit_log WHERE action = 'probe'")).scalar()
            == 1
        )
