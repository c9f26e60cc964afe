"""The page registrars and stewards enter a death, court divorce, void or annulled marriage on,
from the document in hand; the same checks and audit as ``POST /api/v1/events``."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from hunyin.codes import event_types
from hunyin.messages import translate
from registry.deps import SessionDep, require_role
from registry.errors import ApiError
from registry.pages.common import templates
from registry.pages.forms import form_fields
from registry.routes.events import entry
from registry.schemas import EventIn
from warehouse.models import User

router = APIRouter(prefix="/pages", include_in_schema=False)
Entrant = Annotated[User, require_role("registrar", "steward", "admin")]
Fields = Annotated[dict[str, str], Depends(form_fields)]


def _body(fields: dict[str, str]) -> tuple[EventIn | None, list[str]]:
    """The form as the API body, or the lines saying what is wrong with it."""

    def get(name: str) -> str | None:
        return fields.get(name) or None

    person = (
        {"id_number": get("id_number")}
        if get("id_number")
        else {"name": get("name"), "birth_date": get("birth_date")}
    )
    raw: dict[str, Any] = {
        "type": get("type"),
        "date": get("date"),
        "person": person,
        "marriage_record_id": get("marriage_record_id"),
        "evidence": {
            "document": get("document"),
            "number": get("number"),
            "issuer": get("issuer"),
            "date": get("evidence_date"),
        },
        "purpose": get("purpose"),
    }
    try:
        return EventIn.model_validate(raw), []
    except ValidationError as exc:
        return None, [
            f"{'.'.join(str(p) for p in e['loc'])}：{e['msg']}"
            for e in exc.errors(include_url=False)
        ]


def _render(request: Request, user: User, status: int = 200, **extra: Any) -> Response:
    context = {
        "user": user,
        "today": date.today().isoformat(),
        "form": {},
        "errors": [],
        "kinds": event_types(),
        **extra,
    }
    return templates.TemplateResponse(request, "event.html", context, status_code=status)


@router.get("/events", response_class=HTMLResponse)
def event_form(request: Request, user: Entrant) -> Response:
    """The form."""
    return _render(request, user)


@router.post("/events", response_class=HTMLResponse)
def event_page(request: Request, session: SessionDep, user: Entrant, fields: Fields) -> Response:
    """Record the event; show it with its archive note, or why not."""
    body, errors = _body(fields)
    if body is None:
        return _render(request, user, 422, form=fields, errors=errors)
    result = entry(session, user=user, body=body)
    if isinstance(result, ApiError):
        return _render(
            request,
            user,
            422,
            form=fields,
            errors=[translate(result.message)],
            candidates=result.details,
        )
    return _render(request, user, form={}, recorded=result)
