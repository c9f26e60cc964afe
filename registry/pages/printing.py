"""Printable pages of the registrar's desk: the 审查处理表, the 回执 and the divorce receipt.

Each is an ordinary page with print CSS (the browser prints it on A4 or saves it as PDF); only
the office that made the registration prints it, and every print is audited.
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from registry.audit import record_audit
from registry.deps import SessionDep, ensure_acts_for, require_role
from registry.errors import ApiError
from registry.live.divorce import application_doc
from registry.pages.common import templates
from registry.schemas import RowId
from warehouse.models import DivorceApplication, RecordRow, User

router = APIRouter(prefix="/pages/print", include_in_schema=False)
Registrar = Annotated[User, require_role("registrar", "admin")]
TITLES = {
    ("table", "marriage"): "结婚登记审查处理表",
    ("table", "divorce"): "离婚登记审查处理表",
    ("table", "reissue"): "补发婚姻登记证审查处理表",
    ("receipt", "marriage"): "结婚登记回执",
    ("receipt", "divorce"): "离婚登记回执",
    ("receipt", "reissue"): "补发婚姻登记证回执",
}


def _audit(session: Session, *, user: User, subject: str, details: dict[str, Any]) -> None:
    record_audit(
        session,
        user=user,
        action="record_print",
        purpose="打印登记文书",
        subject=subject,
        details=details,
    )


@router.get("/record/{record_id}/{form}", response_class=HTMLResponse)
def print_record(
    request: Request,
    session: SessionDep,
    user: Registrar,
    record_id: RowId,
    form: Literal["table", "receipt"],
) -> Response:
    """The record as its 审查处理表 (whole ID numbers, for the file) or the couple's 回执."""
    row = session.get(RecordRow, record_id)
    if row is None or row.office_code is None:
        raise ApiError(404, f"no record {record_id}")
    ensure_acts_for(user, row.office_code)
    _audit(session, user=user, subject=f"记录 {row.id}", details={"form": form})
    context = {
        "user": user,
        "row": row,
        "form": form,
        "title": TITLES.get((form, row.record_type or ""), "婚姻登记回执"),
        "parties": {p.role: p for p in row.parties},
    }
    return templates.TemplateResponse(request, "print/record.html", context)


@router.get("/divorce/{application_id}", response_class=HTMLResponse)
def print_divorce(
    request: Request, session: SessionDep, user: Registrar, application_id: RowId
) -> Response:
    """The receipt of a divorce application with its cooling-off and completion dates."""
    application = session.get(DivorceApplication, application_id)
    if application is None:
        raise ApiError(404, f"no divorce application {application_id}")
    ensure_acts_for(user, application.office_code)
    _audit(
        session,
        user=user,
        subject=f"离婚申请 {application.id}",
        details={"form": "divorce_receipt"},
    )
    context = {
        "user": user,
        "application": application,
        "doc": application_doc(session, application),
    }
    return templates.TemplateResponse(request, "print/divorce.html", context)
