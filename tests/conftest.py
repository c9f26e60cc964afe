"""Shared fixtures: throwaway stores on SQLite and on a real PostgreSQL server.

PostgreSQL tests use ``HUNYIN_TEST_PG_URL`` (default: the local server) and create one database
per test session, dropped at the end. Without a server they skip with the reason, except when
``HUNYIN_REQUIRE_PG`` is set (as in CI), where a missing server is a failure.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text

from bench.database import SERVER_URL, throwaway_database
from warehouse.db import normalise_url
from warehouse.store import prepare

# No per-example deadline: on a loaded machine an example may take longer than usual, and a
# test must fail for what it checks, never for how fast the machine was.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

PG_URL = SERVER_URL
REPO = Path(__file__).resolve().parent.parent

# Property tests check properties, not speed: a busy machine must not fail them on a deadline.
settings.register_profile("hunyin", deadline=None)
settings.load_profile("hunyin")


def _shared_samples() -> Path:
    """The bundled samples: the repository's copy, else the spec folder beside the checkout."""
    for candidate in (REPO / "samples", REPO.parent / "shared" / "samples"):
        if (candidate / "scans").is_dir():
            return candidate
    raise FileNotFoundError("no sample batch found")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return _shared_samples()


def reachable_pg_server() -> str:
    """The server's admin URL; skips the test without a server (fails it where one is required)."""
    admin_url = normalise_url(PG_URL)
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:
        if os.environ.get("HUNYIN_REQUIRE_PG"):
            pytest.fail(f"PostgreSQL is required but not reachable at {PG_URL}: {exc}")
        pytest.skip(f"no PostgreSQL server at {PG_URL}: {exc}")
    admin.dispose()
    return admin_url


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards."""
    with throwaway_database(reachable_pg_server(), prefix="hunyin_test") as url:
        yield url


@pytest.fixture(scope="session")
def pg_url(pg_server_url: str) -> str:
    """The session's PostgreSQL store, migrated and seeded."""
    return prepare(pg_server_url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite store per test, migrated and seeded."""
    return prepare(f"sqlite:///{tmp_path / 'hunyin.db'}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on both backends: SQLite per test, PostgreSQL per session (tables emptied)."""
    if request.param == "sqlite":
        return prepare(f"sqlite:///{tmp_path / 'hunyin.db'}")
    url: str = request.getfixturevalue("pg_url")
    _empty_tables(url)
    return url


def _empty_tables(url: str) -> None:
    from warehouse.db import get_engine
    from warehouse.models import Base

    keep = {"offices", "alembic_version"}
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables if t.name not in keep)
    with get_engine(url).begin() as conn:
        # The audit log refuses TRUNCATE to everyone but a superuser turning its triggers off.
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
