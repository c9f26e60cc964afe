"""A small loader of the bundled sample ledgers, for linkage tests only.

The real importer (``hunyin import-ledger``) belongs to the ledger work; this reads just the three
header styles of the samples so that linkage can be tested against ``persons.jsonl``.
"""

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl

from hunyin.domain.dates import parse_date
from hunyin.schema import Party, Record, RecordType, Source

# Each schema field and the headers the sample offices wrote for it.
_HEADERS = {
    "date": ("登记日期", "日期", "登记时间"),
    "type": ("登记类别", "类型", "业务类型"),
    "certificate_no": ("证字号", "结婚证号", "证件编号"),
    "registrar": ("登记员", "经办人"),
    "name": ("{s}方姓名", "{s}姓名", "{s}方"),
    "id_number": ("{s}方身份证号", "{s}身份证", "{s}方证件号码"),
    "birth_date": ("{s}方出生日期", "{s}出生年月日", "{s}方生日"),
    "ethnicity": ("{s}方民族", "{s}民族"),
    "hukou": ("{s}方户籍地", "{s}户口所在地", "{s}方住址"),
}
_TYPES: dict[str, RecordType] = {"补": "reissue", "离婚": "divorce", "结婚": "marriage"}


def _table(path: Path) -> list[list[str]]:
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path, read_only=True).active
        assert sheet is not None
        return [
            ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    return list(csv.reader(io.StringIO(text)))


def _column(header: list[str], field: str, sex: str = "") -> int:
    names = [h.format(s=sex) for h in _HEADERS[field]]
    return next(i for i, h in enumerate(header) if h.strip() in names)


def _party(row: list[str], header: list[str], sex: str) -> Party:
    def value(field: str) -> str | None:
        return row[_column(header, field, sex)].strip() or None

    return Party(
        name=value("name"),
        sex=sex,
        birth_date=parse_date(value("birth_date")),
        id_number=value("id_number"),
        ethnicity=value("ethnicity"),
        hukou=value("hukou"),
    )


def read_ledger(path: Path) -> list[Record]:
    """Every row of one sample ledger as an accepted record."""
    table = _table(path)
    start = next(i for i, row in enumerate(table) if len(row) > 5)
    header, office = table[start], path.name[:6]
    out = []
    for number, row in enumerate(table[start + 1 :], start=start + 2):
        kind = row[_column(header, "type")]
        out.append(
            Record(
                status="accepted",
                source=Source(file=path.name, row=number),
                record_type=next(v for k, v in _TYPES.items() if k in kind),
                registration_date=parse_date(row[_column(header, "date")]),
                office_code=office,
                certificate_no=row[_column(header, "certificate_no")].strip(),
                registrar=row[_column(header, "registrar")].strip() or None,
                male=_party(row, header, "男"),
                female=_party(row, header, "女"),
            )
        )
    return out


def read_all(ledgers: Path) -> list[Record]:
    """The records of every sample ledger."""
    return [r for path in sorted(ledgers.glob("*-ledger.*")) for r in read_ledger(path)]


def read_truth(ledgers: Path) -> list[dict[str, Any]]:
    """The generator's truth: one line per person with their events."""
    lines = (ledgers / "persons.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
