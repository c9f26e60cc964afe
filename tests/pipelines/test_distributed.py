"""The batch job on Celery workers over a real Redis: every page once, whatever fails.

Pages are read by a scripted engine (tests/pipelines/celery_location.py) so that the test is
about distribution, not OCR; everything else (intake, extraction, rules, the store, Dagster's
instance, broker and workers) is the real thing.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from tests.pipelines.celery_location import GATE_DIR_ENV, GATE_PAGE_ENV
from tests.pipelines.conftest import KEY, Cluster, write_instance
from warehouse.db import transaction
from warehouse.models import RecordRow, SourceDocument

PAGES = range(12)  # four slices of three pages


def _pages_in_store(url: str) -> list[tuple[str, int, str | None]]:
    """Every scanned record: its file's SHA-256, its page and its certificate number."""
    with transaction(url) as session:
        rows = session.execute(
            select(SourceDocument.sha256, RecordRow.page, RecordRow.certificate_no)
            .join(SourceDocument, RecordRow.source_document_id == SourceDocument.id)
            .where(RecordRow.source_kind == "scan", RecordRow.batch == KEY)
        ).all()
    return [(sha, page, number) for sha, page, number in rows]


def _assert_every_page_once(url: str) -> None:
    pages = _pages_in_store(url)
    assert len(pages) == len(PAGES)
    assert len({(sha, page) for sha, page, _ in pages}) == len(PAGES)
    assert {number for _, _, number in pages} == {f"J532301-2018-{s + 1:06d}" for s in PAGES}
    with transaction(url) as session:
        files = session.scalar(
            select(func.count()).select_from(SourceDocument).where(SourceDocument.batch == KEY)
        )
    assert files == len(PAGES)


@pytest.mark.postgres
@pytest.mark.slow
def test_two_workers_on_a_postgres_instance_store_every_page_once(
    cluster: Cluster, dagster_pg_url: str
) -> None:
    cluster.env["HUNYIN_DAGSTER_PG_URL"] = dagster_pg_url
    write_instance(cluster)
    assert "postgres" in (Path(cluster.env["DAGSTER_HOME"]) / "dagster.yaml").read_text()
    cluster.add_pages(PAGES)
    cluster.start_worker("w1")
    cluster.start_worker("w2")

    first = cluster.run_batch()
    assert first["success"] is True
    _assert_every_page_once(cluster.store_url)

    # The run and its step events are in PostgreSQL, where every machine sees them.
    engine = create_engine(dagster_pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            status = conn.execute(
                text("select status from runs where run_id = :id"), {"id": first["run_id"]}
            ).scalar()
            slices = conn.execute(
                text(
                    "select count(distinct step_key) from event_logs where run_id = :id"
                    " and dagster_event_type = 'STEP_SUCCESS'"
                    " and step_key like 'ocr_readings.read_slice%'"
                ),
                {"id": first["run_id"]},
            ).scalar()
    finally:
        engine.dispose()
    assert status == "SUCCESS"
    assert slices == 4

    # A second run of the same batch reads nothing again and writes nothing twice.
    assert cluster.run_batch()["success"] is True
    _assert_every_page_once(cluster.store_url)


@pytest.mark.slow
def test_a_worker_killed_mid_slice_loses_no_page(cluster: Cluster, tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    gate.mkdir()
    cluster.env |= {GATE_DIR_ENV: str(gate), GATE_PAGE_ENV: "4"}  # the second slice's middle
    write_instance(cluster)
    cluster.add_pages(PAGES)
    cluster.start_worker("w1")
    cluster.start_worker("w2")
    run = cluster.start_batch()
    try:
        reader = _wait_for_reader(gate, run)
        # The worker process reading the slice dies without a word, as on an OOM kill.
        os.kill(reader, signal.SIGKILL)
        (gate / "release").touch()
        out, err = run.communicate(timeout=900)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, err[-3000:]
    assert '"success": true' in out
    readers = {p.name for p in gate.glob("reading-*")}
    assert len(readers) == 2, readers  # the killed process, then the one that read it again
    _assert_every_page_once(cluster.store_url)


def _wait_for_reader(gate: Path, run: subprocess.Popen[str]) -> int:
    """The process id of the worker process that holds the gated page."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and run.poll() is None:
        found = sorted(gate.glob("reading-*"))
        if found:
            return int(found[0].name.split("-", 1)[1])
        time.sleep(0.1)
    pytest.fail(f"no worker reached the gated page (run exit code {run.poll()})")
