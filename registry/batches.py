"""The archivist's batches: handing one in to the inbox, and its progress as the graph sees it.

A batch handed in is a folder ``{inbox}/{office}/{batch}/``, the same that the inbox sensor turns
into a partition and a run, so the page and the Dagster graph never disagree about what was
handed in. Progress is read from the two places the graph writes: the run of the batch's
partition in the Dagster instance (``queued`` while there is none, as without a daemon) and the
store's documents table, one row per file with its outcome and reason.
"""

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hunyin.errors import InputError
from hunyin.inbox import Batch, discover, files_of
from hunyin.messages import translate
from warehouse.models import RecordRow, SourceDocument

BATCH_NAME = re.compile(r"^[\w.\-]{1,64}$")
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


@dataclass
class FileOutcome:
    """One file of a batch: where it stands and, if refused, why (in Chinese)."""

    path: str
    state: str  # waiting | records | needs_review | blank | quarantined
    pages: int = 0
    accepted: int = 0
    to_review: int = 0
    reason: str | None = None


@dataclass
class BatchProgress:
    key: str
    office_code: str
    name: str
    run: str  # queued | running | succeeded | failed
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for f in self.files if f.state != "waiting")


def _safe_name(name: str) -> str:
    """A file name without folders or dot-files (an upload names itself; trust none of it)."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    if not base or base.startswith("."):
        raise InputError(f"not a usable file name: {name[:60]}")
    return base


def new_batch_folder(inbox: Path, *, office_code: str, name: str) -> Path:
    """The folder of a batch not handed in before; InputError for a bad or taken name."""
    if not BATCH_NAME.fullmatch(name):
        raise InputError("batch name: letters, digits, '.', '-' and '_' only")
    folder = inbox / office_code / name
    if folder.exists():
        raise InputError(f"batch {office_code}-{name} exists already")
    return folder


def _staging(folder: Path) -> Path:
    """Where a batch is put together before it appears: beside the office folders, under a
    name no office has, so the sensor never sees half a batch."""
    staging = folder.parent.parent / ".staging" / f"{folder.parent.name}-{folder.name}"
    try:
        staging.mkdir(parents=True, exist_ok=False)
    except FileExistsError as exc:
        raise InputError(f"batch {folder.parent.name}-{folder.name} exists already") from exc
    folder.parent.mkdir(parents=True, exist_ok=True)
    return staging


def hand_in_files(folder: Path, files: list[tuple[str, bytes]]) -> int:
    """Write uploaded files into a new batch folder; the folder appears whole or not at all."""
    staging = _staging(folder)
    try:
        for name, content in files:
            (staging / _safe_name(name)).write_bytes(content)
        # a rename: the sensor never sees a half-copied batch
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(files)


def hand_in_share_folder(folder: Path, *, share: Path | None, relative: str) -> int:
    """Copy a folder from under the archive's share into a new batch folder."""
    if share is None:
        raise InputError("no archive share is configured")
    source = (share / relative.strip().lstrip("/")).resolve()
    if not source.is_relative_to(share.resolve()) or not source.is_dir():
        raise InputError("the folder is not on the archive's share")
    staging = _staging(folder)
    try:
        shutil.copytree(source, staging, symlinks=False, dirs_exist_ok=True)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(files_of(Batch(office_code=folder.parent.name, name=folder.name, path=folder)))


def batches_of(inbox: Path, *, office_codes: set[str] | None) -> list[Batch]:
    """The inbox's batches of these offices (``None``: every office), newest name last."""
    return [b for b in discover(inbox) if office_codes is None or b.office_code in office_codes]


def _outcomes(session: Session, batch: Batch) -> dict[str, FileOutcome]:
    documents = session.scalars(select(SourceDocument).where(SourceDocument.batch == batch.key))
    rows = session.execute(
        select(RecordRow.source_document_id, RecordRow.status, func.count())
        .where(RecordRow.batch == batch.key)
        .group_by(RecordRow.source_document_id, RecordRow.status)
    ).all()
    by_document: dict[int | None, dict[str, int]] = {}
    for document_id, status, count in rows:
        by_document.setdefault(document_id, {})[status] = count
    found: dict[str, FileOutcome] = {}
    root = batch.path.resolve()
    for doc in documents:
        path = Path(doc.path)
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        counts = by_document.get(doc.id, {})
        review = counts.get("needs_review", 0)
        state = doc.outcome or "waiting"
        if state == "records" and review:
            state = "needs_review"
        found[rel] = FileOutcome(
            path=rel,
            state=state,
            pages=doc.pages,
            accepted=counts.get("accepted", 0),
            to_review=review,
            reason=translate(doc.reason) if doc.reason else None,
        )
    return found


def progress(session: Session, batch: Batch, *, run: str) -> BatchProgress:
    """Every file of the batch with its outcome so far (``waiting`` until the graph reaches it)."""
    found = _outcomes(session, batch)
    files = [
        found.pop(rel, FileOutcome(path=rel, state="waiting"))
        for rel in (p.relative_to(batch.path).as_posix() for p in files_of(batch))
    ]
    return BatchProgress(
        key=batch.key,
        office_code=batch.office_code,
        name=batch.name,
        run=run,
        files=files + list(found.values()),
    )


# Dagster run statuses as the page names them: a batch with no run yet is queued.
_RUN_STATES = {
    "QUEUED": "queued",
    "NOT_STARTED": "queued",
    "STARTING": "running",
    "STARTED": "running",
    "CANCELING": "running",
    "SUCCESS": "succeeded",
    "FAILURE": "failed",
    "CANCELED": "failed",
}


def run_states(keys: list[str]) -> dict[str, str]:
    """The latest run of each batch's partition; ``queued`` without one or without an instance."""
    states = dict.fromkeys(keys, "queued")
    if not keys or not os.environ.get("DAGSTER_HOME"):
        return states
    # imported here: only the archivist's page needs Dagster, not every worker of the service
    from dagster import DagsterInstance, RunsFilter

    try:
        instance = DagsterInstance.get()
    except Exception:  # an instance that cannot be opened is no run: the page shows "queued"
        return states
    with instance:
        for key in keys:
            runs = instance.get_runs(RunsFilter(tags={"dagster/partition": key}), limit=1)
            if runs:
                states[key] = _RUN_STATES.get(runs[0].status.name, "queued")
    return states
