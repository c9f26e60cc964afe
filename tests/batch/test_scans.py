from sqlalchemy import select

from batch.scans import load_scan_results
from hunyin.schema import Outcome, Source
from tests.factories import record
from warehouse.db import transaction
from warehouse.documents import register_document
from warehouse.models import RecordRow, ReviewTask, SourceDocument


def _register(url: str, sha: str, file: str, outcome: str | None = None) -> None:
    with transaction(url) as session:
        register_document(
            session,
            sha256=sha,
            path=file,
            kind="scan",
            batch="b",
            size_bytes=1,
            pages=1,
            outcome=outcome,
            reason="empty file" if outcome else None,
        )


def test_each_document_ends_in_exactly_one_outcome(store_url: str) -> None:
    sha_rec, sha_blank, sha_junk = "1" * 64, "2" * 64, "3" * 64
    _register(store_url, sha_rec, "a.jpg")
    _register(store_url, sha_blank, "blank.jpg")
    _register(store_url, sha_junk, "empty.jpg", outcome="quarantined")
    rec = record(file="a.jpg")
    rec.source.sha256 = sha_rec
    results = [
        rec,
        Outcome(
            status="blank",
            source=Source(file="blank.jpg", page=1, sha256=sha_blank),
            reason="blank page",
        ),
        Outcome(status="quarantined", source=Source(file="empty.jpg"), reason="empty file"),
    ]
    with transaction(store_url) as session:
        summary = load_scan_results(session, results=results, batch="b", audit_rate=1.0)
    assert (summary.load.inserted, summary.blank_pages, summary.quarantined_files) == (1, 1, 1)
    assert summary.audit_sampled == 1
    with transaction(store_url) as session:
        outcomes = {
            path: outcome
            for path, outcome in session.execute(
                select(SourceDocument.path, SourceDocument.outcome)
            )
        }
        row = session.scalar(select(RecordRow))
        task = session.scalar(select(ReviewTask))
    assert outcomes == {"a.jpg": "records", "blank.jpg": "blank", "empty.jpg": "quarantined"}
    assert row is not None and row.source_document_id is not None
    assert task is not None and task.kind == "audit_sample"
