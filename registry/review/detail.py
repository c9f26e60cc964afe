"""One queued record for the steward: values, each engine's reading, failed rules, regions."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask
from hunyin.schema import dotted_fields
from registry.review.stored import as_record, task_of
from warehouse.models import FieldProvenance, RecordRow

# Below this an engine's reading is doubtful enough to outline on the page.
DOUBT_BELOW = 0.9


def shown(name: str, value: object) -> str:
    """A value as the review page shows it: ID numbers masked, blanks empty."""
    if value is None:
        return ""
    return (mask(str(value)) or "") if name.endswith("id_number") else str(value)


@dataclass(slots=True)
class FieldView:
    name: str
    value: str
    issues: list[dict[str, Any]] = field(default_factory=list)
    readings: list[dict[str, Any]] = field(default_factory=list)
    doubtful: bool = False


def _readings(session: Session, record_id: int) -> list[FieldProvenance]:
    return list(
        session.scalars(
            select(FieldProvenance)
            .where(FieldProvenance.record_id == record_id)
            .order_by(FieldProvenance.id)
        )
    )


def fields_of(session: Session, row: RecordRow) -> list[FieldView]:
    """Every field: value, issues, and each reading (engine, value, confidence, corrector)."""
    record = as_record(row)
    views = {
        name: FieldView(name=name, value=shown(name, record.get(name))) for name in dotted_fields()
    }
    for issue in row.issues or []:
        view = views.get(issue.get("field") or "")
        if view is not None:
            view.issues.append(issue)
            view.doubtful = True
    for reading in _readings(session, row.id):
        view = views.get(reading.field)
        if view is None:
            continue
        view.readings.append(
            {
                "engine": reading.engine,
                "value": shown(reading.field, reading.value),
                "confidence": reading.confidence,
                "corrected_by": reading.corrected_by,
                "at": reading.recorded_at,
            }
        )
        if reading.confidence is not None and reading.confidence < DOUBT_BELOW:
            view.doubtful = True
    return list(views.values())


def regions_of(session: Session, row: RecordRow) -> list[dict[str, Any]]:
    """Page regions of the doubtful fields' machine readings (the newest per field)."""
    doubtful = {v.name for v in fields_of(session, row) if v.doubtful}
    regions: dict[str, dict[str, Any]] = {}
    for reading in _readings(session, row.id):
        if reading.field in doubtful and reading.region:
            regions[reading.field] = reading.region
    return [{"field": name, **box} for name, box in regions.items()]


def task_summary(session: Session, row: RecordRow) -> dict[str, Any] | None:
    """The record's task: kind, state, batch, and who resolved it."""
    task = task_of(session, row.id)
    if task is None:
        return None
    return {
        "task_id": task.id,
        "kind": task.kind,
        "state": task.state,
        "batch": task.batch,
        "resolved_by": task.resolved_by,
    }
