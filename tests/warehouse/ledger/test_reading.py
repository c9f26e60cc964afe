import json
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from openpyxl import Workbook

from warehouse.ledger.dialects import LedgerFormatError
from warehouse.ledger.normalise import normalise
from warehouse.ledger.reading import decode, read_ledger

HEADER = "登记日期,登记类别,证字号,男方姓名,男方身份证号,女方姓名,女方身份证号"
ROW = "2010-05-01,结婚,J532301-2010-000001,程辉忠,532301199111152090,李兰,532324198311250605"


def _ledgers(samples_dir: Path) -> list[Path]:
    return sorted((samples_dir / "ledgers").glob("*-ledger.*"))


def test_every_sample_row_is_read(samples_dir: Path) -> None:
    summary = json.loads((samples_dir / "ledgers" / "summary.json").read_text())
    ledgers = [read_ledger(p) for p in _ledgers(samples_dir)]
    assert sum(r.frame.height for r in ledgers) == summary["rows"]
    assert {r.office_code for r in ledgers} == {p.name[:6] for p in _ledgers(samples_dir)}
    assert {r.encoding for r in ledgers} == {"gb18030", "utf-8-sig", "xlsx"}


def test_xlsx_title_row_is_skipped(samples_dir: Path) -> None:
    raw = read_ledger(samples_dir / "ledgers" / "532322-ledger.xlsx")
    # Title on row 1, header on row 2: the first registration is row 3.
    assert raw.frame["source_row"][0] == 3
    assert raw.frame["record_type"].is_not_null().all()


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_encodings_and_title_row(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "ledger.csv"
    path.write_bytes(f"532301 婚姻登记台账\n{HEADER}\n{ROW}\n".encode(encoding))
    raw = read_ledger(path)
    assert raw.office_code == "532301"
    assert raw.frame["male_name"].to_list() == ["程辉忠"]
    assert raw.frame["source_row"].to_list() == [3]


def test_unknown_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "532301-ledger.csv"
    path.write_text(f"{HEADER},血型,备注\n{ROW},A,\n", encoding="utf-8")
    with pytest.raises(LedgerFormatError, match=r"cannot map columns: 血型$"):
        read_ledger(path)


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "532301-ledger.csv"
    path.write_text("登记日期,登记类别,男方姓名,女方姓名\n2010-05-01,结婚,甲,乙\n", "utf-8")
    with pytest.raises(LedgerFormatError, match="no column for: certificate_no"):
        read_ledger(path)


def test_blank_rows_are_not_registrations(tmp_path: Path) -> None:
    path = tmp_path / "532301-ledger.csv"
    path.write_text(f"{HEADER}\n{ROW}\n,,,,,,\n\n", encoding="utf-8")
    assert read_ledger(path).frame.height == 1


def test_decode_rejects_binary() -> None:
    with pytest.raises(LedgerFormatError):
        decode(b"\x81\x30\xff\xff\xfe")
    assert decode("登记".encode("gbk")) == ("登记", "gb18030")


def test_raw_values_are_text(samples_dir: Path) -> None:
    raw = read_ledger(samples_dir / "ledgers" / "532326-ledger.xlsx").frame
    assert all(dtype == pl.Utf8 for name, dtype in raw.schema.items() if name != "source_row")


def test_xlsx_date_cells_read_as_dates(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append([datetime(1987, 3, 18), "结婚", "J1", "甲", None, "乙", None])
    path = tmp_path / "532301-ledger.xlsx"
    book.save(path)
    flat = normalise(read_ledger(path).frame, office_code="532301")
    assert flat["registration_date"].to_list() == [date(1987, 3, 18)]


@pytest.mark.parametrize(("name", "data"), [("a.xlsx", b"not a zip"), ("a.csv", b"")])
def test_unreadable_files_fail_with_their_name(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LedgerFormatError, match=f"^{name}: "):
        read_ledger(path)


def test_repeated_ignored_columns_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "532301-ledger.csv"
    path.write_text(f"备注,{HEADER},备注\nx,{ROW},y\n", encoding="utf-8")
    assert read_ledger(path).frame["female_name"].to_list() == ["李兰"]


def test_two_columns_for_one_field_fail(tmp_path: Path) -> None:
    path = tmp_path / "532301-ledger.csv"
    path.write_text(f"{HEADER},男方\n{ROW},程辉\n", encoding="utf-8")
    with pytest.raises(LedgerFormatError, match="more than one column for: male_name"):
        read_ledger(path)
