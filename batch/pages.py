"""Pages of a batch still to be read: a second run of the same batch reads nothing again."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from batch.intake import BatchIntake
from ocr.parallel import PageResult
from warehouse.models import SourceDocument


@dataclass(frozen=True, slots=True)
class PageRef:
    file: str
    path: Path
    sha256: str
    page: int


@dataclass(frozen=True, slots=True)
class ReadPage:
    """A page and its reading, or why it could not be read."""

    ref: PageRef
    result: PageResult


def pages_to_read(session: Session, *, intake: BatchIntake, reprocess: bool) -> list[PageRef]:
    """Pages of usable scans whose document has no final outcome yet (or all, to reprocess)."""
    usable = [s for s in intake.scans if s.outcome is None]
    done: set[str] = set()
    if not reprocess:
        done = set(
            session.scalars(
                select(SourceDocument.sha256).where(
                    SourceDocument.sha256.in_([s.sha256 for s in usable]),
                    SourceDocument.outcome.in_(("records", "blank")),
                )
            )
        )
    return [
        PageRef(file=s.file, path=intake.root / s.file, sha256=s.sha256, page=n)
        for s in usable
        if s.sha256 not in done
        for n in range(1, s.pages + 1)
    ]
