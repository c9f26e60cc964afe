"""What the quality report shows, read from the store as polars frames (one query each)."""

from dataclasses import dataclass
from typing import Any

import polars as pl
from sqlalchemy import Executable, Text, cast, func, select
from sqlalchemy.orm import Session, aliased

from hunyin.domain.idnumber import mask
from warehouse.models import (
    FieldProvenance,
    MarriageEvent,
    RecordRow,
    ReviewTask,
    SourceDocument,
)


@dataclass(frozen=True, slots=True)
class ReportData:
    """Frames behind every table and plot of one report."""

    documents: pl.DataFrame  # kind, outcome, reason, files, pages
    batches: pl.DataFrame  # batch, status, records, first, last
    issues: pl.DataFrame  # batch, office_code, registration_date, issues (records with any)
    confidence: pl.DataFrame  # field, engine, confidence
    corrections: pl.DataFrame  # field, engine (that read the corrected value)
    events: pl.DataFrame  # events that end, void or revive a marriage (ID numbers masked)
    open_tasks: int


def _frame(session: Session, query: Executable, schema: dict[str, Any]) -> pl.DataFrame:
    rows = [tuple(r) for r in session.execute(query).all()]
    return pl.DataFrame(rows, schema=schema, orient="row")


def _documents(session: Session, batch: str | None) -> pl.DataFrame:
    doc = SourceDocument
    query = select(
        doc.kind, doc.outcome, doc.reason, func.count(), func.coalesce(func.sum(doc.pages), 0)
    ).group_by(doc.kind, doc.outcome, doc.reason)
    if batch is not None:
        query = query.where(doc.batch == batch)
    schema = {"kind": pl.String, "outcome": pl.String, "reason": pl.String}
    return _frame(session, query, schema | {"files": pl.Int64, "pages": pl.Int64})


def _batches(session: Session, batch: str | None) -> pl.DataFrame:
    """Records per batch and status, with the first and last load time (counted in SQL)."""
    r = RecordRow
    query = select(
        r.batch, r.status, func.count(), func.min(r.created_at), func.max(r.created_at)
    ).group_by(r.batch, r.status)
    if batch is not None:
        query = query.where(r.batch == batch)
    schema = {"batch": pl.String, "status": pl.String, "records": pl.Int64}
    return _frame(session, query, schema | {"first": pl.Datetime, "last": pl.Datetime})


def _issues(session: Session, batch: str | None) -> pl.DataFrame:
    """The records that carry issues (a minority), with their issues."""
    r = RecordRow
    query = select(r.batch, r.office_code, r.registration_date, r.issues).where(
        r.issues.is_not(None), cast(r.issues, Text) != "[]"
    )
    if batch is not None:
        query = query.where(r.batch == batch)
    schema = {
        "batch": pl.String,
        "office_code": pl.String,
        "registration_date": pl.Date,
        "issues": pl.Object,
    }
    return _frame(session, query, schema)


def _provenance(session: Session, batch: str | None) -> pl.DataFrame:
    """Machine readings with a confidence, and every row of records a steward corrected.

    Ledger values carry no confidence, so a million-row backfill adds nothing here.
    """
    p = FieldProvenance
    corrected = select(p.record_id).where(p.corrected_by.is_not(None))
    query = (
        select(p.record_id, p.field, p.engine, p.confidence, p.corrected_by, p.id)
        .join(RecordRow, RecordRow.id == p.record_id)
        .where(p.confidence.is_not(None) | p.record_id.in_(corrected))
    )
    if batch is not None:
        query = query.where(RecordRow.batch == batch)
    schema = {
        "record_id": pl.Int64,
        "field": pl.String,
        "engine": pl.String,
        "confidence": pl.Float64,
        "corrected_by": pl.String,
        "id": pl.Int64,
    }
    return _frame(session, query, schema)


def _corrections(provenance: pl.DataFrame) -> pl.DataFrame:
    """Each steward correction with the engine whose reading it replaced."""
    ordered = provenance.sort("record_id", "field", "id")
    read_by = (
        pl.when(pl.col("corrected_by").is_null())
        .then(pl.col("engine"))
        .forward_fill()
        .over("record_id", "field")
    )
    marked = ordered.with_columns(read_by.shift(1).over("record_id", "field").alias("read_by"))
    return marked.filter(pl.col("corrected_by").is_not_null()).select(
        "field", engine=pl.col("read_by").fill_null("unknown")
    )


def _events(session: Session, batch: str | None) -> pl.DataFrame:
    """Deaths, court divorces, void and annulled marriages and revoked declarations of death,
    each with its marriage and evidence; for a batch, those of the batch's marriages. The
    person's number is masked here, before anything renders it."""
    e = MarriageEvent
    marriage = aliased(RecordRow)
    query = (
        select(
            e.event_type,
            e.event_date,
            e.person_name,
            e.person_id18,
            e.marriage_record_id,
            marriage.office_code,
            marriage.certificate_no,
            e.evidence_document,
            e.evidence_number,
            e.evidence_issuer,
            e.source_kind,
        )
        .outerjoin(marriage, marriage.id == e.marriage_record_id)
        .order_by(e.event_date, e.id)
    )
    if batch is not None:
        query = query.where(marriage.batch == batch)
    rows = [(*row[:3], mask(row[3]), *row[4:]) for row in session.execute(query).all()]
    schema = {
        "event_type": pl.String,
        "event_date": pl.Date,
        "person": pl.String,
        "id_number_masked": pl.String,
        "marriage_record": pl.Int64,
        "office_code": pl.String,
        "certificate_no": pl.String,
        "document": pl.String,
        "document_no": pl.String,
        "issuer": pl.String,
        "source_kind": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def gather(session: Session, *, batch: str | None) -> ReportData:
    """Everything the report of ``batch`` (or of the whole store) needs."""
    provenance = _provenance(session, batch)
    tasks = select(func.count()).select_from(ReviewTask).where(ReviewTask.state == "open")
    if batch is not None:
        tasks = tasks.where(ReviewTask.batch == batch)
    readings = provenance.filter(
        pl.col("corrected_by").is_null() & pl.col("confidence").is_not_null()
    )
    return ReportData(
        documents=_documents(session, batch),
        batches=_batches(session, batch),
        issues=_issues(session, batch),
        confidence=readings.select("field", "engine", "confidence"),
        corrections=_corrections(provenance),
        events=_events(session, batch),
        open_tasks=session.scalar(tasks) or 0,
    )
