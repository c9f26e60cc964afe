from sqlalchemy import inspect

from tests.warehouse.bulk.helpers import load_into, staged_rows
from warehouse.bulk.indexes import TABLES, deferred_indexes
from warehouse.db import get_engine, transaction


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
