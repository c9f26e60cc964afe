"""Importing ledger files into the store, file by file, with an account of every row.

Whatever an import wrote is linked into the person index before it returns: a status query
right after it sees the whole history.
"""

import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from batch.intake import changed_since_intake
from batch.ledger_events import HeldEvents, load_events
from batch.ledger_prepare import PreparedLedger, Quarantined, prepare_ledger
from hunyin.digest import sha256_of
from hunyin.errors import InputError
from warehouse.bulk.indexes import deferred_indexes
from warehouse.bulk.upsert import load_frame
from warehouse.db import transaction
from warehouse.documents import register_document, update_reason
from warehouse.linkage import LinkResult, link_records

ENGINE = "ledger"
# How many quarantined rows a document's reason names; the count is always complete.
_REASONS_SHOWN = 20


@dataclass(slots=True)
class LedgerSummary:
    """What became of every row read: the last four counts add up to ``rows_read``."""

    rows_read: int = 0
    imported: int = 0
    already_present: int = 0
    to_review: int = 0
    quarantined: int = 0
    linked: LinkResult = field(default_factory=LinkResult)  # what linking them did
    link_seconds: float = 0.0
    quarantine: list[tuple[str, Quarantined]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that could not be read, and why
    record_ids: list[int] = field(default_factory=list)  # records written, for the index
    held: list[HeldEvents] = field(default_factory=list)  # event rows settled at the end

    def add(self, other: "LedgerSummary") -> None:
        """Fold another file's summary into this one."""
        self.rows_read += other.rows_read
        self.imported += other.imported
        self.already_present += other.already_present
        self.to_review += other.to_review
        self.quarantined += other.quarantined
        self.quarantine += other.quarantine
        self.failed += other.failed
        self.record_ids += other.record_ids
        self.held += other.held

    def counts(self) -> dict[str, int]:
        """The ``--json`` summary of ``contracts.md``."""
        return {
            "rows_read": self.rows_read,
            "imported": self.imported,
            "already_present": self.already_present,
            "to_review": self.to_review,
            "quarantined": self.quarantined,
        }


def _reason(quarantined: list[Quarantined]) -> str | None:
    if not quarantined:
        return None
    shown = "; ".join(f"row {q.row}: {q.reason}" for q in quarantined[:_REASONS_SHOWN])
    more = len(quarantined) - _REASONS_SHOWN
    return f"{len(quarantined)} rows quarantined: {shown}" + (f"; {more} more" if more > 0 else "")


def load_ledger(session: Session, prepared: PreparedLedger, *, batch: str | None) -> LedgerSummary:
    """Load a prepared ledger in the caller's transaction: its document, records and reviews."""
    document_id = register_document(
        session,
        sha256=prepared.sha256,
        path=str(prepared.path.resolve()),
        kind="ledger",
        batch=batch,
        size_bytes=prepared.size_bytes,
        pages=prepared.rows_read,
        outcome="records",
        reason=_reason(prepared.quarantined),
    )
    result = load_frame(
        session.connection(),
        prepared.staged,
        source_kind="ledger",
        source_document_id=document_id,
        batch=batch,
        engine=ENGINE,
    )
    # After the registrations: an event row's marriage may be in the same ledger, or in a
    # later file of the import (held, and settled once every file is in).
    events = load_events(session, prepared.events, ledger=prepared.path.name, hold=True)
    quarantined = sorted([*prepared.quarantined, *events.quarantined], key=lambda q: q.row)
    if events.quarantined:
        update_reason(session, document_id=document_id, reason=_reason(quarantined))
    held = [HeldEvents(prepared.path.name, document_id, events.held, quarantined)]
    return LedgerSummary(
        rows_read=prepared.rows_read,
        imported=result.inserted + result.updated - result.to_review + events.imported,
        already_present=result.unchanged + prepared.repeated + events.already_present,
        to_review=result.to_review,
        quarantined=len(quarantined),
        quarantine=[(prepared.path.name, q) for q in quarantined],
        record_ids=list(result.record_ids),
        held=held if events.held else [],
    )


def settle_held(session: Session, summary: LedgerSummary) -> None:
    """Once every file of an import is in: the event rows held for a marriage in a later file,
    stored now, or quarantined with the reason when the store still has no marriage for them."""
    for held in summary.held:
        events = load_events(session, held.rows, ledger=held.ledger)
        summary.imported += events.imported
        summary.already_present += events.already_present
        summary.quarantined += len(events.quarantined)
        summary.quarantine += [(held.ledger, q) for q in events.quarantined]
        if events.quarantined:
            every = sorted([*held.quarantined, *events.quarantined], key=lambda q: q.row)
            update_reason(session, document_id=held.document_id, reason=_reason(every))
    summary.held = []


def import_ledger(
    session: Session, path: Path, *, office_code: str | None = None, batch: str | None = None
) -> LedgerSummary:
    """Import one ledger file in the caller's transaction; raises on an unreadable file."""
    summary = load_ledger(session, prepare_ledger(path, office_code=office_code), batch=batch)
    settle_held(session, summary)
    return summary


def _read_ahead(
    paths: Sequence[Path], office_code: str | None
) -> Iterator[tuple[Path, "Future[PreparedLedger]"]]:
    """Each file with its reading, the next one already under way in a thread.

    Reading is polars work in this process and loading is the database's, so the two overlap.
    """
    with ThreadPoolExecutor(max_workers=1) as reader:
        reading: deque[tuple[Path, Future[PreparedLedger]]] = deque()
        for path in paths:
            reading.append((path, reader.submit(prepare_ledger, path, office_code=office_code)))
            if len(reading) > 1:
                yield reading.popleft()
        while reading:
            yield reading.popleft()


def quarantine_file(session: Session, path: Path, *, reason: str, batch: str | None) -> None:
    """The archivist's account of a ledger file that could not be read: refused, with why."""
    register_document(
        session,
        sha256=sha256_of(path),
        path=str(path.resolve()),
        kind="ledger",
        batch=batch,
        size_bytes=path.stat().st_size,
        outcome="quarantined",
        reason=reason,
    )


def _load(
    session: Session, path: Path, reading: "Future[PreparedLedger]", *, batch: str | None
) -> LedgerSummary:
    try:
        prepared = reading.result()
    except InputError as exc:
        message = str(exc) if path.name in str(exc) else f"{path.name}: {exc}"
        quarantine_file(session, path, reason=message, batch=batch)
        return LedgerSummary(failed=[message])
    changed = changed_since_intake(session, path=path, sha256=prepared.sha256)
    if changed:
        quarantine_file(session, path, reason=changed, batch=batch)
        return LedgerSummary(failed=[f"{path.name}: {changed}"])
    return load_ledger(session, prepared, batch=batch)


def import_ledgers(
    url: str, paths: Sequence[Path], *, office_code: str | None = None, batch: str | None = None
) -> LedgerSummary:
    """Import files; unreadable ones are skipped and listed in ``failed``.

    Into an empty PostgreSQL store (a first backfill) all files load in one transaction with
    the secondary indexes built at the end; otherwise each file has its own transaction.
    """
    summary = LedgerSummary()
    files = _read_ahead(paths, office_code)
    with transaction(url) as session, deferred_indexes(session.connection()) as backfill:
        if backfill:
            for path, reading in files:
                summary.add(_load(session, path, reading, batch=batch))
            settle_held(session, summary)
    if not backfill:
        for path, reading in files:
            with transaction(url) as session:
                summary.add(_load(session, path, reading, batch=batch))
        if summary.held:
            with transaction(url) as session:
                settle_held(session, summary)
    link_written(url, summary)
    return summary


def link_written(url: str, summary: LedgerSummary) -> None:
    """Link the records an import wrote (a rebuild when they are a backfill's share)."""
    if summary.record_ids:
        started = time.perf_counter()
        with transaction(url) as session:
            summary.linked = link_records(session, record_ids=summary.record_ids)
        summary.link_seconds = time.perf_counter() - started


def import_batch(
    url: str, *, paths: Sequence[Path], office_code: str | None, batch: str
) -> tuple[LedgerSummary, dict[str, str]]:
    """Import every ledger; a file that cannot be read is quarantined with its reason.

    One transaction per file: a bad file leaves nothing half-loaded and does not undo the
    files before it.
    """
    total = LedgerSummary()
    refused: dict[str, str] = {}
    for path in paths:
        try:
            with transaction(url) as session:
                prepared = prepare_ledger(path, office_code=office_code)
                total.add(load_ledger(session, prepared, batch=batch))
        except InputError as exc:
            refused[path.name] = str(exc)
            with transaction(url) as session:
                quarantine_file(session, path, reason=str(exc), batch=batch)
    if total.held:
        with transaction(url) as session:
            settle_held(session, total)
    link_written(url, total)
    return total, refused
