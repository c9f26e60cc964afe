"""``GET /api/v1/audit``: the auditor's search of the log."""

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.audit import record_audit
from registry.deps import SessionDep, require_role
from registry.responses import AuditPage, errors
from warehouse.models import AuditEntry, User

router = APIRouter(prefix="/api/v1", tags=["audit"])
Auditor = Annotated[User, require_role("auditor", "admin")]


def search_audit(
    session: Session,
    *,
    by: User,
    user_name: str | None = None,
    office_code: str | None = None,
    action: str | None = None,
    subject: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    subject_key: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Entries matching every given filter, newest first, with the total count.

    ``subject_key`` (``person_key`` of a whole ID number) finds the entries about that person
    through the keyed hash the log keeps beside the masked subject. The search itself is
    audited: the log names people, and who looked whom up.
    """
    filters: dict[str, str | None] = {
        "user": user_name,
        "office_code": office_code,
        "action": action,
        "subject": subject,
        "person": subject_key,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
    }
    conditions = []
    if subject_key:
        conditions.append(AuditEntry.subject_keys.contains(subject_key, autoescape=True))
    if user_name:
        conditions.append(AuditEntry.user_name == user_name)
    if office_code:
        conditions.append(AuditEntry.office_code == office_code)
    if action:
        conditions.append(AuditEntry.action == action)
    if subject:
        conditions.append(AuditEntry.subject.contains(subject, autoescape=True))
    if since:
        conditions.append(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
    if until:
        conditions.append(AuditEntry.at < dt.datetime.combine(until, dt.time()) + dt.timedelta(1))
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions))
    rows = session.scalars(
        select(AuditEntry)
        .where(*conditions)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    # Audited after the search, so that it does not find itself.
    record_audit(
        session,
        user=by,
        action="audit_search",
        purpose="审计查询",
        subject=None,
        details={k: v for k, v in filters.items() if v},
    )
    return {
        "total": total or 0,
        "entries": [
            {
                "id": e.id,
                "at": e.at.isoformat(timespec="seconds"),
                "user": e.user_name,
                "office_code": e.office_code,
                "action": e.action,
                "purpose": e.purpose,
                "subject": e.subject,
                "details": e.details,
            }
            for e in rows
        ],
    }


@router.get("/audit", response_model=AuditPage, responses=errors(401, 403, 422, 503))
def get_audit(
    session: SessionDep,
    user: Auditor,
    user_name: Annotated[str | None, Query(alias="user", max_length=64)] = None,
    office_code: Annotated[str | None, Query(max_length=6)] = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    subject: Annotated[str | None, Query(max_length=100)] = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """Who looked at or changed whose record, from which office, when and why."""
    return search_audit(
        session,
        by=user,
        user_name=user_name,
        office_code=office_code,
        action=action,
        subject=subject,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
