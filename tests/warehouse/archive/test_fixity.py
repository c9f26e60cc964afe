"""Fixity: one byte of a stored scan changed and another scan deleted are both reported, by
the command, by the Dagster job's check, and in the audit log; a changed file is never read
again as new."""

import json
from pathlib import Path

import pytest
from dagster import DagsterInstance
from sqlalchemy import select

from batch.intake import BatchIntake, LedgerFile, refuse_changed
from cli.main import main
from hunyin.digest import sha256_of
from hunyin.settings import Settings
from ocr.intake import FileInventory
from pipelines.definitions import build_definitions
from warehouse.db import transaction
from warehouse.documents import register_document
from warehouse.fixity import ACTION, check_fixity
from warehouse.models import AuditEntry


def _store_files(url: str, folder: Path, samples_dir: Path) -> list[Path]:
    """Three scans and a ledger registered as the intake does."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [
        samples_dir / "scans/532301/2018/00002.png",
        samples_dir / "scans/532321/1978/00017.jpg",
        samples_dir / "scans/532322/1977/00005.tif",
        samples_dir / "ledgers/532302-ledger.csv",
    ]
    stored = []
    with transaction(url) as session:
        for n, source in enumerate(sources):
            path = folder / f"{n}{source.suffix}"
            path.write_bytes(source.read_bytes())
            register_document(
                session,
                sha256=sha256_of(path),
                path=str(path.resolve()),
                kind="ledger" if path.suffix == ".csv" else "scan",
                batch="532301-t1",
                size_bytes=path.stat().st_size,
                outcome="records",
            )
            stored.append(path)
    return stored


def _damage(altered: Path, removed: Path) -> None:
    data = bytearray(altered.read_bytes())
    data[len(data) // 2] ^= 0x01
    altered.write_bytes(bytes(data))
    removed.unlink()


def test_one_altered_one_missing(
    store_url: str, tmp_path: Path, samples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _store_files(store_url, tmp_path / "inbox", samples_dir)
    assert main(["fixity", "--db", store_url, "--json"]) == 0
    clean = json.loads(capsys.readouterr().out)
    assert clean == {"checked": 4, "ok": 4, "altered": 0, "missing": 0, "problems": []}
    _damage(files[0], files[2])
    assert main(["fixity", "--db", store_url, "--json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert (found["checked"], found["ok"], found["altered"], found["missing"]) == (4, 2, 1, 1)
    problems = {p["path"]: p["outcome"] for p in found["problems"]}
    assert problems == {str(files[0].resolve()): "altered", str(files[2].resolve()): "missing"}
    with transaction(store_url) as session:
        events = session.scalars(select(AuditEntry).where(AuditEntry.action == ACTION)).all()
    assert len(events) == 8  # one event per file per check
    outcomes = sorted(e.details["outcome"] for e in events[4:])  # type: ignore[index]
    assert outcomes == ["altered", "missing", "ok", "ok"]


def test_the_weekly_schedule_runs_a_check_that_fails_the_same_way(
    tmp_path: Path, samples_dir: Path
) -> None:
    settings = Settings(
        db_url=f"sqlite:///{tmp_path / 'store.db'}",
        var_dir=tmp_path / "var",
        inbox_dir=tmp_path / "inbox",
    )
    from warehouse.store import prepare

    files = _store_files(prepare(settings.db_url), tmp_path / "inbox", samples_dir)
    defs = build_definitions(settings)
    schedule = defs.resolve_schedule_def("weekly_fixity")
    assert schedule.cron_schedule == "0 3 * * 1" and schedule.job_name == "fixity_job"
    job = defs.resolve_job_def("fixity_job")
    with DagsterInstance.ephemeral() as instance:
        assert _check(job.execute_in_process(instance=instance)) == (True, 0, 0, "none")
        _damage(files[1], files[3])
        passed, altered, missing, listed = _check(
            job.execute_in_process(instance=instance, raise_on_error=False)
        )
    assert (passed, altered, missing) == (False, 1, 1)
    assert f"altered: {files[1].resolve()}" in listed
    assert f"missing: {files[3].resolve()}" in listed


def _check(result: object) -> tuple[bool, int, int, str]:
    evaluations = result.get_asset_check_evaluations()  # type: ignore[attr-defined]
    (evaluation,) = evaluations
    meta = evaluation.metadata
    return (
        evaluation.passed,
        meta["altered"].value,
        meta["missing"].value,
        meta["problems"].value,
    )


def test_a_file_changed_after_intake_is_quarantined_not_read_as_new(
    sqlite_url: str, tmp_path: Path, samples_dir: Path
) -> None:
    root = tmp_path / "inbox" / "532301" / "t1"
    scan = _store_files(sqlite_url, root, samples_dir)[0]
    ledger_path = root / "3.csv"
    _damage(scan, root / "2.tif")
    ledger_path.write_bytes(ledger_path.read_bytes() + b"\n")
    taken = BatchIntake(
        batch_key="532301-t1",
        root=root,
        scans=[FileInventory("0.png", sha256_of(scan), scan.stat().st_size, "image/png", 1)],
        ledgers=[LedgerFile("3.csv", ledger_path, sha256_of(ledger_path), 1)],
    )
    with transaction(sqlite_url) as session:
        guarded = refuse_changed(session, intake=taken)
        clean = check_fixity(session)
    outcome = guarded.scans[0].outcome
    assert outcome is not None and outcome.status == "quarantined"
    assert outcome.reason.startswith("changed since intake")
    assert guarded.ledgers[0].refused and "changed since intake" in guarded.ledgers[0].refused
    assert clean.altered == 2


def test_a_file_refused_at_intake_may_be_handed_in_again(sqlite_url: str, tmp_path: Path) -> None:
    root = tmp_path / "inbox" / "532301" / "t1"
    root.mkdir(parents=True)
    scan = root / "a.jpg"
    scan.write_bytes(b"truncated")
    with transaction(sqlite_url) as session:
        register_document(
            session,
            sha256=sha256_of(scan),
            path=str(scan.resolve()),
            kind="scan",
            batch="532301-t1",
            size_bytes=9,
            outcome="quarantined",
            reason="unreadable image",
        )
    scan.write_bytes(b"the whole file")
    taken = BatchIntake(
        batch_key="532301-t1",
        root=root,
        scans=[FileInventory("a.jpg", sha256_of(scan), 14, "image/jpeg", 1)],
    )
    with transaction(sqlite_url) as session:
        assert refuse_changed(session, intake=taken).scans[0].outcome is None
