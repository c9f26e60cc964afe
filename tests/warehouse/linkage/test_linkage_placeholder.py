"""A placeholder number on a scanned record (zeros around the birth date) is no number: no key,
no repair into one, no review for its check character, and two women who share it stay two."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from hunyin.domain.idnumber import check_character
from hunyin.schema import Record
from tests.factories import party
from tests.warehouse.linkage.helpers import event, load, person_of
from validation.frame import check_frame, records_frame
from validation.rules import check_record
from warehouse.db import transaction
from warehouse.linkage import link_records
from warehouse.linkage.idrepair import readings
from warehouse.models import PartyRow, PersonRow

BORN = date(1966, 3, 12)
# Back-filled zeros around 1966-03-12 whose last character a reader took for 8: one OCR slip
# (8 for X) away from 00000019660312000X, which passes the check character.
READ = "000000196603120008"


def test_a_placeholder_read_with_a_slip_is_not_repaired_into_a_key() -> None:
    assert readings(READ, birth_date=BORN, sex="女") == set()
    assert readings("00000019660312000X", birth_date=BORN, sex="女") == set()


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2009, 12, 31)),
    tail=st.text(alphabet="0123456789X8×xOD", min_size=4, max_size=4),
    sex=st.sampled_from(["男", "女", None]),
)
def test_no_reading_of_zeros_around_a_birth_date_is_ever_a_key(
    born: date, tail: str, sex: str | None
) -> None:
    assert readings(f"000000{born:%Y%m%d}{tail}", birth_date=born, sex=sex) == set()


def _scan(cert: str, *, name: str, hukou: str, husband: str) -> Record:
    return event(
        "marriage",
        date(1986, 5, 1),
        cert,
        male={"name": husband, "birth_date": date(1964, 1, 2), "id_number": None},
        female={
            "name": name,
            "sex": "女",
            "birth_date": BORN,
            "id_number": READ,
            "ethnicity": "彝族",
            "hukou": hukou,
        },
    )


def test_a_placeholder_sends_no_scanned_record_to_review() -> None:
    record = _scan("(86)楚民结字第0001号", name="李秀英", hukou="楚雄市鹿城镇", husband="张强")
    assert [i.rule for i in check_record(record) if i.rule.startswith("id-")] == []
    checked = check_frame(records_frame([record])).row(0, named=True)
    assert [i["rule"] for i in checked["issues"] if i["rule"].startswith("id-")] == []
    # a real number whose check character does not fit is still flagged
    real = f"532301{BORN:%Y%m%d}002"
    wrong = "1" if check_character(real) != "1" else "2"
    slipped = record.model_copy(
        update={"female": party("female", id_number=real + wrong, birth_date=BORN)}
    )
    assert "id-check" in {i.rule for i in check_record(slipped)}


def test_two_women_sharing_a_placeholder_stay_two_people(store_url: str) -> None:
    ids = load(
        store_url,
        [
            _scan("(86)楚民结字第0001号", name="李秀英", hukou="楚雄市鹿城镇", husband="张强"),
            _scan("(86)武民结字第0002号", name="王芬", hukou="武定县狮山镇", husband="杨华"),
        ],
    )
    with transaction(store_url) as session:
        link_records(session)
        keys = session.scalars(select(PartyRow.id18).where(PartyRow.record_id.in_(ids))).all()
        persons = session.scalars(select(PersonRow.id18)).all()
    assert keys == [None, None, None, None]
    assert persons == [None, None, None, None]
    first = person_of(store_url, record_id=ids[0], sex="女")
    second = person_of(store_url, record_id=ids[1], sex="女")
    assert None not in (first, second) and first != second
