"""The append-only audit log: who looked at or changed whose record, from where, and why."""

from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from hunyin.domain.idnumber import keyed_hash, mask_in_text
from hunyin.settings import get_settings
from registry.privacy import scrub
from warehouse.group_commit import GROUP_COMMIT, GroupCommit
from warehouse.models import AuditEntry, User

_AUDIT_LOG = cast(Table, AuditEntry.__table__)
# Built once; each entry binds its values. A Core insert on the table: nothing reads the entry
# back, so the ORM's work (an object, a flush, the new id fetched; even its bulk-insert path)
# would be paid on every status query for nothing.
_APPEND = insert(_AUDIT_LOG)


def person_key(id_number: str | None) -> str | None:
    """The keyed hash the log keeps of a whole ID number (``None`` for a malformed one)."""
    return keyed_hash(id_number, key=get_settings().audit_key)


def record_audit(
    session: Session,
    *,
    user: User,
    action: str,
    purpose: str | None,
    subject: str | None,
    details: dict[str, Any] | None = None,
    id_numbers: list[str | None] | None = None,
) -> None:
    """Append one entry in the caller's transaction; ID numbers are masked on the way in.

    ``id_numbers`` (whole) are the numbers the entry is about: only their keyed hashes are kept,
    so that an auditor can find the entry by a whole number the log never stores.
    """
    hashes = sorted({h for n in id_numbers or [] if (h := person_key(n))})
    entry = {
        "user_name": user.name,
        "office_code": user.office_code,
        "action": action,
        "purpose": purpose,
        "subject": mask_in_text(subject) if subject else None,
        "details": scrub(details) if details else None,
        "subject_keys": " ".join(hashes) or None,
    }
    # A session committing each statement (an audited read) appends in a group commit with
    # concurrent requests' entries; it returns, as alone, once the entry is durable.
    group: GroupCommit | None = session.info.get(GROUP_COMMIT)
    if group is not None:
        group.execute(session, _APPEND, entry)
    else:
        session.execute(_APPEND, entry)
