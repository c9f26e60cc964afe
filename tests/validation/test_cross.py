"""Cross-record rules over a real store, on SQLite and PostgreSQL."""

from datetime import date
from itertools import count

from sqlalchemy import select

from batch.dedupe import merge_duplicates
from hunyin.domain.idnumber import check_character
from hunyin.schema import Party, Record
from tests.factories import party, record
from validation.cross import check_store
from warehouse.db import transaction
from warehouse.linkage import link_by_id
from warehouse.loading import Keyed, upsert_records
from warehouse.models import FieldProvenance, RecordRow

_serial = count(1)


def person(role: str, born: str) -> Party:
    """A party with a valid 18-digit number of its own."""
    first17 = f"532301{born.replace('-', '')}{next(_serial) % 500 * 2 + (role == 'male'):03d}"
    return party(
        role, birth_date=date.fromisoformat(born), id_number=first17 + check_character(first17)
    )


def event(kind: str, day: str, number: str, male: Party, female: Party) -> Record:
    return record(
        record_type=kind,
        registration_date=date.fromisoformat(day),
        certificate_no=number,
        male=male,
        female=female,
    )


def load(url: str, records: list[tuple[str, Record]], *, batch: str = "b1") -> None:
    with transaction(url) as session:
        items = [Keyed(key=key, record=r) for key, r in records]
        upsert_records(session, items=items, source_kind="scan", batch=batch, engine="test")


def found(url: str, batch: str | None = None) -> set[tuple[str, int]]:
    with transaction(url) as session:
        return {(i.rule, len(i.record_ids)) for i in check_store(session, batch=batch)}


def test_each_cross_rule(store_url: str) -> None:
    m1, f1, f2 = (
        person("male", "1975-01-02"),
        person("female", "1977-03-04"),
        person("female", "1978-05-06"),
    )
    m2, f3 = person("male", "1970-01-01"), person("female", "1972-02-02")
    m3, f4, f5 = (
        person("male", "1960-06-06"),
        person("female", "1962-06-06"),
        person("female", "1963-07-07"),
    )
    load(
        store_url,
        [
            ("a", event("marriage", "2010-05-01", "J532301-2010-000001", m1, f1)),
            ("a-again", event("marriage", "2010-05-01", "J532301-2010-000001", m1, f1)),
            ("b", event("marriage", "2012-05-01", "J532301-2012-000009", m1, f2)),
            ("c", event("marriage", "2011-01-01", "J532301-2011-000002", m2, f3)),
            ("c-misread", event("marriage", "2011-01-01", "J532301-2011-000002", m2, f4)),
            ("d", event("divorce", "2013-01-01", "L532301-2013-000003", m3, f5)),
            ("e", event("reissue", "2014-01-01", "BJ532301-2014-000004", m3, f4)),
            ("e-ok", event("reissue", "2014-02-01", "BJ532301-2014-000005", m1, f1)),
            ("s1", event("marriage", "2015-01-01", "J532301-2015-000007", m3, f4)),
            ("s2", event("marriage", "2015-03-01", "J532301-2015-000007", m3, f4)),
        ],
    )
    assert found(store_url) == {
        ("duplicate-record", 2),
        ("bigamy", 2),
        ("conflicting-readings", 2),
        ("divorce-without-marriage", 1),
        ("reissue-without-original", 1),
        ("serial-reused", 2),
    }


def test_divorce_between_marriages_is_no_bigamy(store_url: str) -> None:
    m, f1, f2 = (
        person("male", "1965-01-01"),
        person("female", "1966-01-01"),
        person("female", "1968-01-01"),
    )
    load(
        store_url,
        [
            ("m1", event("marriage", "1990-01-01", "(90)楚民结字第0001号", m, f1)),
            ("d1", event("divorce", "1995-01-01", "(95)楚民离字第0001号", m, f1)),
            ("m2", event("marriage", "2000-01-01", "(00)楚民结字第0002号", m, f2)),
        ],
    )
    assert found(store_url) == set()


def test_batch_filter_keeps_findings_touching_the_batch(store_url: str) -> None:
    m, f = person("male", "1960-01-01"), person("female", "1961-01-01")
    load(
        store_url,
        [("x", event("divorce", "2001-01-01", "(01)楚民离字第0001号", m, f))],
        batch="old",
    )
    assert found(store_url, "old") == {("divorce-without-marriage", 1)}
    assert found(store_url, "new") == set()


