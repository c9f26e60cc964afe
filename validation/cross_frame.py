"""The store's live records as a polars frame, with one person key per party."""

from typing import Any

import polars as pl
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from warehouse.models import MarriageEvent, PartyRow, PersonLink, RecordRow

_RECORD_COLUMNS = (
    "id",
    "batch",
    "record_type",
    "registration_date",
    "office_code",
    "certificate_no",
)


def _query() -> Select[Any]:
    columns: list[Any] = [getattr(RecordRow, c) for c in _RECORD_COLUMNS]
    query = select(*columns).where(RecordRow.status.not_in(("rejected", "duplicate")))
    for role in ("male", "female"):
        party = aliased(PartyRow, name=role)
        link = aliased(PersonLink, name=f"{role}_link")
        columns = [
            party.id18.label(f"{role}_id18"),
            party.name.label(f"{role}_name"),
            party.birth_date.label(f"{role}_birth"),
            link.person_id.label(f"{role}_person"),
        ]
        query = (
            query.add_columns(*columns)
            .outerjoin(party, (party.record_id == RecordRow.id) & (party.role == role))
            .outerjoin(link, link.party_id == party.id)
        )
    return query


def _name_key(role: str) -> pl.Expr:
    """Name and birth date, exactly as written: the only key of a record without ID numbers."""
    return pl.concat_str(
        [pl.col(f"{role}_name"), pl.col(f"{role}_birth").cast(pl.String)], separator="|"
    )


def _read_key(role: str) -> pl.Expr:
    """What the record itself says: the 18-digit key, else name and birth date."""
    return pl.coalesce(pl.lit("id:") + pl.col(f"{role}_id18"), pl.lit("name:") + _name_key(role))


def _person_key(role: str) -> pl.Expr:
    """The linked person (the index also joins records without numbers); else the read key."""
    return pl.coalesce(
        pl.lit("person:") + pl.col(f"{role}_person").cast(pl.String), _read_key(role)
    )


def store_frame(session: Session) -> pl.DataFrame:
    """Every live record (not rejected, not a merged copy), with three keys per party.

    ``male``/``female``: the person (for histories); ``*_read``: what this record says (only
    accepted records are in the person index, so copies compare on this); ``*_name``: name and
    birth date.
    """
    rows = session.execute(_query()).all()
    schema = {
        "id": pl.Int64,
        "batch": pl.String,
        "record_type": pl.String,
        "registration_date": pl.Date,
        "office_code": pl.String,
        "certificate_no": pl.String,
    }
    for role in ("male", "female"):
        schema |= {
            f"{role}_id18": pl.String,
            f"{role}_name": pl.String,
            f"{role}_birth": pl.Date,
            f"{role}_person": pl.Int64,
        }
    frame = pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")
    return frame.select(
        *_RECORD_COLUMNS,
        male=_person_key("male"),
        female=_person_key("female"),
        male_read=_read_key("male"),
        female_read=_read_key("female"),
        male_name=_name_key("male"),
        female_name=_name_key("female"),
    ).rename({"id": "record_id"})


def event_frame(session: Session) -> pl.DataFrame:
    """The events of marriages in the store (court divorces, deaths, void, annulled, revoked
    declarations of death), with the side of the person a death is about."""
    rows = session.execute(
        select(
            MarriageEvent.marriage_record_id,
            MarriageEvent.event_type,
            MarriageEvent.event_date,
            MarriageEvent.role,
        ).where(MarriageEvent.marriage_record_id.is_not(None))
    ).all()
    schema = {
        "record_id": pl.Int64,
        "event_type": pl.String,
        "event_date": pl.Date,
        "role": pl.String,
    }
    return pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")
