"""Putting hand-made records into a test store and reading back who is one person."""

from datetime import date
from typing import Any

from sqlalchemy import select

from hunyin.domain.idnumber import check_character
from hunyin.schema import Record
from tests.factories import party, record
from warehouse.db import transaction
from warehouse.loading import Keyed, upsert_records
from warehouse.models import PartyRow, PersonLink, RecordRow


def number(born: date, *, sex: str, address: str = "532301", seq: int = 1) -> str:
    """A well-formed 18-digit number whose parity follows ``sex``."""
    first17 = f"{address}{born:%Y%m%d}{(seq * 2 + (sex == '男')) % 1000:03d}"
    return first17 + check_character(first17)


def event(
    kind: str, day: date, cert: str, *, male: dict[str, Any], female: dict[str, Any], **extra: Any
) -> Record:
    """A record of ``kind`` between two parties given as field overrides."""
    return record(
        file=f"{cert}.png",
        record_type=kind,
        registration_date=day,
        certificate_no=cert,
        male=party("male", **male),
        female=party("female", **female),
        **extra,
    )


def load(url: str, records: list[Record]) -> list[int]:
    """Upsert ``records`` (keyed by certificate number); returns their record ids."""
    items = [Keyed(key=f"test:{r.certificate_no}", record=r) for r in records]
    with transaction(url) as session:
        upsert_records(session, items=items, source_kind="scan", batch="test", engine="test")
        keys = [f"test:{r.certificate_no}" for r in records]
        rows = session.execute(
            select(RecordRow.natural_key, RecordRow.id).where(RecordRow.natural_key.in_(keys))
        )
        ids = dict(rows.tuples().all())
    return [ids[k] for k in keys]


def person_of(url: str, *, record_id: int, sex: str) -> int | None:
    """The person the index gave to the party of ``sex`` on the record."""
    with transaction(url) as session:
        return session.scalar(
            select(PersonLink.person_id)
            .join(PartyRow, PartyRow.id == PersonLink.party_id)
            .where(PartyRow.record_id == record_id, PartyRow.sex == sex)
        )
