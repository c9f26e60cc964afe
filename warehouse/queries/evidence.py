"""What the store already knows about a registration read from a scan: the ledger row of the
same office and certificate number, and the registrars seen at an office in a year.

The statements are built once, with bound parameters.
"""

from sqlalchemy import bindparam, extract, select
from sqlalchemy.orm import Session, selectinload

from warehouse.models import RecordRow

_LEDGER_TWIN = (
    select(RecordRow)
    .where(
        RecordRow.source_kind == "ledger",
        RecordRow.office_code == bindparam("office_code"),
        RecordRow.certificate_no == bindparam("certificate_no"),
        RecordRow.status != "duplicate",
    )
    .options(selectinload(RecordRow.parties))
    .order_by(RecordRow.id)
    .limit(2)
)
_REGISTRARS = (
    select(RecordRow.registrar)
    .where(
        RecordRow.office_code == bindparam("office_code"),
        extract("year", RecordRow.registration_date) == bindparam("year"),
        RecordRow.status == "accepted",
        RecordRow.registrar.is_not(None),
    )
    .distinct()
)


def ledger_twin(session: Session, *, office_code: str, certificate_no: str) -> RecordRow | None:
    """The one ledger row of the office with that certificate number; ``None`` when there is
    none, or more than one (then no row speaks for the registration)."""
    rows = list(
        session.scalars(
            _LEDGER_TWIN, {"office_code": office_code, "certificate_no": certificate_no}
        )
    )
    return rows[0] if len(rows) == 1 else None


def registrars_at(session: Session, *, office_code: str, year: int) -> frozenset[str]:
    """Registrars named on accepted records of the office in the year."""
    return frozenset(session.scalars(_REGISTRARS, {"office_code": office_code, "year": year}))
