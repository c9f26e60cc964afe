"""A status query as every caller makes it (the API, the pages, ``hunyin status``): the query
checked, the document built, and the read written to the audit log in the same transaction."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask
from hunyin.errors import InputError
from registry.audit import record_audit
from registry.schemas import checked_id_number
from registry.status import status_by_id, status_by_name
from warehouse.models import User

DEFAULT_PURPOSE = "婚姻状况查询"


class QueryError(InputError):
    """A status query that cannot be answered as asked; ``field`` names the part at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def query_status(
    session: Session,
    *,
    user: User,
    id_number: str | None = None,
    name: str | None = None,
    birth_date: date | None = None,
    purpose: str | None = None,
    via: str | None = None,
) -> dict[str, Any]:
    """The status document for a number, or a name with a birth date; audited."""
    if id_number:
        try:
            number = checked_id_number(id_number)
        except ValueError as exc:
            raise QueryError(str(exc), field="id_number") from exc
        doc = status_by_id(session, id_number=number)
        subject = mask(number)
        numbers: list[str | None] = [number]
    elif name and birth_date:
        doc = status_by_name(session, name=name, birth_date=birth_date)
        subject = f"{name} {birth_date.isoformat()}"
        numbers = []
    else:
        raise QueryError("give id_number, or name and birth_date")
    details: dict[str, Any] = {"status": doc["status"], "events": len(doc["events"])}
    if via:
        details["via"] = via
    record_audit(
        session,
        user=user,
        action="status_query",
        purpose=purpose or DEFAULT_PURPOSE,
        subject=subject or "",
        details=details,
        id_numbers=numbers,
    )
    return doc
