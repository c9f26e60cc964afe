"""The one history statement returns what the statements it replaces return, row for row and in
their order: events of the key, their marriages' events, deaths by the key alone, and records
waiting for review or for the index by number or by name and birth date."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.warehouse.linkage.helpers import event, load, number
from warehouse.db import transaction
from warehouse.events import add_event
from warehouse.linkage import link_records
from warehouse.models import MarriageEvent, RecordRow
from warehouse.queries.events import EVENTS_OF_KEY, EventRow, waiting_of
from warehouse.queries.history import history_of_key
from warehouse.queries.marriage_events import events_of_marriages, unattached_events

BORN = date(1952, 3, 8)
KEY = number(BORN, sex="女", address="532322")
OLD_NUMBER = KEY[:6] + KEY[8:17]
WIFE = {"name": "李秀英", "birth_date": BORN}
HUSBAND = {"name": "张国强", "birth_date": date(1950, 1, 2)}
SECOND = {"name": "王建华", "birth_date": date(1949, 7, 7)}


def _ending(session: Session, kind: str, day: date, *, record_id: int | None) -> None:
    add_event(
        session,
        event=MarriageEvent(
            natural_key=f"{kind}:{record_id}:{day}",
            event_type=kind,
            event_date=day,
            marriage_record_id=record_id,
            role="male" if record_id else None,
            person_id18=None if record_id else KEY,
            evidence_document="文书",
            archive_note="备注",
            source_kind="ledger",
            created_by="test",
        ),
    )


def _store(url: str) -> None:
    """Two marriages and a divorce, a court divorce of the second marriage and the husband's
    death, a death entered by the key alone; then, after linking, a record carrying the key not
    linked yet and one in review under her name and birth date."""
    _, _, second = load(
        url,
        [
            event("marriage", date(1979, 5, 1), "M1", male=HUSBAND, female={**WIFE}),
            event(
                "divorce",
                date(1993, 6, 1),
                "D1",
                male=HUSBAND,
                female={**WIFE, "id_number": OLD_NUMBER},
            ),
            event(
                "marriage", date(2001, 9, 9), "M2", male=SECOND, female={**WIFE, "id_number": KEY}
            ),
        ],
    )
    with transaction(url) as session:
        link_records(session)
        _ending(session, "court_divorce", date(2005, 5, 1), record_id=second)
        _ending(session, "death", date(2010, 2, 2), record_id=second)
        _ending(session, "death", date(2020, 1, 1), record_id=None)
    load(
        url,
        [
            event(
                "reissue", date(2012, 3, 3), "R1", male=SECOND, female={**WIFE, "id_number": KEY}
            ),
            event(
                "marriage",
                date(1985, 1, 1),
                "M3",
                male={"name": "赵四", "birth_date": date(1951, 1, 1)},
                female={**WIFE},
                status="needs_review",
            ),
        ],
    )


def _separately(session: Session, *, key: str, written: str) -> tuple[list, list, list, list]:
    events = [EventRow(*row) for row in session.execute(EVENTS_OF_KEY, {"key": key})]
    marriages = sorted({e.record_id for e in events if e.record_type == "marriage"})
    names = {(e.person_name, e.person_birth_date) for e in events} | {
        (e.party_name, e.party_birth_date) for e in events
    }
    wanted = {(n, b) for n, b in names if n is not None and b is not None}
    return (
        events,
        events_of_marriages(session, record_ids=marriages),
        unattached_events(session, id18=key, name=None, birth_date=None),
        waiting_of(session, id18=key, id_number=written, names=wanted),
    )


def test_one_statement_returns_what_the_separate_ones_did(store_url: str) -> None:
    _store(store_url)
    with transaction(store_url) as session:
        assert session.scalar(select(RecordRow.id).where(RecordRow.status == "needs_review"))
        for key, written in [(KEY, KEY), (KEY, OLD_NUMBER), (number(BORN, sex="男"), None)]:
            history = history_of_key(session, id18=key, id_number=written)
            events, attached, unattached, waiting = _separately(session, key=key, written=written)
            assert history.events == events
            assert history.attached == attached
            assert history.unattached == unattached
            assert history.waiting == waiting
        # The store holds every part for her: the comparison is of something.
        full = history_of_key(session, id18=KEY, id_number=KEY)
        assert {e.certificate_no for e in full.events} == {"D1", "M2", "R1"}
        assert {e.event_type for e in full.attached} == {"court_divorce", "death"}
        assert len(full.unattached) == 1
        assert {w.certificate_no for w in full.waiting} == {"R1", "M3"}
