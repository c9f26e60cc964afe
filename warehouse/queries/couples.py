"""The marriage of a couple: by both ID numbers, else by both names and birth dates.
Statements built once, with bound parameters."""

from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased

from warehouse.models import PartyRow, RecordRow

_MALE = aliased(PartyRow, name="male")
_FEMALE = aliased(PartyRow, name="female")
_MARRIAGES = (
    select(RecordRow.id)
    .join(_MALE, (_MALE.record_id == RecordRow.id) & (_MALE.role == "male"))
    .join(_FEMALE, (_FEMALE.record_id == RecordRow.id) & (_FEMALE.role == "female"))
    .where(
        RecordRow.record_type == "marriage",
        RecordRow.status == "accepted",
        RecordRow.registration_date <= bindparam("day"),
    )
    .order_by(RecordRow.registration_date.desc(), RecordRow.id.desc())
    .limit(1)
)
_BY_NUMBERS = _MARRIAGES.where(_MALE.id18 == bindparam("male"), _FEMALE.id18 == bindparam("female"))
_BY_NAMES = _MARRIAGES.where(
    _MALE.name == bindparam("male_name"),
    _MALE.birth_date == bindparam("male_born"),
    _FEMALE.name == bindparam("female_name"),
    _FEMALE.birth_date == bindparam("female_born"),
)


def couple_marriage(
    session: Session,
    *,
    day: date,
    male_id18: str | None,
    female_id18: str | None,
    male_name: str | None,
    male_born: date | None,
    female_name: str | None,
    female_born: date | None,
) -> int | None:
    """The couple's latest accepted marriage registered on or before ``day``."""
    if male_id18 is not None and female_id18 is not None:
        found = session.scalar(_BY_NUMBERS, {"day": day, "male": male_id18, "female": female_id18})
        if found is not None:
            return int(found)
    if None in (male_name, male_born, female_name, female_born):
        return None
    found = session.scalar(
        _BY_NAMES,
        {
            "day": day,
            "male_name": male_name,
            "male_born": male_born,
            "female_name": female_name,
            "female_born": female_born,
        },
    )
    return int(found) if found is not None else None
