import pytest

from hunyin.domain.idnumber import birth_date_of, check_character, is_valid, mask, sex_of, upgrade


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
