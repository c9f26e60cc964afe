from collections.abc import Sequence
from datetime import date

import polars as pl

from validation.ledger import check
from warehouse.ledger.normalise import FLAT_COLUMNS, normalise


def _raw(**columns: Sequence[str | None]) -> pl.DataFrame:
    rows = len(next(iter(columns.values())))
    base: dict[str, Sequence[str | None]] = {
        "registration_date": ["2010-05-01"] * rows,
        "record_type": ["结婚"] * rows,
        "certificate_no": ["J532301-2010-000001"] * rows,
        "male_name": ["程辉忠"] * rows,
        "male_birth_date": ["1991-11-15"] * rows,
        "female_name": ["李兰"] * rows,
        "female_birth_date": ["1990-01-01"] * rows,
    }
    frame = pl.DataFrame(base | columns, schema={k: pl.Utf8 for k in base | columns})
    return frame.with_columns(pl.int_range(2, rows + 2, dtype=pl.Int64).alias("source_row"))


def test_flat_schema() -> None:
    flat = normalise(_raw(male_name=["程辉忠"]), office_code="532301")
    assert tuple(flat.columns[: len(FLAT_COLUMNS)]) == FLAT_COLUMNS
    assert flat.schema["registration_date"] == pl.Date
    assert flat.schema["male_birth_date"] == pl.Date
    assert flat.schema["source_row"] == pl.Int64
    row = flat.row(0, named=True)
    expected = {
        "office_code": "532301",
        "office_name": "楚雄市民政局",
        "male_sex": "男",
        "female_sex": "女",
        "male_occupation": None,
    }
    assert {k: row[k] for k in expected} == expected


def test_date_styles() -> None:
    written = ["1987-03-18", "1987.3.18", "19870318", "1987年03月18日", "一九八七年三月十八日"]
    flat = normalise(_raw(registration_date=written), office_code="532301")
    assert flat["registration_date"].to_list() == [date(1987, 3, 18)] * len(written)


def test_unreadable_date_goes_to_review() -> None:
    flat = normalise(_raw(registration_date=["1987-13-18", "19870230"]), office_code="532301")
    checked = check(flat)
    assert checked["registration_date"].to_list() == [None, None]
    assert checked["has_error"].to_list() == [True, True]
    assert "date-unreadable" in {i["rule"] for i in checked["issues"][0]}


def test_business_words() -> None:
    words = ["结婚", "结婚登记", "离婚", "离婚登记", "补发", "补领结婚证", "登记"]
    flat = check(normalise(_raw(record_type=words), office_code="532301"))
    assert flat["record_type"].to_list() == [
        *["marriage"] * 2,
        *["divorce"] * 2,
        *["reissue"] * 2,
        None,
    ]
    unread = [
        any(i["rule"] == "business-type-unreadable" for i in issues) for issues in flat["issues"]
    ]
    assert unread == [False] * 6 + [True]
    assert flat["has_error"][-1]


def test_text_is_compacted() -> None:
    flat = normalise(
        _raw(
            certificate_no=["（８７）楚民结字第０１２３号"], male_id_number=[" 53230119911115209x "]
        ),
        office_code="532301",
    )
    assert flat["certificate_no"].to_list() == ["(87)楚民结字第0123号"]
    assert flat["male_id_number"].to_list() == ["53230119911115209X"]


def test_id_numbers_are_checked() -> None:
    numbers = ["532301199111152090", "532301199111152091", "532301911115209", None, "12345"]
    checked = check(normalise(_raw(male_id_number=numbers), office_code="532301"))
    assert checked["has_error"].to_list() == [False, True, False, False, True]
    [issue] = [i for i in checked["issues"][1] if i["field"] == "male.id_number"]
    assert (issue["rule"], issue["severity"]) == ("id-check", "error")
    assert "532301" not in issue["message"]
