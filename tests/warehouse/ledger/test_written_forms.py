"""How clerks wrote: abbreviated and older ethnonyms, placeholder numbers, lunar and year-only
birth dates are normalised on import, never sent to review, the written form kept."""

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from batch.ledgers import import_ledgers
from hunyin.codes import ethnic_groups, ethnicity_name, ethnicity_synonyms
from hunyin.domain.idnumber import check_character, is_placeholder, upgrade
from hunyin.domain.lunar import lunar_to_solar, parse_marked_lunar, solar_to_lunar
from warehouse.db import transaction
from warehouse.models import FieldProvenance, PartyRow, RecordRow

_MALE = ("男方姓名", "男方身份证号", "男方出生日期", "男方民族")
_FEMALE = ("女方姓名", "女方出生日期", "女方民族")
HEADER = ",".join(("登记日期", "登记类别", "证字号", *_MALE, *_FEMALE))


def _import(url: str, folder: Path, rows: list[str]) -> dict[str, int]:
    path = folder / "532301-ledger.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return import_ledgers(url, [path]).counts()


def test_written_forms_are_normalised_not_reviewed(store_url: str, tmp_path: Path) -> None:
    rows = [
        "1975-01-02,结婚,(75)楚民结字第0001号,张三,,1950-01-01,彝,李四,1952-02-02,夷族",
        "1980-03-04,结婚,(80)楚民结字第0002号,王五,000000195003030000,1950-03-03,汉,赵六,1953年,漢族",
        "1978-05-06,结婚,(78)楚民结字第0003号,孙七,,农历1950年2月21日,傣,周八,1951,白",
    ]
    counts = _import(store_url, tmp_path, rows)
    assert counts["imported"] == 3 and counts["to_review"] == 0 and counts["quarantined"] == 0
    with transaction(store_url) as session:
        parties = {
            p.name: p
            for p in session.scalars(select(PartyRow).join(RecordRow).where(RecordRow.id > 0))
        }
        written = {
            (p.field, p.value, p.previous_value, p.corrected_by)
            for p in session.scalars(select(FieldProvenance))
        }
        statuses = set(session.scalars(select(RecordRow.status)))
    assert statuses == {"accepted"}
    assert [parties[n].ethnicity for n in ("张三", "李四", "王五", "赵六")] == [
        "彝族",
        "彝族",
        "汉族",
        "汉族",
    ]
    assert parties["王五"].id_number is None and parties["王五"].id18 is None
    assert parties["赵六"].birth_date is None
    # 农历 1950-02-21 is 1950-04-07 by the civil calendar.
    assert parties["孙七"].birth_date == date(1950, 4, 7)
    assert ("male.ethnicity", "彝族", "彝", "ethnicity-synonyms") in written
    assert ("female.ethnicity", "彝族", "夷族", "ethnicity-synonyms") in written
    assert ("male.id_number", None, "000000195003030000", "placeholder-number") in written
    assert ("female.birth_date", None, "1953年", "written-date") in written
    assert ("male.birth_date", "1950-04-07", "农历1950年2月21日", "written-date") in written
    # The same ledger again adds nothing, provenance included.
    again = _import(store_url, tmp_path, rows)
    assert again["already_present"] == 3 and again["imported"] == 0
    with transaction(store_url) as session:
        assert len(list(session.scalars(select(FieldProvenance)))) == len(written)


def test_every_synonym_names_a_group_and_no_group_is_renamed() -> None:
    groups = ethnic_groups()
    assert all(name in groups for name in ethnicity_synonyms().values())
    assert all(written not in groups for written in ethnicity_synonyms())
    assert "土" not in ethnicity_synonyms()  # 土族 or 土家族: a steward decides


@given(st.text(max_size=6))
def test_ethnicity_name_never_invents(written: str) -> None:
    named = ethnicity_name(written)
    assert named == written or (named in ethnic_groups() and written in ethnicity_synonyms())


@given(st.dates(min_value=date(1901, 3, 1), max_value=date(2099, 1, 1)))
def test_lunar_conversion_goes_both_ways(day: date) -> None:
    lunar = solar_to_lunar(day)
    if lunar is not None and lunar_to_solar(lunar) is not None:
        # A leap month's days have the ordinary month's number: the way back lands a month early.
        back = lunar_to_solar(lunar)
        assert back is not None and 0 <= (day - back).days <= 30


@given(st.text(max_size=20))
def test_marked_lunar_reader_takes_any_text(text: str) -> None:
    parsed = parse_marked_lunar(text)
    assert parsed is None or text.strip().startswith(("农历", "阴历", "農曆", "陰曆"))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2010, 12, 31)))
def test_placeholders_are_no_number(born: date) -> None:
    placeholder = "000000" + born.strftime("%Y%m%d") + "0000"
    assert is_placeholder(placeholder) and upgrade(placeholder) is None
    first17 = "532301" + born.strftime("%Y%m%d") + "123"
    real = first17 + check_character(first17)
    assert not is_placeholder(real) and upgrade(real) == real


@given(st.text(alphabet="0123456789X ", max_size=20))
def test_placeholder_test_takes_any_text(text: str) -> None:
    assert is_placeholder(text) in (True, False)
