"""Events the system itself writes to the audit log (fixity checks, exports, imports)."""

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from warehouse.models import AuditEntry

_AUDIT_LOG = cast(Table, AuditEntry.__table__)


def system_event(
    *, actor: str, action: str, purpose: str, subject: str, details: dict[str, Any]
) -> dict[str, Any]:
    """One audit entry by a system actor (no user, no office); details carry no ID numbers."""
    return {
        "user_name": actor,
        "office_code": None,
        "action": action,
        "purpose": purpose,
        "subject": subject,
        "details": details,
    }


def append_events(session: Session, *, events: Sequence[dict[str, Any]]) -> None:
    """Append the entries in the caller's transaction, in one statement."""
    if events:
        session.execute(insert(_AUDIT_LOG), list(events))
