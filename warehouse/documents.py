"""Source documents: registered once per content hash, whatever their path."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.models import SourceDocument


def register_document(
    session: Session,
    *,
    sha256: str,
    path: str,
    kind: str,
    batch: str | None,
    size_bytes: int,
    pages: int = 0,
    outcome: str | None = None,
    reason: str | None = None,
) -> int:
    """The document's id; a file seen before (same bytes) keeps its row, its outcome refreshed."""
    doc = session.scalar(select(SourceDocument).where(SourceDocument.sha256 == sha256))
    if doc is None:
        doc = SourceDocument(
            sha256=sha256, path=path, kind=kind, batch=batch, size_bytes=size_bytes
        )
        session.add(doc)
    doc.pages = pages or doc.pages
    doc.outcome = outcome or doc.outcome
    doc.reason = reason if outcome else doc.reason
    session.flush()
    return doc.id


def earlier_version(session: Session, *, path: str, sha256: str) -> SourceDocument | None:
    """A document read from the same path with other bytes: the file changed after it was
    read (a file refused at intake and handed in again is no earlier reading)."""
    return session.scalar(
        select(SourceDocument)
        .where(
            SourceDocument.path == path,
            SourceDocument.sha256 != sha256,
            SourceDocument.outcome.in_(("records", "blank")),
        )
        .order_by(SourceDocument.id)
        .limit(1)
    )


def update_reason(session: Session, *, document_id: int, reason: str | None) -> None:
    """Replace a document's reason (what became of rows only known after loading it)."""
    doc = session.get(SourceDocument, document_id)
    if doc is not None:
        doc.reason = reason
        session.flush()
