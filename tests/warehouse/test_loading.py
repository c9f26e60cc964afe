from sqlalchemy import func, select

from hunyin.schema import Issue
from tests.factories import party, record
from warehouse.db import transaction
from warehouse.keys import scan_key
from warehouse.loading import Keyed, upsert_records
from warehouse.models import FieldProvenance, PartyRow, RecordRow, ReviewTask


def _load(url: str, *items: Keyed) -> tuple[int, int, int]:
    with transaction(url) as session:
        result = upsert_records(session, items=items, source_kind="scan", batch="b1", engine="ocr")
    return result.inserted, result.updated, result.unchanged


def _count(url: str, model: type) -> int:
    with transaction(url) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_loading_twice_adds_nothing(store_url: str) -> None:
    item = Keyed(key=scan_key(sha256="a" * 64, page=1), record=record())
    assert _load(store_url, item) == (1, 0, 0)
    assert _load(store_url, item) == (0, 0, 1)
    assert _count(store_url, RecordRow) == 1
    assert _count(store_url, PartyRow) == 2
    with transaction(store_url) as session:
        keys = session.scalars(select(PartyRow.id18)).all()
    assert sorted(keys) == ["532301199111152090", "532324198311250605"]


def test_a_changed_value_updates_in_place_and_keeps_the_old_one(store_url: str) -> None:
    key = scan_key(sha256="b" * 64, page=1)
    _load(store_url, Keyed(key=key, record=record()))
    corrected = record(male=party("male", name="程辉中"))
    assert _load(store_url, Keyed(key=key, record=corrected)) == (0, 1, 0)
    with transaction(store_url) as session:
        names = session.scalars(select(PartyRow.name).where(PartyRow.role == "male")).all()
        history = session.execute(
            select(FieldProvenance.value, FieldProvenance.previous_value).where(
                FieldProvenance.field == "male.name"
            )
        ).all()
    assert names == ["程辉中"]
    assert sorted(history, key=str) == sorted([("程辉忠", None), ("程辉中", "程辉忠")], key=str)


def test_a_doubtful_record_opens_one_review_task(store_url: str) -> None:
    doubtful = record(
        status="needs_review",
        issues=[Issue(field="male.name", rule="low-confidence", message="unsure")],
    )
    item = Keyed(key=scan_key(sha256="c" * 64, page=2), record=doubtful)
    _load(store_url, item)
    _load(store_url, item)
    with transaction(store_url) as session:
        tasks = session.scalars(select(ReviewTask)).all()
    assert [(t.kind, t.state, t.reasons[0]["rule"]) for t in tasks] == [
        ("doubt", "open", "low-confidence")
    ]
