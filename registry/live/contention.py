"""Concurrent writers meeting in the database become a 409, never a 500."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError, OperationalError

from hunyin.errors import ConflictError

# PostgreSQL: serialization failure, deadlock; SQLite reports a busy store as "locked".
_CONTENTION_STATES = {"40001", "40P01"}


def _is_contention(exc: OperationalError) -> bool:
    state = getattr(exc.orig, "sqlstate", None)
    return state in _CONTENTION_STATES or "database is locked" in str(exc.orig)


@contextmanager
def conflicts_as(message: str) -> Iterator[None]:
    """Turn a uniqueness clash or a lost race inside the block into ``ConflictError``."""
    try:
        yield
    except IntegrityError as exc:
        raise ConflictError(message) from exc
    except OperationalError as exc:
        if _is_contention(exc):
            raise ConflictError(message) from exc
        raise
