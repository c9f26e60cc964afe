"""Tokens remembered briefly per process: every query still audited, deactivation still honoured."""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from registry.users import UserCache
from tests.registry.people import groom
from warehouse.db import transaction
from warehouse.models import AuditEntry, User

Headers = dict[str, str]


@pytest.fixture
def app(store_app: FastAPI) -> FastAPI:
    """Every test of this module on SQLite and on PostgreSQL."""
    return store_app


def _status(client: TestClient, headers: Headers) -> int:
    reply = client.get(
        "/api/v1/status", params={"id_number": groom()["id_number"]}, headers=headers
    )
    return reply.status_code


def test_every_query_with_a_remembered_token_is_audited(
    app: Any, client: TestClient, registrar: Headers
) -> None:
    assert [_status(client, registrar) for _ in range(3)] == [200, 200, 200]
    with transaction(app.state.db_url) as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.user_name, AuditEntry.office_code)
        ).all()
    assert entries == [("status_query", "registrar-532301", "532301")] * 3


def test_a_deactivated_user_is_refused_once_remembering_ends(
    app: Any, client: TestClient, registrar: Headers
) -> None:
    app.state.users = UserCache(ttl=0.0)
    assert _status(client, registrar) == 200
    with transaction(app.state.db_url) as session:
        session.execute(update(User).values(active=False))
    assert _status(client, registrar) == 401


def test_the_cache_forgets_after_its_time_and_stays_bounded(app: Any, registrar: Headers) -> None:
    with transaction(app.state.db_url) as session:
        user = session.scalars(select(User)).one()
    remembering, forgetting = UserCache(size=2), UserCache(ttl=0.0)
    for token in ("a", "b", "c"):
        remembering.put(token, user)
        forgetting.put(token, user)
    assert remembering.get("c") is user
    assert remembering.get("unknown") is None
    assert forgetting.get("c") is None
