"""Writing a live registration into the store, the same way every other source is loaded."""

from datetime import date

from sqlalchemy.orm import Session

from hunyin.codes import office_by_code
from hunyin.domain.idnumber import mask
from hunyin.schema import Party, Record, RecordType, Source
from registry.schemas import PartyIn
from warehouse.keys import live_key
from warehouse.linkage import link_new_by_key
from warehouse.loading import Keyed, upsert_records
from warehouse.models import RecordRow


def _party(party: PartyIn | None, prior_status: str | None) -> Party:
    """Every field of the form as written; the hukou's full text, else its county."""
    if party is None:
        return Party()
    county = office_by_code(party.hukou_code) if party.hukou_code else None
    return Party(
        name=party.name,
        sex=party.sex,
        birth_date=party.birth_date,
        id_number=party.id_number,
        ethnicity=party.ethnicity,
        hukou=party.hukou or (county.county if county else party.hukou_code),
        occupation=party.occupation,
        education=party.education,
        prior_status=prior_status,
    )


def build_record(
    *,
    record_type: RecordType,
    day: date,
    office_code: str,
    certificate_no: str,
    registrar: str | None,
    parties: list[PartyIn],
    prior_statuses: dict[str, str | None],
    source_kind: str = "live",
) -> Record:
    """The accepted record of a registration typed at the office, every field as written."""
    office = office_by_code(office_code)
    by_sex: dict[str, PartyIn] = {p.sex: p for p in parties}
    return Record(
        status="accepted",
        source=Source(file=f"{source_kind.replace('_', '-')}/{office_code}/{certificate_no}"),
        record_type=record_type,
        registration_date=day,
        office_code=office_code,
        office_name=office.name if office else None,
        certificate_no=certificate_no,
        registrar=registrar,
        male=_party(by_sex.get("男"), prior_statuses.get("男")),
        female=_party(by_sex.get("女"), prior_statuses.get("女")),
    )


def store_record(
    session: Session, *, record: Record, key: str, source_kind: str, parties: list[PartyIn]
) -> RecordRow:
    """Insert ``record`` and link its parties at once: by their numbers where they carry one,
    the rest by the model, so that the person index is current when this returns."""
    # 国籍 is on the modern form but not among the fields a scan is read into.
    by_sex: dict[str, PartyIn] = {p.sex: p for p in parties}
    nationality = {
        role: {"nationality": written.nationality if written else None}
        for role, written in (("male", by_sex.get("男")), ("female", by_sex.get("女")))
    }
    row = upsert_records(
        session,
        items=[Keyed(key=key, record=record)],
        source_kind=source_kind,
        batch=None,
        engine=source_kind,
        party_extras=nationality,
    ).rows[key]
    link_new_by_key(session, record_ids=[row.id])
    return row


def write_live_record(
    session: Session,
    *,
    record_type: RecordType,
    day: date,
    office_code: str,
    certificate_no: str,
    registrar: str,
    parties: list[PartyIn],
    prior_statuses: dict[str, str | None],
) -> RecordRow:
    """Insert the accepted record (``source_kind="live"``) and link its parties (a live party
    shows its ID card)."""
    record = build_record(
        record_type=record_type,
        day=day,
        office_code=office_code,
        certificate_no=certificate_no,
        registrar=registrar,
        parties=parties,
        prior_statuses=prior_statuses,
    )
    key = live_key(certificate_no=certificate_no)
    return store_record(session, record=record, key=key, source_kind="live", parties=parties)


def record_doc(row: RecordRow) -> dict[str, object]:
    """The record as the API returns it (ID numbers masked)."""
    return {
        "record_id": row.id,
        "record_type": row.record_type,
        "certificate_no": row.certificate_no,
        "registration_date": row.registration_date.isoformat() if row.registration_date else None,
        "office_code": row.office_code,
        "office_name": row.office_name,
        "registrar": row.registrar,
        "source_kind": row.source_kind,
        "parties": [
            {
                "role": p.role,
                "name": p.name,
                "sex": p.sex,
                "birth_date": p.birth_date.isoformat() if p.birth_date else None,
                "id_number_masked": mask(p.id_number),
                "ethnicity": p.ethnicity,
                "occupation": p.occupation,
                "education": p.education,
                "nationality": p.nationality,
                "hukou": p.hukou,
                "prior_status": p.prior_status,
            }
            for p in row.parties
            if p.name
        ],
    }
