"""Logs never hold a whole ID number: a database error while a number is bound, seen in the
log of a real server, and the log filter over every logger of the process."""

import io
import logging
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from hunyin import logs
from hunyin.domain.idnumber import ID_IN_TEXT
from tests.registry.people import groom
from warehouse.db import transaction

Headers = dict[str, str]


@pytest.fixture
def app(store_app: Any) -> Any:
    """The server of this module on SQLite and on PostgreSQL."""
    return store_app


def _whole_numbers(text_: str) -> list[str]:
    return ID_IN_TEXT.findall(text_)


def test_a_database_error_logs_no_whole_number(
    store_app: Any,
    live_server: str,
    registrar: Headers,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    number = groom()["id_number"]
    # The status query binds the number; with its table gone the statement fails in the store.
    with transaction(store_app.state.db_url) as session:
        session.execute(text("ALTER TABLE parties RENAME TO parties_gone"))
    caplog.set_level(logging.DEBUG)
    try:
        response = httpx.get(
            f"{live_server}/api/v1/status", params={"id_number": number}, headers=registrar
        )
    finally:
        # The PostgreSQL store is the session's: later tests need their table back.
        with transaction(store_app.state.db_url) as session:
            session.execute(text("ALTER TABLE parties_gone RENAME TO parties"))
    captured = capfd.readouterr()
    seen = captured.out + captured.err + caplog.text
    # A missing table is an OperationalError on SQLite (the store answers as if unavailable)
    # and a ProgrammingError on PostgreSQL (a fault of the service): either way one shape, and
    # a log line naming the failure.
    if store_app.state.db_url.startswith("sqlite"):
        assert response.status_code == 503 and response.headers["retry-after"]
        assert response.json()["error"]["code"] == "unavailable"
        assert "store unavailable" in seen
    else:
        assert response.status_code == 500
        assert response.json()["error"]["code"] == "internal"
        assert "UndefinedTable" in seen
    assert number not in seen and _whole_numbers(seen) == []


@pytest.mark.parametrize("name", ["hunyin", "uvicorn.error", "sqlalchemy.engine.Engine"])
def test_every_logger_is_masked(name: str) -> None:
    logs.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    try:
        number = groom()["id_number"]
        logger.warning("parameters: %s", {"key": number})
        try:
            raise ValueError(f"bad value {number}")
        except ValueError:
            logger.exception("failed for %s", number[:15] + "")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert "Traceback" in written and "ValueError" in written
    assert _whole_numbers(written) == []
    assert number[:10] + "******" in written


def test_store_errors_carry_no_bound_parameters(store_url: str) -> None:
    number = groom()["id_number"]
    with pytest.raises(DBAPIError) as raised, transaction(store_url) as session:
        session.execute(
            text("SELECT no_such_column FROM parties WHERE id18 = :key"), {"key": number}
        )
    assert number not in str(raised.value)
