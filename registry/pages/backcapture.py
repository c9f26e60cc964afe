"""The page a steward back-captures a past registration on, from the paper in hand; the same
checks and audit as ``POST /api/v1/back-captures``. A number typed in is never shown back."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from registry.deps import SessionDep, require_role
from registry.errors import ApiError
from registry.pages.common import templates
from registry.pages.forms import back_capture_from_form, form_fields, message_errors
from registry.routes.backcapture import capture
from warehouse.models import User

router = APIRouter(prefix="/pages", include_in_schema=False)
Steward = Annotated[User, require_role("steward", "admin")]
Fields = Annotated[dict[str, str], Depends(form_fields)]


def _render(request: Request, user: User, status: int = 200, **extra: Any) -> Response:
    context = {
        "user": user,
        "today": request.app.state.today().isoformat(),
        "form": {},
        "errors": [],
        **extra,
    }
    return templates.TemplateResponse(request, "back_capture.html", context, status_code=status)


@router.get("/back-capture", response_class=HTMLResponse)
def back_capture_form(request: Request, user: Steward) -> Response:
    """The form."""
    return _render(request, user)


@router.post("/back-capture", response_class=HTMLResponse)
def back_capture_page(
    request: Request, session: SessionDep, user: Steward, fields: Fields
) -> Response:
    """Store the registration; show the record stored, or why not."""
    body, errors = back_capture_from_form(fields)
    if body is None:
        return _render(request, user, 422, form=fields, errors=errors)
    result = capture(session, user=user, body=body, today=request.app.state.today())
    if isinstance(result, ApiError):
        return _render(request, user, 422, form=fields, errors=message_errors(result.message))
    return _render(request, user, form={}, stored=result)
