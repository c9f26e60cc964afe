"""Small helpers of the reading path: certificate numbers, glyph variants, generated dates."""

import random
from types import SimpleNamespace

import pytest

from hunyin.domain.dates import parse_date
from ocr import certno
from ocr.engines.rapid import mark_gaps
from ocr.glyphs import simplify
from synth.scans.render import chinese_date


@pytest.mark.parametrize(
    ("text", "kind", "year", "office", "county"),
    [
        ("J532301-2015-000141", "marriage", "2015", "532301", None),
        ("BL532322-2012-001658", "reissue", "2012", "532322", None),
        ("云楚结字010500123", "marriage", "05", None, "楚"),
        ("(87)楚民结字第0123号", "marriage", "87", None, "楚"),
        ("(03)双民离字第1639号", "divorce", "03", None, "双"),
    ],
)
def test_certificate_numbers_of_every_era(
    text: str, kind: str, year: str, office: str | None, county: str | None
) -> None:
    number = certno.parse(text)
    assert number is not None
    assert (number.record_type, number.year_suffix) == (kind, year)
    assert (number.office_code, number.county_abbreviation) == (office, county)


def test_certificate_number_is_found_beside_seal_debris() -> None:
    assert certno.find("(82)牟民结字第1775号婚姻空记专用意") == "(82)牟民结字第1775号"
    assert certno.normalise("（８２）牟民结字第 1775号") == "(82)牟民结字第1775号"
    assert certno.parse("J5323-2015-1") is None


def test_traditional_glyphs_become_simplified_but_valid_characters_stay() -> None:
    assert simplify("彞族祿丰縣廣通鎮") == "彝族禄丰县广通镇"
    assert simplify("乾於") == "乾於"


def test_generated_chinese_dates_parse_back() -> None:
    rng = random.Random(4)
    for _ in range(200):
        iso = f"{rng.randint(1950, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        assert str(parse_date(chinese_date(iso))) == iso
    assert chinese_date("1970-04-26") == "一九七〇年四月二十六日"


def test_a_wide_gap_between_chinese_characters_marks_a_dropped_one() -> None:
    confs = (0.99,) * 6
    even = SimpleNamespace(word_cols=[[3, 6, 9, 12, 15, 18]])
    gap = SimpleNamespace(word_cols=[[3, 6, 9, 12], [18, 21]])
    assert mark_gaps("城关镇中村委", confs, even) == confs
    marked = mark_gaps("城关镇中村委", confs, gap)
    assert marked[3] == 0.5
    assert min(marked[:3] + marked[4:]) == 0.99
    # Digits are narrower than Chinese characters: no gap is judged across them.
    assert (
        mark_gaps("2018年07月", (0.99,) * 8, SimpleNamespace(word_cols=[[1, 2, 3, 4, 7, 8, 9, 12]]))
        == (0.99,) * 8
    )
