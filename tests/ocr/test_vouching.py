"""What the code tables vouch for, and the marks beside a value that do not make it doubtful."""

from ocr import hukou
from ocr.engines.base import TextLine
from ocr.fields import read_field
from ocr.layout import _is_debris
from tests.ocr.pages import line


def _scored(text: str, low: dict[int, float], *, x: int = 400, y: int = 200) -> TextLine:
    """A line whose characters read at 0.99 except those in ``low`` (index → score)."""
    scores = tuple(low.get(i, 0.99) for i in range(len(text)))
    return TextLine(text, sum(scores) / len(scores), (x, y, x + 30 * len(text), y + 40), scores)


PLACE = "云南省楚雄彝族自治州牟定县戌街乡松林村委会下村村7号"


def test_county_township_and_printed_words_are_vouched_for() -> None:
    vouched = hukou.vouched(PLACE)
    assert {PLACE[i] for i in vouched} >= set("云南省楚雄彝族自治州牟定县戌街乡委会号")
    # The village and hamlet names and the house number are read, not looked up.
    assert PLACE.index("松") not in vouched
    assert PLACE.index("7") not in vouched
    assert PLACE.index("下") not in vouched


def test_a_township_of_another_county_is_not_vouched_for() -> None:
    elsewhere = PLACE.replace("牟定县", "元谋县")
    assert elsewhere.index("戌") not in hukou.vouched(elsewhere)
    assert hukou.vouched("北京市东城区东华门街道") == frozenset()


def test_unsure_printed_words_keep_a_hukou_confident_but_unsure_names_do_not() -> None:
    unsure_word = read_field("female.hukou", [_scored(PLACE, {PLACE.index("会"): 0.6})])
    assert unsure_word.value == PLACE and unsure_word.confidence > 0.95
    unsure_name = read_field("female.hukou", [_scored(PLACE, {PLACE.index("林"): 0.6})])
    assert unsure_name.confidence < 0.7


def test_zero_circles_of_a_chinese_numeral_date_count_as_read() -> None:
    day = "一九六〇年五月二十三日"
    circle = read_field("registration_date", [_scored(day, {3: 0.6})])
    assert circle.value == "1960-05-23" and circle.confidence > 0.95
    numeral = read_field("registration_date", [_scored(day, {1: 0.6})])
    assert numeral.confidence < 0.7
    digits = read_field("registration_date", [_scored("2009-05-10", {5: 0.6})])
    assert digits.confidence < 0.7


def test_garbled_seal_lettering_far_along_the_row_is_left_out() -> None:
    value = line("(79)牟民结字第2390号", 400, 200)
    seal = TextLine("TQ公专加中", 0.51, (1100, 205, 1250, 240))
    field = read_field("certificate_no", [value, seal])
    assert field.value == "(79)牟民结字第2390号" and not field.issues
    confident = read_field("certificate_no", [value, line("县民政局", 1100, 205)])
    assert [i.rule for i in confident.issues] == ["extra-text"]


def test_one_stray_mark_beside_a_number_is_harmless_unless_it_could_be_part_of_it() -> None:
    stray = read_field("certificate_no", [line("号(98)永民结字第2668号", 400, 200)])
    assert stray.value == "(98)永民结字第2668号" and not stray.issues
    letter = read_field("certificate_no", [line("XJ532301-2018-000588", 400, 200)])
    assert letter.value == "J532301-2018-000588"
    assert [i.rule for i in letter.issues] == ["extra-text"]


def test_a_stray_bracket_does_not_hide_a_lone_sex_value() -> None:
    assert not _is_debris("」女", _scored("」女", {0: 0.58}), frozenset())
    assert _is_debris("公专", _scored("公专", {0: 0.5, 1: 0.6}), frozenset())
