"""A scan's record weighed against the ledger row of the same registration and the registrars
seen at the office that year."""

from datetime import date

from batch.evidence import weigh
from hunyin.schema import Record
from tests.factories import party, record
from warehouse.db import transaction
from warehouse.keys import ledger_key
from warehouse.loading import Keyed, upsert_records


def _ledger(url: str, row: Record) -> None:
    key = ledger_key(
        office_code=str(row.office_code),
        certificate_no=str(row.certificate_no),
        registration_date=str(row.registration_date),
        kind=str(row.record_type),
    )
    with transaction(url) as session:
        upsert_records(
            session,
            items=[Keyed(key=key, record=row)],
            source_kind="ledger",
            batch="l1",
            engine="ledger",
        )


def _unsure(**overrides: object) -> Record:
    """A scan's record that waits only because two fields were read without confidence."""
    scanned = record(status="needs_review", **overrides)
    confidence = {field: 0.99 for field in ("registration_date", "registrar", "male.name")}
    confidence |= {"male.name": 0.7, "registrar": 0.6}
    return scanned.model_copy(update={"confidence": confidence})


def test_a_ledger_row_that_agrees_confirms_the_fields(store_url: str) -> None:
    _ledger(store_url, record())
    with transaction(store_url) as session:
        weighed = weigh(session, record=_unsure())
    assert weighed.status == "accepted"
    assert weighed.confidence["male.name"] >= 0.99
    assert not weighed.issues


def test_a_ledger_row_that_disagrees_is_a_doubt_with_both_values(store_url: str) -> None:
    _ledger(store_url, record(male=party("male", name="程辉中", id_number="532301199111152074")))
    with transaction(store_url) as session:
        weighed = weigh(session, record=record())
    assert weighed.status == "needs_review"
    messages = {i.field: i.message for i in weighed.issues if i.rule == "ledger-disagrees"}
    assert set(messages) == {"male.name", "male.id_number"}
    assert "程辉忠" in messages["male.name"] and "程辉中" in messages["male.name"]
    assert "532301199111152090" not in messages["male.id_number"]
    assert "5323011991******90" in messages["male.id_number"]


def test_without_a_ledger_row_the_record_is_unchanged(store_url: str) -> None:
    _ledger(store_url, record(certificate_no="J532301-2018-000999"))
    scanned = _unsure(registrar="张建华", registration_date=date(2017, 3, 1))
    with transaction(store_url) as session:
        assert weigh(session, record=scanned) == scanned


def test_a_registrar_seen_that_year_at_the_office_is_confirmed(store_url: str) -> None:
    _ledger(store_url, record(certificate_no="J532301-2018-000001"))
    scanned = _unsure().model_copy(
        update={"confidence": {"registration_date": 0.99, "registrar": 0.6}}
    )
    with transaction(store_url) as session:
        weighed = weigh(session, record=scanned)
    assert weighed.confidence["registrar"] >= 0.99
    assert weighed.status == "accepted"
