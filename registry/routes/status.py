"""``GET /api/v1/status``: a person's consolidated status, audited."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask
from registry.audit import record_audit
from registry.deps import SessionDep, require_role
from registry.errors import ApiError
from registry.schemas import FreeText, checked_id_number
from registry.status import status_by_id, status_by_name
from warehouse.models import User

router = APIRouter(prefix="/api/v1", tags=["status"])
Reader = Annotated[User, require_role("registrar", "steward", "admin")]


def lookup(
    session: Session,
    *,
    user: User,
    id_number: str | None,
    name: str | None,
    birth_date: date | None,
    purpose: str | None,
) -> dict[str, Any]:
    """Validate the query, audit it, and return the status document (pages use it too)."""
    if id_number:
        try:
            number = checked_id_number(id_number)
        except ValueError as exc:
            raise ApiError(422, str(exc), details=[{"loc": ["query", "id_number"]}]) from exc
        doc = status_by_id(session, id_number=number)
        subject = mask(number)
    elif name and birth_date:
        doc = status_by_name(session, name=name, birth_date=birth_date)
        subject = f"{name} {birth_date.isoformat()}"
    else:
        raise ApiError(422, "give id_number, or name and birth_date")
    record_audit(
        session,
        user=user,
        action="status_query",
        purpose=purpose or "婚姻状况查询",
        subject=subject,
        details={"status": doc["status"], "events": len(doc["events"])},
    )
    return doc


@router.get("/status")
def get_status(
    session: SessionDep,
    user: Reader,
    id_number: Annotated[str | None, Query(max_length=32)] = None,
    name: Annotated[FreeText | None, Query(max_length=64)] = None,
    birth_date: date | None = None,
    purpose: Annotated[FreeText | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """The same document as ``hunyin status --json``."""
    return lookup(
        session,
        user=user,
        id_number=id_number,
        name=name,
        birth_date=birth_date,
        purpose=purpose,
    )
