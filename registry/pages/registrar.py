"""The registrar's pages: status look-up, eligibility check, registration."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from hunyin.domain.dates import parse_date
from hunyin.errors import HunyinError
from registry.deps import SessionDep, require_role
from registry.errors import ApiError, as_api_error
from registry.pages.common import templates
from registry.pages.forms import case_from_form, form_fields
from registry.routes.eligibility import check
from registry.routes.registrations import registration
from registry.routes.status import lookup
from warehouse.models import User

router = APIRouter(prefix="/pages", include_in_schema=False)
Registrar = Annotated[User, require_role("registrar", "admin")]
Fields = Annotated[dict[str, str], Depends(form_fields)]


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/status", response_class=HTMLResponse)
def status_page(
    request: Request,
    session: SessionDep,
    user: Registrar,
    id_number: str | None = None,
    name: str | None = None,
    birth_date: str | None = None,
    purpose: str | None = None,
) -> Response:
    """Look a person up by ID number, or by name and birth date."""
    context: dict[str, Any] = {
        "user": user,
        "doc": None,
        "error": None,
        "query": request.query_params,
    }
    born = parse_date(birth_date)
    if birth_date and born is None:
        context["error"] = "出生日期格式应为 YYYY-MM-DD"
    elif id_number or name:
        try:
            context["doc"] = lookup(
                session,
                user=user,
                id_number=id_number,
                name=name,
                birth_date=born,
                purpose=purpose,
            )
        except (ApiError, HunyinError) as exc:
            error = exc if isinstance(exc, ApiError) else as_api_error(exc)
            context["error"] = error.message
    return _render(request, "status.html", context, 422 if context["error"] else 200)


def _case_page(request: Request, user: User, **extra: Any) -> dict[str, Any]:
    return {"user": user, "today": date.today().isoformat(), "form": {}, "errors": [], **extra}


@router.get("/eligibility", response_class=HTMLResponse)
def eligibility_form(request: Request, user: Registrar) -> Response:
    """The case form."""
    return _render(request, "case.html", _case_page(request, user, action="eligibility"))


@router.post("/eligibility", response_class=HTMLResponse)
def eligibility_page(
    request: Request, session: SessionDep, user: Registrar, fields: Fields
) -> Response:
    """Check the case and show every rule applied."""
    case, errors = case_from_form(fields)
    context = _case_page(request, user, action="eligibility", form=fields, errors=errors)
    if case is not None:
        try:
            context["decision"] = check(session, user=user, case=case).document()
        except (ApiError, HunyinError) as exc:
            error = exc if isinstance(exc, ApiError) else as_api_error(exc)
            context["errors"] = [error.message]
    return _render(request, "case.html", context, 422 if context["errors"] else 200)


@router.get("/register", response_class=HTMLResponse)
def register_form(request: Request, user: Registrar) -> Response:
    """The case form, for registering."""
    return _render(request, "case.html", _case_page(request, user, action="register"))


@router.post("/register", response_class=HTMLResponse)
def register_page(
    request: Request, session: SessionDep, user: Registrar, fields: Fields
) -> Response:
    """Register the case; show the certificate number, or why not."""
    case, errors = case_from_form(fields)
    context = _case_page(request, user, action="register", form=fields, errors=errors)
    if case is not None:
        result = registration(session, user=user, case=case, today=request.app.state.today())
        if isinstance(result, ApiError):
            context["errors"] = [result.message]
            context["failed_rules"] = result.details
        else:
            context["registered"] = result
    return _render(request, "case.html", context, 422 if context["errors"] else 200)
