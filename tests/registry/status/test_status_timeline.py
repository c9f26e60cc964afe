"""The status a history adds up to: marriage, divorce, remarriage, reissues, bigamy."""

from datetime import date

from registry.timeline import bigamy, current_status, timeline
from warehouse.queries.events import EventRow


def _event(n: int, kind: str, day: date, spouse: str = "王建华") -> EventRow:
    return EventRow(
        record_id=n,
        party_id=n,
        record_type=kind,
        registration_date=day,
        office_code="532301",
        certificate_no=f"C{n}",
        spouse_name=spouse,
        spouse_id_number=None,
        id18=None,
        person_id=1,
        match="id",
        probability=1.0,
        person_name="李秀英",
        person_sex="女",
        person_birth_date=date(1952, 3, 8),
        person_key=None,
        scored=False,
        party_name="李秀英",
        party_birth_date=date(1952, 3, 8),
    )


MARRIED = _event(1, "marriage", date(1979, 5, 1))
DIVORCED = _event(2, "divorce", date(1993, 6, 1))
AGAIN = _event(3, "marriage", date(1996, 1, 8), spouse="张国强")
REISSUE = _event(4, "reissue", date(2001, 3, 3))


def test_no_record_is_no_record_and_a_lone_reissue_is_unknown() -> None:
    # The store is not the national register: holding nothing is no proof of being unmarried.
    assert current_status([]) == "no_record"
    assert current_status([REISSUE]) == "unknown"


def test_marriage_divorce_and_remarriage() -> None:
    assert current_status([MARRIED]) == "married"
    assert current_status([MARRIED, DIVORCED]) == "divorced"
    assert current_status([MARRIED, DIVORCED, AGAIN]) == "married"
    assert [s["status"] for s in timeline([MARRIED, DIVORCED, AGAIN])] == [
        "married",
        "divorced",
        "married",
    ]


def test_a_reissue_changes_nothing() -> None:
    assert current_status([MARRIED, DIVORCED, REISSUE]) == "divorced"
    assert len(timeline([MARRIED, REISSUE])) == 1


def test_two_overlapping_marriages_are_bigamy() -> None:
    assert bigamy([MARRIED, AGAIN]) == [[1, 3]]
    assert bigamy([MARRIED, DIVORCED, AGAIN]) == []
