import pytest
from sqlalchemy import inspect, text

from bench.database import throwaway_database
from tests.conftest import reachable_pg_server
from tests.warehouse.bulk.helpers import load_into, staged_rows
from warehouse.bulk.indexes import TABLES, deferred_indexes
from warehouse.db import get_engine, transaction
from warehouse.store import prepare


def _index_names(url: str) -> set[str]:
    """The loaded tables' indexes and foreign keys, by name."""
    inspector = inspect(get_engine(url))
    indexes = {i["name"] or "" for t in TABLES for i in inspector.get_indexes(t)}
    return indexes | {k["name"] or "" for t in TABLES for k in inspector.get_foreign_keys(t)}


def test_backfill_sets_indexes_aside_and_builds_them_again(store_url: str) -> None:
    before = _index_names(store_url)
    with transaction(store_url) as session:
        connection = session.connection()
        with deferred_indexes(connection) as deferred:
            load_into(connection, staged_rows(["ledger:a"]))
    assert deferred == (get_engine(store_url).dialect.name == "postgresql")
    assert _index_names(store_url) == before
    with transaction(store_url) as session, deferred_indexes(session.connection()) as again:
        assert not again  # the store holds a record now


@pytest.mark.postgres
def test_a_backfill_leaves_the_planner_statistics_of_what_it_loaded() -> None:
    # A database of its own: the session's store keeps statistics of earlier tests' rows.
    with throwaway_database(reachable_pg_server(), prefix="hunyin_test") as server_url:
        url = prepare(server_url)
        with transaction(url) as session:
            connection = session.connection()
            with deferred_indexes(connection) as deferred:
                load_into(connection, staged_rows(["ledger:a", "ledger:b"]))
        assert deferred
        with get_engine(url).connect() as connection:
            analysed = connection.execute(
                text("SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = 'public'")
            ).scalars()
            assert set(TABLES) <= set(analysed)
