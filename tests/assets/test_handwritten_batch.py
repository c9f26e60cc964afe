"""A batch whose handwritten page carries a date nobody can read still materialises, and the
page waits in the review queue with the reading that failed."""

import random
from pathlib import Path

import pytest
from dagster import DagsterInstance, materialize
from sqlalchemy import select

from assets.resources import OcrResource
from hunyin.settings import Settings
from pipelines.definitions import graph, resources
from synth.scans import batchgen, render
from synth.scans.people import make_record
from warehouse.db import transaction
from warehouse.models import RecordRow, SourceDocument
from warehouse.models.review import ReviewTask

BATCH = "532301-hw"
# What the clerk wrote in the 登记日期 cell: a slip of the pen no grammar of dates accepts.
_UNREADABLE = "20B年08月1日号"


@pytest.fixture
def handwritten_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    rng = random.Random(13)
    record = make_record(rng)
    while record["registration_date"] < "2009":
        record = make_record(rng)
    written = render.styled_date

    def styled(iso: str, rng: random.Random) -> str:
        return _UNREADABLE if iso == record["registration_date"] else written(iso, rng)

    monkeypatch.setattr(render, "styled_date", styled)
    page = batchgen.make_page(record, rng, dpis=(200,), hands="tune")
    folder = tmp_path / "inbox" / "532301" / "hw"
    folder.mkdir(parents=True)
    page.save(folder / "00001.png")
    return Settings(
        db_url=f"sqlite:///{tmp_path / 'store.db'}",
        var_dir=tmp_path / "var",
        inbox_dir=tmp_path / "inbox",
        audit_sample_rate=0.0,
    )


@pytest.mark.ocr
def test_unreadable_handwritten_date_materialises_into_the_review_queue(
    handwritten_settings: Settings,
) -> None:
    instance = DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("batches", [BATCH])
    result = materialize(
        graph(),
        partition_key=BATCH,
        instance=instance,
        resources=resources(handwritten_settings, ocr=OcrResource(workers=1)),
    )
    assert result.success
    with transaction(handwritten_settings.db_url) as session:
        document = session.scalar(select(SourceDocument))
        record = session.scalar(select(RecordRow).where(RecordRow.source_kind == "scan"))
        task = session.scalar(select(ReviewTask))
        assert document is not None and document.outcome == "records"
        assert record is not None and record.status == "needs_review"
        assert record.registration_date is None
        assert task is not None and task.record_id == record.id and task.state == "open"
        date_doubts = [i for i in record.issues if i.get("field") == "registration_date"]
    assert date_doubts, record.issues
