from dataclasses import replace

import polars as pl
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests.warehouse.bulk.helpers import load_into, staged_rows
from warehouse.bulk.upsert import BulkResult
from warehouse.db import transaction
from warehouse.models import PartyRow, RecordRow


def _load(url: str, staged: pl.DataFrame) -> BulkResult:
    with transaction(url) as session:
        return load_into(session.connection(), staged)


def _records(url: str) -> int:
    with transaction(url) as session:
        return session.scalar(select(func.count()).select_from(RecordRow)) or 0


def _counts(result: BulkResult) -> BulkResult:
    """The counts alone; the written records' ids are checked apart."""
    assert len(result.record_ids) == result.inserted + result.updated
    return replace(result, record_ids=())


def test_load_is_idempotent(store_url: str) -> None:
    staged = staged_rows(["ledger:a", "ledger:b"])
    first = _load(store_url, staged)
    assert _counts(first) == BulkResult(inserted=2, updated=0, unchanged=0, to_review=0)
    assert _counts(_load(store_url, staged)) == BulkResult(
        inserted=0, updated=0, unchanged=2, to_review=0
    )
    changed = staged_rows(["ledger:a"], female_name="李兰")
    again = _load(store_url, changed)
    assert _counts(again) == BulkResult(inserted=0, updated=1, unchanged=0, to_review=0)
    assert set(again.record_ids) < set(first.record_ids)
    with transaction(store_url) as session:
        names = session.scalars(select(PartyRow.name).order_by(PartyRow.id)).all()
    assert sorted(n for n in names if n) == ["李兰", "程辉忠", "程辉忠"]


def test_caller_owns_the_transaction(store_url: str) -> None:
    with transaction(store_url) as session:
        load_into(session.connection(), staged_rows(["ledger:a"]))
        session.rollback()
    assert _records(store_url) == 0


def test_failed_batch_leaves_nothing(store_url: str) -> None:
    good = staged_rows(["ledger:a"])
    # A record without a status breaks a NOT NULL constraint halfway through the load.
    broken = staged_rows(["ledger:b", "ledger:c"]).with_columns(
        pl.when(pl.col("natural_key") == "ledger:c")
        .then(None)
        .otherwise(pl.col("status"))
        .alias("status")
    )
    with transaction(store_url) as session:
        connection = session.connection()
        load_into(connection, good)
        with pytest.raises(IntegrityError):
            load_into(connection, broken)
    with transaction(store_url) as session:
        keys = session.scalars(select(RecordRow.natural_key)).all()
        parties = session.scalar(select(func.count()).select_from(PartyRow))
    assert (keys, parties) == (["ledger:a"], 2)
