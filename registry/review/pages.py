"""``/pages/review``: the queue and a record's page, for stewards in a browser."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hunyin.codes import offices
from registry.audit import record_audit
from registry.deps import SessionDep
from registry.errors import ApiError
from registry.pages.common import templates
from registry.review import actions
from registry.review.api import Steward, record_document
from registry.review.image import field_crop, page_png, scan_source
from registry.review.queue import QueueFilter, choices, list_tasks
from registry.review.stored import record_for
from validation.report import render_report
from warehouse.models import PartyRow

router = APIRouter(prefix="/pages/review", include_in_schema=False)
Text = Annotated[str | None, Query(max_length=128)]


async def _form(request: Request) -> dict[str, str]:
    # Only the body is awaited here: the route itself stays synchronous, so its database work
    # runs in the thread pool and never blocks the event loop on SQLite's lock.
    form = await request.form()
    return {str(k): str(v) for k, v in form.items()}


CorrectionForm = Annotated[dict[str, str], Depends(_form)]


@router.get("", response_class=HTMLResponse)
def queue_page(
    request: Request,
    session: SessionDep,
    user: Steward,
    office: Text = None,
    batch: Text = None,
    rule: Text = None,
    field: Text = None,
) -> Response:
    """The queue with its filter form: a steward sees only the own office's records (the only
    ones a steward may open); an admin chooses any office."""
    if user.role == "steward":
        office = user.office_code
    wanted = QueueFilter(
        office=office or None, batch=batch or None, rule=rule or None, field=field or None
    )
    context = {
        "user": user,
        "items": list_tasks(session, wanted=wanted),
        "wanted": wanted,
        "offices": [o for o in offices() if user.role == "admin" or o.code == user.office_code],
        **choices(session),
    }
    return templates.TemplateResponse(request, "review/queue.html", context)


def _render(
    request: Request,
    session: SessionDep,
    user: Steward,
    record_id: int,
    *,
    error: str | None = None,
    errors: list[Any] | None = None,
) -> Response:
    doc = record_document(session, record_id=record_id, user=user, audited=error is None)
    context = {"user": user, "doc": doc, "error": error, "errors": errors or []}
    status = 422 if error else 200
    return templates.TemplateResponse(request, "review/record.html", context, status_code=status)


@router.get("/report", response_class=HTMLResponse)
def report_page(session: SessionDep, user: Steward, batch: Text = None) -> Response:
    """The quality report of a batch, or of the whole store, computed now; audited."""
    record_audit(
        session,
        user=user,
        action="quality_report",
        purpose=actions.PURPOSE,
        subject=batch or "store",
        details={"batch": batch} if batch else None,
    )
    return HTMLResponse(render_report(session=session, batch=batch or None))


@router.get("/{record_id}", response_class=HTMLResponse)
def record_page(request: Request, session: SessionDep, user: Steward, record_id: int) -> Response:
    """One record: the page image, each field's readings and issues, the correction form."""
    return _render(request, session, user, record_id)


@router.get("/{record_id}/image.png")
def record_image(session: SessionDep, user: Steward, record_id: int) -> Response:
    """The scanned page with doubtful regions outlined (registering office only, audited)."""
    row = record_for(session, record_id=record_id, user=user)
    path = scan_source(session, row)
    regions = record_document(session, record_id=record_id, user=user)["regions"]
    png = page_png(path, page=row.page or 1, regions=regions)
    # audited after rendering, so the write (and SQLite's lock) is held only briefly
    record_audit(
        session,
        user=user,
        action="scan_view",
        purpose=actions.PURPOSE,
        subject=f"record {row.id}",
        details={"record_id": row.id},
    )
    return Response(png, media_type="image/png")


@router.get("/{record_id}/crop/{field}.png")
def field_image(session: SessionDep, user: Steward, record_id: int, field: str) -> Response:
    """One doubtful field's region of the scan, enlarged (registering office only, audited)."""
    row = record_for(session, record_id=record_id, user=user)
    regions = record_document(session, record_id=record_id, user=user)["regions"]
    box = next((r for r in regions if r["field"] == field), None)
    if box is None:
        raise ApiError(404, f"no record {record_id}")
    png = field_crop(scan_source(session, row), page=row.page or 1, box=box)
    record_audit(
        session,
        user=user,
        action="scan_view",
        purpose=actions.PURPOSE,
        subject=f"record {row.id}",
        details={"record_id": row.id, "field": field},
    )
    return Response(png, media_type="image/png")


@router.post("/{record_id}/id/{role}")
def whole_id_number(session: SessionDep, user: Steward, record_id: int, role: str) -> Response:
    """The whole ID number of one party, for the owning office's steward correcting it; audited.

    Posted, never in a URL or a page's HTML: it reaches only the input being edited.
    """
    row = record_for(session, record_id=record_id, user=user)
    party = next((p for p in row.parties if p.role == role), None)
    if not isinstance(party, PartyRow) or not party.id_number:
        raise ApiError(404, f"no record {record_id}")
    record_audit(
        session,
        user=user,
        action="id_view",
        purpose="复核更正身份证号",
        subject=f"record {row.id}",
        details={"record_id": row.id, "role": role},
    )
    return Response(party.id_number, media_type="text/plain", headers={"Cache-Control": "no-store"})


@router.post("/{record_id}/correct")
def correct_form(
    session: SessionDep, user: Steward, record_id: int, form: CorrectionForm
) -> Response:
    """Apply the non-blank inputs of the correction form, then show the record again."""
    values = {k.removeprefix("f:"): v for k, v in form.items() if k.startswith("f:") and v.strip()}
    row = record_for(session, record_id=record_id, user=user)
    if values:
        reason = form.get("reason") or None
        actions.correct(session, row=row, user=user, values=values, reason=reason)
    return RedirectResponse(f"/pages/review/{record_id}", status_code=303)


@router.post("/{record_id}/approve")
def approve_form(request: Request, session: SessionDep, user: Steward, record_id: int) -> Response:
    """Approve, or show the record again with the errors that prevent it."""
    row = record_for(session, record_id=record_id, user=user)
    try:
        actions.approve(session, row=row, user=user, note=None)
    except ApiError as exc:
        return _render(request, session, user, record_id, error=exc.message, errors=exc.details)
    return RedirectResponse(f"/pages/review/{record_id}", status_code=303)


@router.post("/{record_id}/reject")
def reject_form(
    session: SessionDep, user: Steward, record_id: int, reason: Annotated[str, Form(max_length=200)]
) -> Response:
    """Reject with a reason and go back to the queue."""
    row = record_for(session, record_id=record_id, user=user)
    actions.reject(session, row=row, user=user, reason=reason)
    return RedirectResponse("/pages/review", status_code=303)
