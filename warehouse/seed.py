"""Reference data kept in step with the code tables shipped in ``hunyin/data``."""

from sqlalchemy.orm import Session

from hunyin.codes import offices
from warehouse.models import OfficeRow


def sync_offices(session: Session) -> int:
    """Insert or update every office of ``offices.csv``; returns how many there are."""
    for office in offices():
        session.merge(
            OfficeRow(
                code=office.code,
                name=office.name,
                county=office.county,
                valid_from=office.valid_from,
                valid_to=office.valid_to,
                level=office.level,
            )
        )
    session.flush()
    return len(offices())
