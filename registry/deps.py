"""Request dependencies: the request's transaction, the signed-in user, role checks.

Routes declare them by name, e.g. ``session: SessionDep, user: CurrentUser`` or
``user: Annotated[User, require_role("steward", "admin")]``.
"""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from registry.errors import ApiError
from registry.offices import same_office
from registry.users import user_by_token
from warehouse.models import User

TOKEN_COOKIE = "hunyin_token"
_bearer = HTTPBearer(auto_error=False, description="the token printed by `hunyin user add`")


def _session(request: Request) -> Iterator[Session]:
    # "function" scope: the commit happens before the response is sent, so a registration is
    # visible to every office the moment its 201 arrives, and a failed commit is an error.
    with request.app.state.sessions() as session, session.begin():
        yield session


SessionDep = Annotated[Session, Depends(_session, scope="function")]


def _current_user(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    token = credentials.credentials if credentials else request.cookies.get(TOKEN_COOKIE)
    if not token:
        raise ApiError(401, "a bearer token is required")
    user = user_by_token(session, token)
    if user is None:
        raise ApiError(401, "unknown or inactive token")
    return user


CurrentUser = Annotated[User, Depends(_current_user)]


def require_role(*roles: str) -> Any:
    """A dependency (use inside ``Annotated[User, ...]``) admitting only the given roles."""

    def check(user: CurrentUser) -> User:
        if user.role not in roles:
            raise ApiError(403, f"this needs the role {' or '.join(roles)}")
        return user

    return Depends(check)


def ensure_acts_for(user: User, office_code: str) -> None:
    """Registrars act only for their own office; an admin may act for any."""
    if user.role != "admin" and not same_office(user.office_code, office_code):
        raise ApiError(403, f"user of office {user.office_code} may not act for {office_code}")
