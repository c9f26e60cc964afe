"""The auditor's page: search the audit log."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from registry.deps import SessionDep, require_role
from registry.pages.common import templates
from registry.routes.audit import search_audit
from warehouse.models import User

router = APIRouter(prefix="/pages", include_in_schema=False)
Auditor = Annotated[User, require_role("auditor", "admin")]


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    session: SessionDep,
    user: Auditor,
    who: str | None = None,
    office_code: str | None = None,
    action: str | None = None,
    subject: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    """Entries matching the filters, newest first (the latest 200)."""
    found: dict[str, Any] = search_audit(
        session,
        by=user,
        user_name=who or None,
        office_code=office_code or None,
        action=action or None,
        subject=subject or None,
        since=_day(since),
        until=_day(until),
        limit=200,
    )
    context = {"user": user, "found": found, "query": request.query_params}
    return templates.TemplateResponse(request, "audit.html", context)
