"""Users and their bearer tokens: a token is shown once and stored only as its SHA-256."""

import hashlib
import secrets
import threading
import time
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from hunyin.codes import office_by_code
from hunyin.errors import ConflictError, InputError, NotFoundError, UnknownOfficeError
from warehouse.models import User

ROLES = ("registrar", "steward", "archivist", "auditor", "admin")


def hash_token(token: str) -> str:
    """The stored form of a token (tokens are random, 256 bits: no salt or stretching needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(session: Session, *, name: str, office_code: str, role: str) -> str:
    """Create a user; returns the new bearer token, which is not kept anywhere in clear."""
    if office_by_code(office_code) is None:
        raise UnknownOfficeError(f"unknown office code {office_code}")
    if role not in ROLES:
        raise InputError(f"unknown role {role}; one of {', '.join(ROLES)}")
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise ConflictError(f"a user named {name} exists already")
    token = secrets.token_urlsafe(32)
    session.add(User(name=name, office_code=office_code, role=role, token_hash=hash_token(token)))
    session.flush()
    return token


def _user_named(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFoundError(f"no user named {name}")
    return user


def deactivate_user(session: Session, *, name: str) -> None:
    """Refuse the user's token from now on (servers honour it within ``UserCache``'s ttl)."""
    _user_named(session, name).active = False


def rotate_token(session: Session, *, name: str) -> str:
    """A new token for an active user; the old one stops working (within the cache's ttl)."""
    user = _user_named(session, name)
    if not user.active:
        raise ConflictError(f"user {name} is deactivated")
    token = secrets.token_urlsafe(32)
    user.token_hash = hash_token(token)
    return token


def user_by_token(session: Session, token: str) -> User | None:
    """The active user holding ``token``, if any."""
    return session.scalar(
        select(User).where(User.token_hash == hash_token(token), User.active.is_(True))
    )


class UserCache:
    """Which active user holds a token, remembered for ``ttl`` seconds in this process.

    The status service answers hundreds of queries a second for a few dozen registrars; asking
    the store who holds the token each time costs a query and a thread hop per request. Keyed by
    the token's hash, so no token is kept in clear. The price: a user deactivated in the store
    keeps access for up to ``ttl`` seconds. Unknown tokens are never remembered.
    """

    def __init__(
        self, *, ttl: float = 10.0, size: int = 4096, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._clock = clock
        self._size = size
        self._users: dict[str, tuple[float, User]] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> User | None:
        """The user remembered for ``token``, if still fresh."""
        key = hash_token(token)
        with self._lock:
            found = self._users.get(key)
        if found is None or found[0] <= self._clock():
            return None
        return found[1]

    def put(self, token: str, user: User) -> None:
        """Remember ``user``, which must be detached with its columns loaded (read from threads)."""
        with self._lock:
            if len(self._users) >= self._size:
                # Plenty for the prefecture's users; clearing beats bookkeeping an LRU order.
                self._users.clear()
            self._users[hash_token(token)] = (self._clock() + self._ttl, user)
