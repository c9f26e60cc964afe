"""``POST /api/v1/events``: a death, court divorce, void or annulled marriage entered from the
document a party brings or a steward holds; audited, refusals included."""

from typing import Annotated, Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from hunyin.errors import HunyinError
from registry.audit import record_audit
from registry.deps import SessionDep, require_role
from registry.errors import ApiError, as_api_error, created_or_error
from registry.events import event_subject, record_event
from registry.responses import MarriageEventDocument, errors
from registry.schemas import EventIn
from warehouse.models import User

router = APIRouter(prefix="/api/v1", tags=["events"])
Entrant = Annotated[User, require_role("registrar", "steward", "admin")]


def entry(session: Session, *, user: User, body: EventIn) -> dict[str, Any] | ApiError:
    """Store the event, or the refusal: its work is rolled back, its audit entry kept."""
    details: dict[str, Any] = {
        "type": body.type,
        "date": body.date.isoformat(),
        "document": body.evidence.document,
        "marriage_record_id": body.marriage_record_id,
    }
    try:
        with session.begin_nested():
            doc = record_event(session, body=body, user=user)
    except (ApiError, HunyinError) as exc:
        error = exc if isinstance(exc, ApiError) else as_api_error(exc)
        record_audit(
            session,
            user=user,
            action="event_refused",
            purpose=body.purpose or "婚姻状况变更",
            subject=event_subject(body),
            details={**details, "reason": error.message},
        )
        return error
    record_audit(
        session,
        user=user,
        action="event_recorded",
        purpose=body.purpose or "婚姻状况变更",
        subject=event_subject(body),
        details={**details, "event_id": doc["event_id"]},
    )
    return doc


@router.post(
    "/events",
    status_code=201,
    response_model=MarriageEventDocument,
    responses=errors(401, 403, 404, 409, 422, 503),
)
def post_event(session: SessionDep, user: Entrant, body: EventIn) -> JSONResponse:
    """Record the event; it is in every office's status answer at once."""
    return created_or_error(entry(session, user=user, body=body))
