"""Storing an event that ends or voids a marriage, from any source, idempotently.

The natural key is the event's type and marriage (with the side, for a death), or for a death
of a person without a marriage in the store the person's key or name and birth date: entering
the same event again (a ledger loaded twice, a document brought twice) finds the stored one.
"""

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hunyin.codes import event_types, office_by_code
from warehouse.models import CurrentMarriage, MarriageEvent, PartyRow, RecordRow


def event_key(
    *,
    event_type: str,
    marriage_record_id: int | None,
    role: str | None,
    person: str | None,
) -> str:
    """``{type}:record:{id}[:{role}]`` for a marriage's event, ``{type}:person:{key}`` else."""
    if marriage_record_id is not None:
        side = f":{role}" if event_type in ("death", "death_revoked") else ""
        return f"{event_type}:record:{marriage_record_id}{side}"
    return f"{event_type}:person:{person}"


def archive_note(
    *,
    event_type: str,
    day: date,
    document: str,
    number: str | None,
    issuer: str | None,
    marriage: RecordRow | None,
) -> str:
    """The 备注 written on the original archive, naming the document and the file."""
    what = event_types()[event_type].name
    source = "".join(p for p in (issuer, document, number) if p)
    if marriage is None:
        return f"{day.isoformat()} {what}（依{source}）；库中无其婚姻登记档案"
    office = office_by_code(marriage.office_code) if marriage.office_code else None
    where = office.name if office else (marriage.office_code or "登记机关不详")
    registered = marriage.registration_date
    return (
        f"{day.isoformat()} {what}（依{source}）；原婚姻登记档案："
        f"{where} {marriage.certificate_no or '无证号'}"
        f"（{registered.isoformat() if registered else '日期不详'}）"
    )


def find_event(session: Session, *, natural_key: str) -> MarriageEvent | None:
    return session.scalar(select(MarriageEvent).where(MarriageEvent.natural_key == natural_key))


def add_event(session: Session, *, event: MarriageEvent) -> tuple[MarriageEvent, bool]:
    """Insert the event unless its natural key is stored; (the stored event, whether new).

    An event that ends a marriage also frees the parties' claims on a current marriage, so
    that the survivor (or the divorced) can be married by the live registry.
    """
    stored = find_event(session, natural_key=event.natural_key)
    if stored is not None:
        return stored, False
    session.add(event)
    session.flush()
    if event.marriage_record_id is not None:
        keys = session.scalars(
            select(PartyRow.id18).where(
                PartyRow.record_id == event.marriage_record_id, PartyRow.id18.is_not(None)
            )
        ).all()
        if keys:
            session.execute(delete(CurrentMarriage).where(CurrentMarriage.id18.in_(keys)))
    elif event.person_id18 is not None:
        session.execute(delete(CurrentMarriage).where(CurrentMarriage.id18 == event.person_id18))
    session.flush()
    return event, True
