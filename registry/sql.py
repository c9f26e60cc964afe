"""The one dialect difference the registry needs: ``INSERT … ON CONFLICT`` builders."""

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session


def dialect_insert(session: Session, table: Any) -> Any:
    """An insert on ``table`` with ``on_conflict_do_update`` / ``_do_nothing`` for the store."""
    if session.get_bind().dialect.name == "postgresql":
        return pg_insert(table)
    return sqlite_insert(table)
