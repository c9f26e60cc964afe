"""Users and their bearer tokens: a token is shown once and stored only as its SHA-256."""

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from hunyin.codes import office_by_code
from hunyin.errors import ConflictError, InputError, UnknownOfficeError
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


def user_by_token(session: Session, token: str) -> User | None:
    """The active user holding ``token``, if any."""
    return session.scalar(
        select(User).where(User.token_hash == hash_token(token), User.active.is_(True))
    )
