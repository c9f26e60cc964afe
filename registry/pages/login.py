"""``/login``: a person pastes their token once; a cookie carries it for the pages."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from registry.deps import TOKEN_COOKIE, CurrentUser, SessionDep
from registry.pages.common import templates
from registry.users import user_by_token

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    """The sign-in form."""
    return templates.TemplateResponse(request, "login.html", {"user": None, "error": None})


@router.post("/login")
def login(
    request: Request, session: SessionDep, token: Annotated[str, Form(max_length=200)]
) -> Response:
    """Check the token and keep it in an HTTP-only cookie."""
    token = token.strip()
    if user_by_token(session, token) is None:
        return templates.TemplateResponse(
            request, "login.html", {"user": None, "error": "令牌无效或已停用"}, status_code=401
        )
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


@router.post("/logout")
def logout() -> Response:
    """Forget the cookie."""
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(TOKEN_COOKIE)
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: CurrentUser) -> Response:
    """The desk: links for what the signed-in role may do."""
    return templates.TemplateResponse(request, "index.html", {"user": user})
