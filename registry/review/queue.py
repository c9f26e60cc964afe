"""The review queue: tasks waiting for a steward, filterable by office, batch, rule and field."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.offices import same_office
from warehouse.models import RecordRow, ReviewTask


@dataclass(frozen=True, slots=True)
class QueueFilter:
    office: str | None = None
    batch: str | None = None
    rule: str | None = None
    field: str | None = None
    state: str = "open"


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One line of the queue: no names or numbers, only what the record is and what failed."""

    task_id: int
    record_id: int
    kind: str
    state: str
    office_code: str | None
    batch: str | None
    record_type: str | None
    registration_date: date | None
    rules: list[str]
    fields: list[str]
    created_at: datetime


def _matches(reasons: list[dict[str, Any]], wanted: QueueFilter) -> bool:
    rules = {r.get("rule") for r in reasons}
    fields = {r.get("field") for r in reasons}
    return (wanted.rule is None or wanted.rule in rules) and (
        wanted.field is None or wanted.field in fields
    )


def list_tasks(session: Session, *, wanted: QueueFilter, limit: int = 200) -> list[QueueItem]:
    """Tasks in ``wanted.state``, oldest first; rule and field are matched on the reasons."""
    query = (
        select(ReviewTask, RecordRow.record_type, RecordRow.registration_date)
        .join(RecordRow, RecordRow.id == ReviewTask.record_id)
        .where(ReviewTask.state == wanted.state)
        .order_by(ReviewTask.created_at, ReviewTask.id)
    )
    if wanted.batch:
        query = query.where(ReviewTask.batch == wanted.batch)
    items = []
    for task, record_type, day in session.execute(query):
        reasons = task.reasons or []
        if wanted.office and not same_office(wanted.office, task.office_code):
            continue
        if not _matches(reasons, wanted):
            continue
        items.append(
            QueueItem(
                task_id=task.id,
                record_id=task.record_id,
                kind=task.kind,
                state=task.state,
                office_code=task.office_code,
                batch=task.batch,
                record_type=record_type,
                registration_date=day,
                rules=sorted({str(r.get("rule")) for r in reasons}),
                fields=sorted({str(r["field"]) for r in reasons if r.get("field")}),
                created_at=task.created_at,
            )
        )
        if len(items) >= limit:
            break
    return items


def choices(session: Session) -> dict[str, list[str]]:
    """The batches, rules and fields present in open tasks, for the filter form."""
    tasks = session.execute(
        select(ReviewTask.batch, ReviewTask.reasons).where(ReviewTask.state == "open")
    ).all()
    reasons = [r for _, rs in tasks for r in rs or []]
    return {
        "batches": sorted({b for b, _ in tasks if b}),
        "rules": sorted({str(r["rule"]) for r in reasons if r.get("rule")}),
        "fields": sorted({str(r["field"]) for r in reasons if r.get("field")}),
    }
