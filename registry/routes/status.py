"""``GET /api/v1/status``: a person's consolidated status, audited."""

from datetime import date
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session

from registry.deps import autocommitted, require_role
from registry.errors import ApiError
from registry.responses import StatusDocument, errors
from registry.schemas import FreeText
from registry.status_query import QueryError, query_status
from warehouse.models import User

router = APIRouter(prefix="/api/v1", tags=["status"])
Reader = Annotated[User, require_role("registrar", "steward", "admin")]


def lookup(
    session: Session,
    *,
    user: User,
    id_number: str | None,
    name: str | None,
    birth_date: date | None,
    purpose: str | None,
) -> dict[str, Any]:
    """The audited status query, its input errors as 422 in the one error shape (pages too)."""
    try:
        return query_status(
            session,
            user=user,
            id_number=id_number,
            name=name,
            birth_date=birth_date,
            purpose=purpose,
        )
    except QueryError as exc:
        details = [{"loc": ["query", exc.field]}] if exc.field else []
        raise ApiError(422, str(exc), details=details) from exc


@router.get("/status", response_model=StatusDocument, responses=errors(401, 403, 422, 503))
async def get_status(
    request: Request,
    user: Reader,
    id_number: Annotated[str | None, Query(max_length=32)] = None,
    name: Annotated[FreeText | None, Query(max_length=64)] = None,
    birth_date: date | None = None,
    purpose: Annotated[FreeText | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """The same document as ``hunyin status --json``.

    Its reads and its audit row are statements of their own: the row is committed when its
    insert returns, before the answer is built, and no BEGIN or COMMIT costs a round trip.
    """
    return await autocommitted(
        request,
        partial(
            lookup,
            user=user,
            id_number=id_number,
            name=name,
            birth_date=birth_date,
            purpose=purpose,
        ),
    )
