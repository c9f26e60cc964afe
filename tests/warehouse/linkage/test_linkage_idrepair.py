"""Identity numbers as keys: the 15→18 upgrade and OCR slips the check character confirms."""

from datetime import date

from hunyin.domain.idnumber import upgrade
from tests.warehouse.linkage.helpers import number
from warehouse.linkage.idrepair import choose, readings

BORN = date(1978, 5, 29)


def test_a_well_formed_number_is_its_own_key() -> None:
    printed = number(BORN, sex="男")
    assert readings(printed, birth_date=BORN, sex="男") == {printed}


def test_fifteen_digits_give_the_eighteen_digit_key() -> None:
    full = number(BORN, sex="男")
    old = full[:6] + full[8:17]
    assert readings(old, birth_date=BORN, sex="男") == {full} == {upgrade(old)}


def test_an_x_read_as_8_or_times_sign_is_among_the_readings() -> None:
    full = next(n for seq in range(1, 60) if (n := number(BORN, sex="女", seq=seq)).endswith("X"))
    assert readings(full[:-1] + "×", birth_date=BORN, sex="女") == {full}
    assert full in readings(full[:-1] + "8", birth_date=BORN, sex="女")


def test_a_confused_character_is_read_only_when_the_record_agrees() -> None:
    full = number(date(1971, 1, 11), sex="男")
    garbled = full[:10] + full[10:].replace("1", "l", 1)
    assert readings(garbled, birth_date=date(1971, 1, 11), sex="男") == {full}
    assert readings(garbled, birth_date=date(1971, 1, 12), sex="男") == set()
    assert readings(garbled, birth_date=date(1971, 1, 11), sex="女") == set()


def test_several_readings_are_settled_only_by_a_number_the_store_knows() -> None:
    fits = {"532301197805290788", "53230119780529078X"}
    assert choose(fits, known=set()) is None
    assert choose(fits, known={"53230119780529078X"}) == "53230119780529078X"
    assert choose({"53230119780529078X"}, known=set()) == "53230119780529078X"


def test_a_slip_nobody_can_confirm_gives_no_reading() -> None:
    full = number(BORN, sex="男")
    # A digit swapped for one it is never confused with: nothing to choose from.
    wrong = full[:15] + str((int(full[15]) + 3) % 10) + full[16:]
    assert wrong not in readings(wrong, birth_date=BORN, sex="男")
    assert full not in readings(wrong, birth_date=BORN, sex="男")
    assert readings(full[:6] + full[8:16] + "S", birth_date=BORN, sex="男") == set()
