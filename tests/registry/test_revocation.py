"""``hunyin user deactivate`` and ``hunyin user rotate-token``: honoured by a running service
once its token cache lets go (its ttl), on the service's own clock, not the test's."""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cli.main import main
from registry.users import UserCache
from tests.registry.people import groom


@pytest.fixture
def app(store_app: FastAPI) -> FastAPI:
    """Every test of this module on SQLite and on PostgreSQL."""
    return store_app


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _status(client: TestClient, token: str) -> int:
    params = {"id_number": groom()["id_number"]}
    return client.get(
        "/api/v1/status", params=params, headers={"Authorization": f"Bearer {token}"}
    ).status_code


def _token(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


@pytest.fixture
def clock(app: Any) -> Clock:
    clock = Clock()
    app.state.users = UserCache(ttl=10.0, clock=clock)
    return clock


def test_a_deactivated_user_is_refused_within_the_cache_window(
    app: Any, client: TestClient, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", app.state.db_url]
    assert (
        main(["user", "add", "--name", "li", "--office", "532301", "--role", "registrar", *db]) == 0
    )
    token = _token(capsys)
    assert _status(client, token) == 200
    assert main(["user", "deactivate", "--name", "li", *db]) == 0
    clock.now = 10.5
    assert _status(client, token) == 401
    assert main(["user", "rotate-token", "--name", "li", *db]) == 1  # deactivated: no new token
    assert main(["user", "deactivate", "--name", "nobody", *db]) == 1


def test_a_rotated_token_replaces_the_old_one(
    app: Any, client: TestClient, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", app.state.db_url]
    assert (
        main(["user", "add", "--name", "wu", "--office", "532301", "--role", "steward", *db]) == 0
    )
    old = _token(capsys)
    assert _status(client, old) == 200
    assert main(["user", "rotate-token", "--name", "wu", *db]) == 0
    new = _token(capsys)
    assert new != old
    clock.now = 10.5
    assert _status(client, old) == 401
    assert _status(client, new) == 200
