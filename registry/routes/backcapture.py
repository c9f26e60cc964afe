"""``POST /api/v1/back-captures``: a steward records a registration of the past from its paper;
audited with its own action, refusals included."""

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from hunyin.errors import HunyinError
from registry.audit import record_audit
from registry.backcapture import back_capture
from registry.deps import SessionDep, require_role
from registry.errors import ApiError, as_api_error, created_or_error
from registry.responses import STATUS_OF_PARTY, BackCapture, errors, links
from registry.schemas import BackCaptureIn
from warehouse.models import User

router = APIRouter(prefix="/api/v1", tags=["registrations"])
Steward = Annotated[User, require_role("steward", "admin")]
PURPOSE = "补录历史登记"


def capture(
    session: Session, *, user: User, body: BackCaptureIn, today: dt.date
) -> dict[str, Any] | ApiError:
    """Store the back-capture, or the refusal: its work is rolled back, its audit entry kept."""
    details: dict[str, Any] = {
        "kind": body.kind,
        "office_code": body.office_code,
        "date": body.date.isoformat(),
        "certificate_no": body.certificate_no,
        "source": body.source,
    }
    result: dict[str, Any] | ApiError
    try:
        with session.begin_nested():
            result = back_capture(session, body=body, user=user, today=today)
        action, outcome = "back_capture", {"record_id": result["record_id"]}
    except (ApiError, HunyinError) as exc:
        result = exc if isinstance(exc, ApiError) else as_api_error(exc)
        action, outcome = "back_capture_refused", {"reason": result.message}
    record_audit(
        session,
        user=user,
        action=action,
        purpose=body.purpose or PURPOSE,
        subject="、".join(p.name for p in body.parties),
        id_numbers=[p.id_number for p in body.parties],
        details={**details, **outcome},
    )
    return result


@router.post(
    "/back-captures",
    status_code=201,
    response_model=BackCapture,
    responses=errors(401, 403, 409, 422, 503)
    | links(
        "the record stored",
        StatusOfTheParty=STATUS_OF_PARTY,
        TheScan=(
            "GET /api/v1/records/{record_id}/scan",
            {"record_id": "$response.body#/record_id"},
        ),
    ),
)
def post_back_capture(
    request: Request, session: SessionDep, user: Steward, body: BackCaptureIn
) -> JSONResponse:
    """Record a past registration as its paper has it (stewards of the office, admins): checked
    by the record rules, marked as a back-capture, linked to the person index at once."""
    return created_or_error(capture(session, user=user, body=body, today=request.app.state.today()))
