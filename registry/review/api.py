"""``/api/v1/review``: the steward's queue, a record's readings, corrections and decisions."""

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from registry.audit import record_audit
from registry.deps import SessionDep, require_role
from registry.responses import ReviewRecord, TaskList, errors
from registry.review import actions
from registry.review.detail import fields_of, regions_of, task_summary
from registry.review.queue import QueueFilter, list_tasks
from registry.review.stored import record_for
from registry.schemas import Note
from warehouse.models import User

router = APIRouter(prefix="/api/v1/review", tags=["review"])
Steward = Annotated[User, require_role("steward", "admin")]


class CorrectionIn(BaseModel):
    """Field values by dotted name (``male.id_number``); a blank value clears the field."""

    fields: dict[str, Annotated[str, Field(max_length=200)] | None] = Field(min_length=1)
    reason: Note | None = None


class DecisionIn(BaseModel):
    """An approval; ``override`` accepts errors left, for the roles allowed, with a reason."""

    reason: Note | None = None
    override: bool = False


class RejectionIn(BaseModel):
    reason: Note


def record_document(
    session: SessionDep, *, record_id: int, user: User, audited: bool = False
) -> dict[str, Any]:
    """The record as the review page and API show it (ID numbers masked); ``audited`` writes
    the read to the audit log (a decision's answer is audited as the decision)."""
    row = record_for(session, record_id=record_id, user=user)
    if audited:
        record_audit(
            session,
            user=user,
            action="review_read",
            purpose=actions.PURPOSE,
            subject=f"record {row.id}",
            details={"record_id": row.id},
        )
    return {
        "record_id": row.id,
        "status": row.status,
        "office_code": row.office_code,
        "batch": row.batch,
        "task": task_summary(session, row),
        "scan": row.source_kind == "scan" and row.source_document_id is not None,
        "issues": row.issues or [],
        "fields": [asdict(v) for v in fields_of(session, row)],
        "regions": regions_of(session, row),
    }


@router.get("/tasks", response_model=TaskList, responses=errors(401, 403, 422, 503))
def get_tasks(
    session: SessionDep,
    user: Steward,
    office: Annotated[str | None, Query(max_length=6)] = None,
    batch: Annotated[str | None, Query(max_length=128)] = None,
    rule: Annotated[str | None, Query(max_length=64)] = None,
    field: Annotated[str | None, Query(max_length=32)] = None,
    state: Annotated[str, Query(pattern="^(open|approved|rejected)$")] = "open",
) -> dict[str, Any]:
    """Records waiting for a human, oldest first."""
    wanted = QueueFilter(office=office, batch=batch, rule=rule, field=field, state=state)
    return {"items": [asdict(i) for i in list_tasks(session, wanted=wanted)]}


@router.get(
    "/records/{record_id}", response_model=ReviewRecord, responses=errors(401, 403, 404, 422, 503)
)
def get_record(session: SessionDep, user: Steward, record_id: int) -> dict[str, Any]:
    """One record: each field's value, readings, confidence and failed rules; audited."""
    return record_document(session, record_id=record_id, user=user, audited=True)


@router.post(
    "/records/{record_id}/corrections",
    response_model=ReviewRecord,
    responses=errors(401, 403, 404, 409, 422, 503),
)
def post_correction(
    session: SessionDep, user: Steward, record_id: int, body: CorrectionIn
) -> dict[str, Any]:
    """Correct fields; the answer carries the issues found when validating again."""
    row = record_for(session, record_id=record_id, user=user)
    actions.correct(session, row=row, user=user, values=body.fields, reason=body.reason)
    return record_document(session, record_id=record_id, user=user)


@router.post(
    "/records/{record_id}/approve",
    response_model=ReviewRecord,
    responses=errors(401, 403, 404, 409, 422, 503),
)
def post_approve(
    session: SessionDep, user: Steward, record_id: int, body: DecisionIn
) -> dict[str, Any]:
    """Accept the record into the store (422 with the failed rules while errors remain)."""
    row = record_for(session, record_id=record_id, user=user)
    actions.approve(session, row=row, user=user, note=body.reason, override=body.override)
    return record_document(session, record_id=record_id, user=user)


@router.post(
    "/records/{record_id}/reject",
    response_model=ReviewRecord,
    responses=errors(401, 403, 404, 409, 422, 503),
)
def post_reject(
    session: SessionDep, user: Steward, record_id: int, body: RejectionIn
) -> dict[str, Any]:
    """Keep the record out of the store."""
    row = record_for(session, record_id=record_id, user=user)
    actions.reject(session, row=row, user=user, reason=body.reason)
    return record_document(session, record_id=record_id, user=user)
