import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hunyin.domain.idnumber import (
    CHECK_CHARACTERS,
    ID_SHAPE,
    WEIGHTS,
    birth_date_of,
    check_character,
    ids_in_text,
    is_valid,
    mask,
    mask_in_text,
    sex_of,
    upgrade,
)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("532301199111152090", True),
        ("53232519461117629X", True),
        ("53232519461117629x", False),  # callers normalise case first
        ("532301199111152091", False),  # wrong check character
        ("532301199113152090", False),  # month 13
        ("532328650203447", True),  # 15 digits
        ("532328650231447", False),  # 31 February
        ("53232865020344", False),
        ("", False),
        (None, False),
    ],
)
def test_is_valid(number: str | None, valid: bool) -> None:
    assert is_valid(number) is valid


def test_check_character_matches_the_standard_example() -> None:
    # The worked example of GB 11643-1999.
    assert check_character("11010519491231002") == "X"


def test_upgrade_15_to_18_gives_a_valid_number_with_the_same_birth_date() -> None:
    old = "532328650203447"
    new = upgrade(old)
    assert new is not None and len(new) == 18 and is_valid(new)
    assert new[:6] == old[:6] and new[6:14] == "19650203"
    assert birth_date_of(new) == birth_date_of(old)
    assert sex_of(new) == sex_of(old) == "男"


def test_upgrade_normalises_and_rejects_malformed() -> None:
    assert upgrade(" 53232519461117629x ") == "53232519461117629X"
    assert upgrade("532301199111152091") is None


def test_mask_keeps_address_and_birth_year_only() -> None:
    assert mask("53232519461117629X") == "5323251946******9X"
    assert mask("532328650203447") == "53232865*****47"
    assert mask(None) is None


_BORN = st.dates(date(1900, 1, 1), date(2099, 12, 31))
_BORN_1900S = st.dates(date(1900, 1, 1), date(1999, 12, 31))
_DIGITS = st.text(alphabet="0123456789", min_size=17, max_size=17)
_VALID = st.one_of(
    st.builds(lambda d, n: f"532301{d:%Y%m%d}{n:03d}", _BORN, st.integers(0, 999)).map(
        lambda first17: first17 + check_character(first17)
    ),
    st.builds(lambda d, n: f"532301{d:%y%m%d}{n:03d}", _BORN_1900S, st.integers(0, 999)),
)
# Text as it comes: letters, separators, stray digits and X, and whole numbers dropped in.
_PIECES = st.one_of(st.text(alphabet="0123456789Xx -:号，。/\n", max_size=25), st.text(), _VALID)


def test_weights_and_check_characters_are_those_of_the_standard() -> None:
    assert len(WEIGHTS) == 17 and tuple(2 ** (17 - i) % 11 for i in range(17)) == WEIGHTS
    assert len(CHECK_CHARACTERS) == 11
    for remainder, character in enumerate(CHECK_CHARACTERS):
        # The check value c makes the weighted sum of all 18 (X being 10) 1 modulo 11.
        value = 10 if character == "X" else int(character)
        assert (remainder + value) % 11 == 1


@given(st.lists(_PIECES, max_size=8).map("".join))
def test_mask_in_text_never_leaves_a_whole_valid_number(text: str) -> None:
    masked = mask_in_text(text)
    assert ids_in_text(masked) == []
    assert ids_in_text(masked.upper()) == []


@given(_VALID, st.sampled_from(["", " ", "号", "：", "\n", "ID "]))
def test_a_number_in_text_is_found_and_masked_to_its_mask(number: str, around: str) -> None:
    text = f"{around}{number}{around}"
    assert ids_in_text(text) == [number]
    assert mask_in_text(text) == f"{around}{mask(number)}{around}"


@given(_DIGITS)
def test_shaped_numbers_that_fail_their_check_are_masked_too(first17: str) -> None:
    wrong = next(c for c in CHECK_CHARACTERS if c != check_character(first17))
    assert re.fullmatch(ID_SHAPE, first17 + wrong)
    assert mask_in_text(f"号{first17}{wrong}。") == f"号{mask(first17 + wrong)}。"


@pytest.mark.parametrize(
    "text",
    [
        "1234567890123456",
        "5323011991111520901",
        "2018-07-06 J532301-2018-000588",
        "5323011991****2090",
    ],
)
def test_runs_of_other_lengths_are_left_as_they_are(text: str) -> None:
    assert mask_in_text(text) == text
