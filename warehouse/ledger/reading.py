"""Reading ledger files (CSV in any of the Chinese encodings, XLSX) into raw text frames.

A raw frame has one Utf8 column per flat field the file has (named by the dialect file) and
``source_row``, the row's number in the sheet as an archivist sees it (the header row counted).
Nothing here interprets values; that is ``normalise``'s work.
"""

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from fastexcel import FastExcelError

from hunyin.codes import office_by_code
from warehouse.ledger.dialects import LedgerFormatError, dialects

_OFFICE_CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
_SPREADSHEETS = {".xlsx", ".xlsm", ".xls"}


@dataclass(frozen=True, slots=True)
class RawLedger:
    frame: pl.DataFrame
    office_code: str | None  # from the title row or the file name, when either names one
    encoding: str


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise LedgerFormatError(f"not UTF-8, GBK or GB18030 text ({exc.reason})") from exc


def _header_index(rows: Sequence[Sequence[str | None]], *, source: str) -> int:
    """The first leading row that reads as a header; rows above it are titles."""
    known = dialects()
    for index, row in enumerate(rows[: known.header_search_rows]):
        if sum(known.is_known(cell) for cell in row) >= known.header_min_known:
            return index
    raise LedgerFormatError(f"{source}: no header row among the first rows")


def _office_hint(titles: Sequence[Sequence[str | None]], path: Path) -> str | None:
    """An office code written in a title row, else in the file name."""
    texts = [" ".join(c for c in row if c) for row in titles] + [path.name]
    for text in texts:
        for code in _OFFICE_CODE.findall(text):
            if office_by_code(code) is not None:
                return code
    return None


def _finish(
    frame: pl.DataFrame, header: Sequence[str | None], *, first_row: int, source: str
) -> pl.DataFrame:
    """The mapped columns by position (header names may repeat), blank cells and rows dropped."""
    mapping = dialects().map_header(header, source=source)
    frame = frame.select(pl.nth(i).alias(field) for i, field in mapping).with_row_index(
        "source_row", offset=first_row
    )
    text = [field for _, field in mapping]
    # Empty cells are null; a row with no cell at all is a spacer, not a registration.
    frame = frame.with_columns(pl.col(text).str.strip_chars().replace("", None))
    return frame.filter(pl.any_horizontal(pl.col(text).is_not_null())).with_columns(
        pl.col("source_row").cast(pl.Int64)
    )


def read_csv(path: Path) -> RawLedger:
    """A CSV ledger in UTF-8 (± BOM), GBK or GB18030, with any title rows above its header."""
    text, encoding = decode(path.read_bytes())
    # The header sits within the first few lines; parsing a short prefix is enough to find it.
    head = list(csv.reader(io.StringIO(text[:16384])))[: dialects().header_search_rows]
    index = _header_index(head, source=path.name)
    frame = pl.read_csv(
        io.BytesIO(text.encode("utf-8")),
        skip_rows=index,
        infer_schema=False,
        truncate_ragged_lines=True,
    )
    body = _finish(frame, head[index], first_row=index + 2, source=path.name)
    return RawLedger(frame=body, office_code=_office_hint(head[:index], path), encoding=encoding)


def read_xlsx(path: Path) -> RawLedger:
    """The first sheet of a spreadsheet ledger, every cell read as text, title rows allowed."""
    try:
        sheet = pl.read_excel(
            path, read_options={"header_row": None}, infer_schema_length=0, raise_if_empty=False
        )
    except FastExcelError as exc:
        first_line = str(exc).splitlines()[0]
        raise LedgerFormatError(f"{path.name}: not a readable spreadsheet ({first_line})") from exc
    sheet = sheet.with_columns(pl.all().cast(pl.Utf8))
    head = [list(row) for row in sheet.head(dialects().header_search_rows).iter_rows()]
    index = _header_index(head, source=path.name)
    # Spreadsheets often carry blank trailing columns; they have no header and no data.
    keep = [i for i, name in enumerate(head[index]) if name]
    body = sheet.slice(index + 1).select(sheet.columns[i] for i in keep)
    header = [head[index][i] for i in keep]
    frame = _finish(body, header, first_row=index + 2, source=path.name)
    return RawLedger(frame=frame, office_code=_office_hint(head[:index], path), encoding="xlsx")


def read_ledger(path: Path) -> RawLedger:
    """Read a CSV or XLSX ledger by its suffix."""
    if path.suffix.lower() in _SPREADSHEETS:
        return read_xlsx(path)
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    raise LedgerFormatError(f"{path.name}: not a ledger (expected .csv, .xlsx or .xls)")
