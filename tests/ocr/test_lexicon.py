"""Closed-vocabulary and code-table decoding over made-up recogniser steps (no engine runs)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocr import certno, hukou, lexicon
from ocr.fields import read_field
from ocr.forms import routing
from tests.ocr.pages import stepped_line


def test_a_word_the_recogniser_read_is_far_more_probable_than_one_it_did_not() -> None:
    steps = lexicon.steps_of([stepped_line("彝族")])
    assert steps is not None
    assert lexicon.log_probability(steps, "彝族") > math.log(0.5)
    assert lexicon.log_probability(steps, "汉族") < math.log(1e-5)
    ranked = lexicon.ranked(steps, ["汉族", "彝族", "回族"])
    assert ranked[0][0] == "彝族" and ranked[0][1] > 0.99


def test_a_misread_ethnicity_is_read_under_its_vocabulary_but_not_accepted_alone() -> None:
    # 彝 read as 葬 (a look-alike), with 彝 close behind at that step.
    value = read_field(
        "male.ethnicity", [stepped_line("葬族", doubt={0: {"葬": 0.55, "彝": 0.42}})]
    )
    assert value.value == "彝族"
    assert value.confidence <= 0.6
    assert [i.rule for i in value.issues] == ["vocabulary-constrained"]


def test_a_word_nobody_read_is_not_made_up() -> None:
    value = read_field("male.ethnicity", [stepped_line("葬族", doubt={0: {"葬": 0.98}})])
    assert value.value == "葬族"
    assert any(i.severity == "error" for i in value.issues)


def test_a_clear_word_of_the_list_is_vouched_for_and_a_close_rival_lowers_it() -> None:
    clear = read_field("female.education", [stepped_line("初中", doubt={0: {"初": 0.75}})])
    assert clear.value == "初中" and clear.confidence >= 0.95
    rival = read_field(
        "female.education", [stepped_line("初中", doubt={0: {"初": 0.5, "高": 0.45}})]
    )
    assert rival.value == "初中" and rival.confidence <= 0.6


PLACE = "云南省楚雄彝族自治州姚安县适中乡新村村委会"


def test_the_code_tables_put_right_a_slip_the_recogniser_also_saw() -> None:
    assert hukou.table_reading(PLACE.replace("彝", "葬")) == PLACE
    assert hukou.table_reading(PLACE.replace("适", "道")) == PLACE
    assert hukou.table_reading(PLACE) is None
    slip = PLACE.index("适")
    line = stepped_line(PLACE.replace("适", "道"), doubt={slip: {"道": 0.5, "适": 0.02}})
    value = read_field("male.hukou", [line])
    assert value.value == PLACE
    # The recogniser saw 适 only faintly beside 道: the table's township is taken, but not
    # accepted alone.
    assert value.confidence <= 0.6
    assert [i.rule for i in value.issues] == ["hukou-table"]


def test_a_township_stroke_the_recogniser_saw_as_a_rival_is_put_right_and_backed() -> None:
    slip = PLACE.index("适")
    line = stepped_line(PLACE.replace("适", "道"), doubt={slip: {"道": 0.5, "适": 0.3}})
    value = read_field("male.hukou", [line])
    assert value.value == PLACE
    assert value.confidence == pytest.approx(0.9)
    assert [i.rule for i in value.issues] == ["hukou-table"]


def test_only_a_township_character_put_right_in_place_is_a_township_slip() -> None:
    assert hukou.township_slip(PLACE.replace("适", "道"), PLACE)
    # A village or house-number character is no township; a character dropped is no slip.
    assert not hukou.township_slip(PLACE.replace("新村村", "新林村"), PLACE)
    assert not hukou.township_slip(PLACE.replace("适中乡", "中乡"), PLACE)
    assert not hukou.township_slip(PLACE, PLACE)


def test_the_code_tables_do_not_overrule_what_was_clearly_written() -> None:
    former = PLACE.replace("适", "道")
    value = read_field("male.hukou", [stepped_line(former)])
    assert value.value == former
    assert any(i.rule == "hukou-township" for i in value.issues)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="彝族汉回白苗傣葬初中高小学", min_size=1, max_size=8),
    noise=st.dictionaries(
        st.integers(0, 7),
        st.dictionaries(
            st.sampled_from("彝族汉回白葬初中高"),
            st.floats(0.0, 1.0, width=16),
            max_size=3,
        ),
        max_size=4,
    ),
    field=st.sampled_from(("male.ethnicity", "female.education", "male.sex", "male.occupation")),
)
def test_any_steps_give_a_word_of_the_list_or_the_plain_reading(
    text: str, noise: dict[int, dict[str, float]], field: str
) -> None:
    value = read_field(field, [stepped_line(text, doubt={i: g for i, g in noise.items() if g})])
    steps = lexicon.steps_of([stepped_line(text)])
    assert steps is not None
    assert all(0.0 <= share <= 1.0 for _, share, _ in lexicon.ranked(steps, ["彝族", text]))
    assert value.value is not None
    assert 0.0 <= value.confidence <= 1.0


def test_a_surname_not_in_the_table_gives_way_to_one_the_recogniser_also_saw() -> None:
    value = read_field("male.name", [stepped_line("邨建国", doubt={0: {"邨": 0.6, "郝": 0.35}})])
    assert value.value == "郝建国"
    assert value.confidence <= 0.6
    assert [i.rule for i in value.issues] == ["surname-table"]


def test_a_rare_surname_clearly_written_stays_but_is_not_accepted_alone() -> None:
    rare = read_field("male.name", [stepped_line("邨建国")])
    assert rare.value == "邨建国" and rare.confidence <= 0.75
    common = read_field("male.name", [stepped_line("普建国")])
    assert common.value == "普建国" and common.confidence >= 0.8


def test_a_township_not_in_the_table_cut_by_a_wrap_is_doubted() -> None:
    # 白塔乡 with 塔 lost at the end of the first line reads 白乡: no table to check it by.
    place = "云南省楚雄彝族自治州禄丰县白乡龙潭村委会中村村41号"
    cut = place.index("乡")
    assert hukou.wraps_unknown_township(place, [cut])
    assert not hukou.wraps_unknown_township(place, [cut + 3])
    table = place.replace("白乡", "彩云镇")
    assert not hukou.wraps_unknown_township(table, [table.index("云镇")])


def test_a_misread_office_name_is_read_under_the_code_table() -> None:
    # 政 misread in 民政局, which every office's name has: the characters that tell the
    # offices apart (楚雄市, not 楚雄县) were read, and they make the value as sure as they are.
    misread = "楚雄市民攻局"
    line = stepped_line(misread, doubt={4: {"攻": 0.6, "政": 0.3}})
    value = read_field("office_name", [line])
    assert value.value == "楚雄市民政局"
    assert value.confidence == 0.9
    assert [i.rule for i in value.issues] == ["vocabulary-constrained"]
    assert read_field("office_name", [stepped_line(misread)]).value == misread
    # Misread where the offices differ (市 or 县): the list chooses, but not sure enough alone.
    county = stepped_line("楚雄帀民政局", doubt={2: {"帀": 0.6, "市": 0.3}})
    unsure = read_field("office_name", [county])
    assert unsure.value == "楚雄市民政局"
    assert unsure.confidence < 0.7


def test_synonyms_of_one_value_share_its_probability() -> None:
    # 僳僳族 is how 傈僳族 is often miswritten: the two words are one value, not rivals.
    line = stepped_line("傈僳族", doubt={0: {"傈": 0.6, "僳": 0.38}})
    value = read_field("male.ethnicity", [line])
    assert value.value == "傈僳族"
    assert value.confidence >= 0.95


@pytest.mark.parametrize(
    ("read", "doubt", "repaired"),
    [
        # 牟 (牟定县) written so that the recogniser took it for 年, 牟 close behind.
        ("(00)年民结字第1224号", {4: {"年": 0.6, "牟": 0.35}}, "(00)牟民结字第1224号"),
        # The printed 第 read as 常.
        ("(59)大民结字常2653号", {8: {"常": 0.6, "第": 0.3}}, "(59)大民结字第2653号"),
        # Nothing the recogniser saw is a county's abbreviation: the reading stays as it was.
        ("(00)年民结字第1224号", {4: {"年": 0.9, "午": 0.05}}, "(00)年民结字第1224号"),
    ],
)
def test_an_old_certificate_number_is_repaired_under_the_counties_and_its_printed_words(
    read: str, doubt: dict[int, dict[str, float]], repaired: str
) -> None:
    value = read_field("certificate_no", [stepped_line(read, doubt=doubt)])
    assert value.value == repaired
    if repaired != read:
        assert value.confidence <= routing()["rescued_confidence"]
        assert "number-constrained" in {i.rule for i in value.issues}


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(max_size=30),
        st.builds(
            lambda y, c, s, n: f"({y}){c}民结字{s}{n}号",
            st.from_regex(r"\d{2}", fullmatch=True),
            st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
            st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
            st.from_regex(r"\d{3,5}", fullmatch=True),
        ),
    )
)
def test_every_repair_of_an_old_number_is_one_of_a_county_of_the_table(text: str) -> None:
    for repair in certno.old_repairs(text):
        number = certno.parse(repair)
        assert number is not None and number.county_abbreviation in certno.county_abbreviations()
