"""Certificate numbers ``{J,L,BJ,BL}{office}-{year}-{serial:06d}``, unique per office, year and
prefix: the serial is taken from a counter row incremented in the registering transaction."""

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from warehouse.db import dialect_insert
from warehouse.models import CertificateSerial, RecordRow

PREFIXES = ("J", "L", "BJ", "BL")


def _highest_on_record(session: Session, stem: str) -> int:
    """The highest serial already in the store under ``stem`` (archives and ledgers count)."""
    top = session.scalar(
        select(func.max(RecordRow.certificate_no)).where(RecordRow.certificate_no.like(f"{stem}%"))
    )
    tail = (top or "")[len(stem) :]
    return int(tail) if tail.isdigit() else 0


def next_certificate_no(session: Session, *, prefix: str, office_code: str, year: int) -> str:
    """Issue the next number; the counter row stays locked until the caller's commit."""
    if prefix not in PREFIXES:
        raise ValueError(f"unknown certificate prefix {prefix}")
    stem = f"{prefix}{office_code}-{year}-"
    # The counter row exists but for the first number of an office's year: one statement. Only
    # then is the store searched for the highest number on record, a scan of the records.
    taken = session.execute(
        update(CertificateSerial)
        .where(
            CertificateSerial.office_code == office_code,
            CertificateSerial.year == year,
            CertificateSerial.prefix == prefix,
        )
        .values(last_serial=CertificateSerial.last_serial + 1)
        .returning(CertificateSerial.last_serial)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if taken is not None:
        return f"{stem}{taken:06d}"
    stmt = (
        dialect_insert(session, CertificateSerial)
        .values(
            office_code=office_code,
            year=year,
            prefix=prefix,
            last_serial=_highest_on_record(session, stem) + 1,
        )
        .on_conflict_do_update(
            index_elements=["office_code", "year", "prefix"],
            set_={"last_serial": CertificateSerial.last_serial + 1},
        )
        .returning(CertificateSerial.last_serial)
    )
    serial = session.execute(stmt).scalar_one()
    return f"{stem}{serial:06d}"
