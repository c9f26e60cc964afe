"""The sample ledgers against their truth: batch and incremental linking reach the targets."""

from pathlib import Path

from sqlalchemy import func, select

from bench.linkage_scores import Scores, evaluate
from tests.warehouse.linkage.helpers import load
from tests.warehouse.linkage.sample_ledgers import read_all, read_truth
from warehouse.db import transaction
from warehouse.linkage import link_pending, link_records
from warehouse.models import LinkModel, LinkPrediction, PersonRow


def _scores(url: str, ledgers: Path) -> Scores:
    with transaction(url) as session:
        return evaluate(session, truth=read_truth(ledgers))


def _meets_targets(scores: Scores) -> None:
    assert scores.recall >= 0.97
    assert scores.precision >= 0.99
    assert scores.recall_persons_without_number >= 0.97


def test_batch_run_links_the_prefecture_and_keeps_its_model(
    store_url: str, samples_dir: Path
) -> None:
    ledgers = samples_dir / "ledgers"
    load(store_url, read_all(ledgers))
    with transaction(store_url) as session:
        result = link_records(session)
    assert result.linked == result.parties
    _meets_targets(_scores(store_url, ledgers))
    with transaction(store_url) as session:
        persons = session.scalar(select(func.count()).select_from(PersonRow))
        assert session.scalar(select(func.count()).select_from(LinkModel)) == 1
        assert (session.scalar(select(func.count()).select_from(LinkPrediction)) or 0) > 0
    with transaction(store_url) as session:
        link_records(session)
        assert session.scalar(select(func.count()).select_from(PersonRow)) == persons


def test_batches_linked_one_after_another_match_the_batch_run(
    sqlite_url: str, samples_dir: Path
) -> None:
    # Incremental linking on PostgreSQL is covered by the smaller cases of test_linkage_people.
    ledgers = samples_dir / "ledgers"
    records = read_all(ledgers)
    for part in (records[::2], records[1::2]):
        load(sqlite_url, part)
        with transaction(sqlite_url) as session:
            link_pending(session)
    _meets_targets(_scores(sqlite_url, ledgers))