def test_duplicates_merge_keeping_both_provenances(store_url: str) -> None:
    m, f = person("male", "1980-01-01"), person("female", "1981-01-01")
    marriage = event("marriage", "2010-05-01", "J532301-2010-000011", m, f)
    load(store_url, [("scan-1", marriage), ("scan-2", marriage)])
    with transaction(store_url) as session:
        assert merge_duplicates(session) == 1
    with transaction(store_url) as session:
        assert check_store(session) == []
        rows = session.scalars(select(RecordRow).order_by(RecordRow.id)).all()
        assert [r.status for r in rows] == ["accepted", "duplicate"]
        names = session.scalars(
            select(FieldProvenance.record_id).where(FieldProvenance.field == "male.name")
        ).all()
        assert names == [rows[0].id, rows[0].id]
        assert merge_duplicates(session) == 0


def test_divorce_finds_a_marriage_from_before_id_numbers(store_url: str) -> None:
    m, f = person("male", "1949-06-23"), person("female", "1950-01-10")
    bare = {"id_number": None}
    load(
        store_url,
        [
            (
                "m",
                event(
                    "marriage",
                    "1984-04-25",
                    "(84)楚民结字第0391号",
                    m.model_copy(update=bare),
                    f.model_copy(update=bare),
                ),
            ),
            ("d", event("divorce", "1986-07-19", "(86)楚民离字第0392号", m, f)),
        ],
    )
    assert found(store_url) == set()


def test_copies_compare_on_what_they_say_not_on_the_index(store_url: str) -> None:
    m, f = person("male", "1982-02-02"), person("female", "1984-04-04")
    marriage = event("marriage", "2012-06-01", "J532301-2012-000021", m, f)
    waiting = marriage.model_copy(update={"status": "needs_review"})
    load(store_url, [("ledger", marriage), ("scan", waiting)])
    with transaction(store_url) as session:
        assert link_by_id(session).linked == 2  # only the accepted copy's parties
    assert found(store_url) == {("duplicate-record", 2)}


def _end(url: str, kind: str, day: str, certificate: str) -> None:
    from warehouse.events import add_event
    from warehouse.models import MarriageEvent

    with transaction(url) as session:
        record_id = session.scalar(
            select(RecordRow.id).where(RecordRow.certificate_no == certificate)
        )
        add_event(
            session,
            event=MarriageEvent(
                natural_key=f"{kind}:record:{record_id}:female",
                event_type=kind,
                event_date=date.fromisoformat(day),
                marriage_record_id=record_id,
                role="female",
                evidence_document="文书",
                archive_note="备注",
                source_kind="ledger",
                created_by="test",
            ),
        )


def test_remarriage_after_a_death_or_court_divorce_is_no_bigamy(store_url: str) -> None:
    m, f1, f2 = (
        person("male", "1955-01-01"),
        person("female", "1956-01-01"),
        person("female", "1958-01-01"),
    )
    load(
        store_url,
        [
            ("w1", event("marriage", "1980-01-01", "(80)楚民结字第0001号", m, f1)),
            ("w2", event("marriage", "1999-01-01", "(99)楚民结字第0002号", m, f2)),
        ],
    )
    with transaction(store_url) as session:
        link_by_id(session)
    assert found(store_url) == {("bigamy", 2)}
    _end(store_url, "death", "1998-06-01", "(80)楚民结字第0001号")
    assert found(store_url) == set()


def test_a_void_second_marriage_is_no_bigamy(store_url: str) -> None:
    m, f1, f2 = (
        person("male", "1955-02-02"),
        person("female", "1956-02-02"),
        person("female", "1958-02-02"),
    )
    load(
        store_url,
        [
            ("v1", event("marriage", "1980-01-01", "(80)楚民结字第0003号", m, f1)),
            ("v2", event("marriage", "1999-01-01", "(99)楚民结字第0004号", m, f2)),
        ],
    )
    _end(store_url, "void", "2001-01-01", "(99)楚民结字第0004号")
    assert found(store_url) == set()
