"""The original record a reissue or an archive access is about: the one the request names
(``record_id``), else the one the store can tell (the couple's common record; a person's only
registration), and whether the case's parties are that record's registered couple."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from registry.schemas import CaseIn, PartyIn
from warehouse.models import PartyRow, RecordRow

_ORIGINALS = ("marriage", "divorce")


@dataclass(frozen=True, slots=True)
class Target:
    """The record, what the rules need of it, and how the case's parties match its parties:
    ``by_number`` (every party by ID number), ``by_name`` (some only by name and birth date,
    to be verified by a registrar) or ``none``."""

    record_id: int
    record_type: str | None
    office_code: str | None
    certificate_no: str | None
    registration_date: str | None
    match: str

    def doc(self) -> dict[str, Any]:
        """The record as a candidate for a registrar to verify (the event shape)."""
        return {
            "record_id": self.record_id,
            "type": self.record_type,
            "office_code": self.office_code,
            "certificate_no": self.certificate_no,
            "date": self.registration_date,
            "spouse": {"name": None, "id_number_masked": None},
            "match": "candidate",
            "probability": None,
        }


def _party_match(party: PartyIn, rows: list[PartyRow]) -> str:
    for row in rows:
        if party.id18 is not None and row.id18 == party.id18:
            return "by_number"
    for row in rows:
        if (row.id18 is None or party.id18 is None) and (row.name, row.birth_date, row.sex) == (
            party.name,
            party.birth_date,
            party.sex,
        ):
            return "by_name"
    return "none"


def _match(case: CaseIn, record: RecordRow) -> str:
    found = [_party_match(p, list(record.parties)) for p in case.parties]
    if "none" in found:
        return "none"
    return "by_name" if "by_name" in found else "by_number"


def _as_target(case: CaseIn, record: RecordRow) -> Target:
    return Target(
        record_id=record.id,
        record_type=record.record_type,
        office_code=record.office_code,
        certificate_no=record.certificate_no,
        registration_date=(
            record.registration_date.isoformat() if record.registration_date else None
        ),
        match=_match(case, record),
    )


def _told(case: CaseIn, histories: list[list[dict[str, Any]]]) -> int | None:
    """The record the store can tell: the couple's latest common marriage or divorce, or a
    lone party's only registration."""
    ids = [
        {e["record_id"] for e in history if e.get("type") in _ORIGINALS and e.get("record_id")}
        for history in histories
    ]
    if not ids:
        return None
    common = set.intersection(*ids)
    if len(histories) == 1 and len(common) != 1:
        return None
    return max(common) if common else None


def find_target(
    session: Session, case: CaseIn, histories: list[list[dict[str, Any]]]
) -> Target | None:
    """The record asked about (``histories``: each party's events, confirmed and probable)."""
    if case.kind not in ("reissue", "archive_access"):
        return None
    record_id = case.record_id if case.record_id is not None else _told(case, histories)
    record = session.get(RecordRow, record_id) if record_id is not None else None
    if record is None or record.status != "accepted":
        return None
    return _as_target(case, record)
