"""Engines, sessions and schema upgrades for SQLite (embedded) and PostgreSQL (shared)."""

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, Table, TextClause, create_engine, event, insert, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from warehouse.group_commit import GROUP_COMMIT, GroupCommit


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain ``postgresql://`` URLs."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _acting_as(role: str) -> Any:
    def listener(dbapi_connection: Any, _record: Any) -> None:
        # Set on the raw connection before any transaction, so it holds for the connection's
        # life (a rollback does not undo it); the name was checked against a pattern.
        cursor = dbapi_connection.cursor()
        cursor.execute(f'SET ROLE "{role}"')
        cursor.close()
        dbapi_connection.commit()

    return listener


@lru_cache(maxsize=8)
def get_engine(url: str, *, role: str | None = None, generic_plans: bool = False) -> Engine:
    """One engine per URL (and role, and plan mode) and process; SQLite files get their folder
    created.

    Bound parameters are never written into error messages (``hide_parameters``): they hold
    whole ID numbers. ``role`` (PostgreSQL) is the role every connection acts as.
    ``generic_plans`` (PostgreSQL) plans each prepared statement once for any parameters.
    """
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # No ping before each checkout: it is a round trip on every request, a third of a status
    # query's. A connection the server dropped fails its first statement instead, which
    # invalidates the pool's older connections too, and that request gets an error, never an
    # answer; recycling keeps connections from outliving an idle timeout.
    # The driver prepares a statement once a connection has run it a few times; by default the
    # server still plans it again for each set of values whenever its generic plan looks no
    # cheaper on paper. For the service's statements (look-ups by key through indexes) the
    # generic plan is as good, and planning the status statement cost more than running it
    # (5 ms against 2 ms on the 1.2 M-record store).
    options = {"options": "-c plan_cache_mode=force_generic_plan"} if generic_plans else {}
    engine = create_engine(
        url,
        pool_size=10,
        max_overflow=20,
        pool_recycle=1800,
        hide_parameters=True,
        connect_args=options,
    )
    if role:
        event.listen(engine, "connect", _acting_as(role))
    return engine


def session_factory(
    url: str, *, role: str | None = None, generic_plans: bool = False
) -> sessionmaker[Session]:
    """Sessions on the engine of ``get_engine`` (same arguments)."""
    engine = get_engine(url, role=role, generic_plans=generic_plans)
    return sessionmaker(bind=engine, expire_on_commit=False)


def autocommit_session_factory(
    url: str, *, role: str | None = None, generic_plans: bool = False
) -> sessionmaker[Session]:
    """Sessions whose every statement is its own transaction, committed when it returns.

    For work of one write after reads, such as an audited status query: no ``BEGIN`` and no
    ``COMMIT`` round trip, and the write is durable the moment its statement returns. The same
    pool as ``session_factory``'s. Its sessions share one ``GroupCommit`` (``Session.info``).
    """
    engine = get_engine(url, role=role, generic_plans=generic_plans).execution_options(
        isolation_level="AUTOCOMMIT"
    )
    # Appends to the audit log from concurrent requests share one insert and one commit.
    return sessionmaker(bind=engine, expire_on_commit=False, info={GROUP_COMMIT: GroupCommit()})


@contextmanager
def transaction(url: str) -> Iterator[Session]:
    """A session whose work commits on success and rolls back on any error."""
    with session_factory(url)() as session, session.begin():
        yield session


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("warehouse").joinpath("migrations")))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    """Bring the schema to the newest revision (every head: features add their own branches)."""
    command.upgrade(alembic_config(url), "heads")


def dialect_insert(session: Session, table: Any) -> Any:
    """An insert on ``table`` with ``on_conflict_do_update`` / ``_do_nothing`` for the store.

    One of the two dialect differences the callers need (``append_rows`` is the other).
    """
    if session.get_bind().dialect.name == "postgresql":
        return pg_insert(table)
    return sqlite_insert(table)


@cache
def _rows_from_json(table: Table, columns: tuple[str, ...]) -> TextClause:
    names = ", ".join(columns)
    return text(
        f"INSERT INTO {table.name} ({names}) SELECT {names}"
        f" FROM json_populate_recordset(NULL::{table.name}, CAST(:rows AS json))"
    )


def _as_json(value: object) -> str:
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    raise TypeError(f"no JSON for {type(value).__name__}")


def append_rows(session: Session, *, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys, every column the row needs: defaults computed
    in Python are not applied) into ``table`` in one statement, however many they are.

    On PostgreSQL the rows travel as one JSON parameter that ``json_populate_recordset``
    expands in the server: one statement, prepared once by the driver, where an executemany
    binds and sends each row on its own (a record's 36 provenance rows cost 0.9 ms of Python
    that way, 0.2 ms this way). SQLite, in process, takes an executemany at little cost.
    """
    if not rows:
        return
    columns = tuple(table.c[name].name for name in rows[0])  # KeyError for a column not there
    if session.get_bind().dialect.name == "postgresql":
        try:
            payload = json.dumps(list(rows), default=_as_json, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            # A value JSON cannot carry (a NaN, bytes): the rows go one by one, as the driver
            # binds them.
            pass
        else:
            session.execute(_rows_from_json(table, columns), {"rows": payload})
            return
    session.execute(insert(table), list(rows))
