from datetime import date

from hunyin.codes import ethnic_groups, marital_statuses, office_by_code, office_valid_on


def test_office_renames_follow_their_validity_periods() -> None:
    assert office_valid_on("532321", date(1983, 9, 8))
    assert not office_valid_on("532321", date(1983, 9, 9))
    assert office_valid_on("532301", date(1983, 9, 9))
    assert office_valid_on("532331", date(2021, 3, 31))
    assert not office_valid_on("532331", date(2021, 4, 1))
    assert office_valid_on("532302", date(2021, 4, 1))
    assert not office_valid_on("999999", date(2000, 1, 1))


def test_code_tables_are_loaded() -> None:
    office = office_by_code("532326")
    assert office is not None and office.name == "大姚县民政局"
    assert ethnic_groups()["彝族"] == "07"
    assert len(ethnic_groups()) == 58
    assert marital_statuses()["离婚"] == "40"
