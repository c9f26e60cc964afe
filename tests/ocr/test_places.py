"""The place hierarchy puts a hukou reading without the shape of one right (never accepted
alone), and cross-field facts fill an unread sex and confirm 登记机关 (no engine runs)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hunyin.domain import idnumber
from ocr import crosscheck, hukou
from ocr.engines.base import TextLine
from ocr.fields import read_field
from ocr.values import FieldValue
from tests.ocr.pages import line, stepped_line

WRITTEN = "云南省楚雄彝族自治州牟定县安乐乡板桥村委会"


@pytest.mark.parametrize(
    ("read", "placed", "printed_only"),
    [
        # a county one character away that another county is too: the township decides
        (WRITTEN.replace("牟", "军"), WRITTEN, True),
        # the closing word of the village committee misread
        (
            "云南省楚雄彝族自治州楚雄市中山镇板桥村委全",
            "云南省楚雄彝族自治州楚雄市中山镇板桥村委会",
            True,
        ),
        # province and prefecture three characters off, the closing word misread
        (
            "云南当楚雄森校自治州大姚县铁锁乡上村村委舍",
            "云南省楚雄彝族自治州大姚县铁锁乡上村村委会",
            True,
        ),
        # seal lettering read onto the end of the value: dropped, but so could a house number be
        (
            "云南省楚雄彝族自治州元谋县新华乡大村村委会县民",
            "云南省楚雄彝族自治州元谋县新华乡大村村委会",
            False,
        ),
        # 县 lost, and the first character of the township with it: the township is a guess
        (
            "云南省楚雄彝族自治州武定窝乡中村村委会新村村99号",
            "云南省楚雄彝族自治州武定县发窝乡中村村委会新村村99号",
            False,
        ),
    ],
)
def test_a_reading_without_the_shape_is_placed_under_the_tables(
    read: str, placed: str, printed_only: bool
) -> None:
    found = hukou.place_reading(read)
    assert found is not None and found.value == placed
    assert found.printed_only is printed_only
    value = read_field("male.hukou", [stepped_line(read)])
    assert value.value == placed
    # Printed words put right by the tables need no confidence of their own; the village's do
    # (every character of these lines reads at 0.9).
    assert value.confidence == 0.9 if printed_only else value.confidence <= 0.6
    assert [i.rule for i in value.issues] == ["hukou-places"]


def test_what_has_the_shape_or_names_no_place_is_left_as_read() -> None:
    assert hukou.place_reading(WRITTEN) is None
    assert hukou.place_reading("我们双方自愿结婚") is None
    # 楚雄县 and 楚雄市 are one slip from 楚雄巿 alike, with the same townships: no choice.
    assert hukou.place_reading("云南省楚雄彝族自治州楚雄巿鹿城镇石头村委会") is None
    unplaced = read_field("male.hukou", [stepped_line("我们双方自愿结婚")])
    assert any(i.rule == "format" for i in unplaced.issues)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="云南省楚雄彝族自治州牟定武县安乐乡镇村委会社区1号组市", max_size=40))
def test_any_reading_is_placed_with_the_shape_or_not_at_all(text: str) -> None:
    placed = hukou.place_reading(text)
    assert placed is None or hukou.match(placed.value) is not None


def _party(sex: str | None, number: str, born: str) -> dict[str, FieldValue]:
    values = {
        "female.id_number": FieldValue("female.id_number", number, 0.99),
        "female.birth_date": FieldValue("female.birth_date", born, 0.95),
        "female.sex": FieldValue("female.sex", sex, 1.0),
    }
    if sex is None:
        values["female.sex"].doubt("missing", "female.sex not found on the page")
    return values


def _number(sex: str) -> str:
    body = "53232319900214" + ("002" if sex == "女" else "001")
    return body + idnumber.check_character(body)


def test_an_unread_sex_is_filled_in_by_its_column_and_the_id_number() -> None:
    values = _party(None, _number("女"), "1990-02-14")
    crosscheck.check_party(values, "female", None)
    sex = values["female.sex"]
    assert sex.value == "女" and sex.confidence >= 0.99
    assert [i.rule for i in sex.issues] == ["sex-from-column"]


def test_a_sex_read_as_no_sex_is_filled_in_by_its_column_and_the_id_number() -> None:
    values = _party("妇", _number("女"), "1990-02-14")
    values["female.sex"].doubt("format", "female.sex does not look like a valid value")
    crosscheck.check_party(values, "female", None)
    sex = values["female.sex"]
    assert sex.value == "女" and sex.confidence >= 0.99
    assert [i.rule for i in sex.issues] == ["sex-from-column"]
    assert "'妇'" in sex.issues[0].message
    # A sex read as the other one is a disagreement, not a slip to fill in.
    values = _party("男", _number("女"), "1990-02-14")
    crosscheck.check_party(values, "female", None)
    assert values["female.sex"].value == "男"
    assert "id-sex" in {i.rule for i in values["female.sex"].issues}


def test_an_unread_sex_stays_a_doubt_when_the_number_says_otherwise() -> None:
    values = _party(None, _number("男"), "1990-02-14")
    crosscheck.check_party(values, "female", None)
    sex = values["female.sex"]
    assert sex.value is None
    assert {i.rule for i in sex.issues} >= {"missing", "id-sex"}


def _office(number_confidence: float, number: str = "J532323-2016-000033") -> FieldValue:
    values = {
        "office_name": FieldValue("office_name", "牟定县民政局", 0.3),
        "registration_date": FieldValue("registration_date", "2016-05-04", 0.95),
        "certificate_no": FieldValue("certificate_no", number, number_confidence),
    }
    code = crosscheck.check_office(values, crosscheck.check_number(values))
    assert code.value == "532323"
    return code


def test_a_sure_certificate_number_of_the_same_office_confirms_the_office() -> None:
    assert _office(0.95).confidence >= 0.99
    # An unsure number, or one of another office, confirms nothing.
    assert _office(0.6).confidence == 0.3
    assert _office(0.95, "J532324-2016-000033").confidence <= 0.3


def test_a_printed_word_is_vouched_for_only_where_a_misread_would_break_the_shape() -> None:
    right = "云南省楚雄彝族自治州大姚县铁锁乡大村村委会大村村3号"
    # 锁 misread as 镇 keeps the shape: the town 铁镇, and 乡大村 as the village.
    wrong = "云南省楚雄彝族自治州大姚县铁镇乡大村村委会大村村3号"
    town = right.index("铁锁乡")
    assert set(range(town, town + 3)) <= hukou.vouched(right)
    assert not {town + 1, town + 2} & hukou.vouched(wrong)
    assert right.index("村委会") in hukou.vouched(wrong)


def _wrapped(first: str, second: str, *, x: int) -> FieldValue:
    """A hukou read in two lines, the second under the first."""
    return read_field("male.hukou", [line(first, x, 100), line(second, x, 150)])


def test_a_former_township_cut_by_a_wrap_is_doubted_unless_both_fills_wrap_where_full() -> None:
    male = _wrapped("云南省楚雄彝族自治州楚雄市平", "坝镇新村村委会板桥村46号", x=400)
    female = _wrapped("云南省楚雄彝族自治州楚雄市平", "坝镇河边村委会上村村7号", x=900)
    assert male.cut_township and female.cut_township
    typed = {"male.hukou": male, "female.hukou": female}
    crosscheck.check_wraps(typed)
    assert not male.issues and male.confidence >= 0.9
    # A line one character short of the other's: a character may be lost at its end.
    short = _wrapped("云南省楚雄彝族自治州楚雄市", "平坝镇新村村委会板桥村46号", x=400)
    lost = _wrapped("云南省楚雄彝族自治州楚雄市平", "镇新村村委会板桥村46号", x=400)
    for values in (
        {"male.hukou": lost, "female.hukou": short},
        {"male.hukou": lost, "female.hukou": FieldValue("female.hukou", None, 1.0)},
    ):
        values["male.hukou"].issues.clear()
        values["male.hukou"].confidence = 0.99
        crosscheck.check_wraps(values)
        assert [i.rule for i in values["male.hukou"].issues] == ["hukou-wrap"]


def _scored_hukou(text: str, doubt: dict[int, dict[str, float]]) -> FieldValue:
    """A hukou read in one line, each doubtful character scored as its first glyph."""
    base = stepped_line(text, doubt=doubt)
    scores = tuple(max(doubt[i].values()) if i in doubt else 0.99 for i in range(len(text)))
    line = TextLine(text, min(scores), base.box, scores, base.steps, base.cols, base.glyphs)
    return read_field("male.hukou", [line])


def test_a_misread_printed_word_put_right_leaves_a_former_township_its_own_reading() -> None:
    read = "云南省楚雄舞族自治州武定县平坝镇板桥村委会大村村55号"
    misread = {5: {"舞": 0.6, "彝": 0.35}}
    sure = _scored_hukou(read, misread)
    assert sure.value == read.replace("舞", "彝")
    assert sure.confidence >= 0.9
    # The former township (not in the table) is the reading's own: an unsure 坝 stays unsure.
    unsure = _scored_hukou(read, misread | {read.index("坝"): {"坝": 0.7, "贝": 0.2}})
    assert unsure.value == sure.value and unsure.confidence <= 0.7
