"""Request dependencies: the request's transaction, the signed-in user, role checks.

Routes declare them by name, e.g. ``session: SessionDep, user: CurrentUser`` or
``user: Annotated[User, require_role("steward", "admin")]``.
"""

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from registry.errors import ApiError
from registry.offices import same_office
from registry.users import UserCache, user_by_token
from warehouse.models import User

TOKEN_COOKIE = "hunyin_token"
T = TypeVar("T")
_bearer = HTTPBearer(auto_error=False, description="the token printed by `hunyin user add`")


def _commit_and_close(session: Session) -> None:
    with session:
        session.commit()


def _sessions_of(factory: str) -> Callable[[Request], AsyncIterator[Session]]:
    """The request's session from the app's sessionmaker named ``factory``."""

    async def session_of_request(request: Request) -> AsyncIterator[Session]:
        # "function" scope: the commit happens before the response is sent, so a registration
        # is visible to every office the moment its 201 arrives, and a failed commit is an
        # error. Async, so that only the end, which waits on the database, takes a trip through
        # the thread pool: opening a session does no I/O (it connects, and so begins, on first
        # use). The end runs shielded, so that a cancelled request still ends its transaction,
        # and with a limiter of its own, as FastAPI does for sync dependencies: were it to queue
        # for a pool thread held by requests waiting on this transaction's locks, neither would
        # ever finish.
        session: Session = getattr(request.app.state, factory)()
        try:
            yield session
        except BaseException:
            with anyio.CancelScope(shield=True):
                # Closing rolls back.
                await anyio.to_thread.run_sync(session.close, limiter=anyio.CapacityLimiter(1))
            raise
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(
                _commit_and_close, session, limiter=anyio.CapacityLimiter(1)
            )

    return session_of_request


SessionDep = Annotated[Session, Depends(_sessions_of("sessions"), scope="function")]


def _autocommitted(factory: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    with factory() as session:
        return work(session)


def _transacted(factory: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    with factory() as session:
        # Closing rolls back what did not commit.
        result = work(session)
        session.commit()
        return result


async def transacted(request: Request, work: Callable[[Session], T]) -> T:
    """``work`` done in one transaction, committed before the answer is built (a registration
    is visible to every office the moment its 201 arrives; a failed commit is an error).

    One trip through the thread pool for the work, its commit and the session's end, where a
    sync route with ``SessionDep`` takes two or three; a thread, once started, is never
    cancelled, so a request whose client goes away still ends its transaction.
    """
    factory: sessionmaker[Session] = request.app.state.sessions
    return await run_in_threadpool(_transacted, factory, work)


async def autocommitted(request: Request, work: Callable[[Session], T]) -> T:
    """``work`` done in a session whose every statement is its own transaction, durable when it
    returns: for reads and then one write (an audited query), no BEGIN or COMMIT round trip.

    One trip through the thread pool for the whole of it (a sync route with a session
    dependency takes three: the route, its response's validation, the session's end), and the
    session closed there too, whether ``work`` returns or raises.
    """
    factory: sessionmaker[Session] = request.app.state.autocommit_sessions
    return await run_in_threadpool(_autocommitted, factory, work)


def _user_from_store(request: Request, token: str) -> User | None:
    # A session of its own, read-only: the user comes out detached, its columns loaded, so it
    # can be remembered and read by later requests in other threads.
    with request.app.state.sessions() as session:
        return user_by_token(session, token)


async def _current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    token = credentials.credentials if credentials else request.cookies.get(TOKEN_COOKIE)
    if not token:
        raise ApiError(401, "a bearer token is required")
    users: UserCache = request.app.state.users
    user = users.get(token)
    if user is None:
        user = await run_in_threadpool(_user_from_store, request, token)
        if user is None:
            raise ApiError(401, "unknown or inactive token")
        users.put(token, user)
    return user


CurrentUser = Annotated[User, Depends(_current_user)]


def require_role(*roles: str) -> Any:
    """A dependency (use inside ``Annotated[User, ...]``) admitting only the given roles."""

    # Async: a comparison needs no trip through the thread pool.
    async def check(user: CurrentUser) -> User:
        if user.role not in roles:
            raise ApiError(403, f"this needs the role {' or '.join(roles)}")
        return user

    return Depends(check)


def ensure_acts_for(user: User, office_code: str) -> None:
    """Registrars act only for their own office; an admin may act for any."""
    if user.role != "admin" and not same_office(user.office_code, office_code):
        raise ApiError(403, f"user of office {user.office_code} may not act for {office_code}")
