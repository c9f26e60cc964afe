"""A synthetic prefecture's registration ledgers, with the truth about every person in them.

``generate(couples=..., seed=...)`` builds the persons, their events and the ledger rows (all
deterministic by seed); ``write_ledgers`` writes one file per office code in that office's
encoding, column names, date style and format; ``write_truth`` writes ``persons.jsonl`` in the
shape of the sample ledgers' truth file.
"""

from dataclasses import dataclass
from pathlib import Path

import polars as pl
from openpyxl import Workbook

from synth.ledgers.certificates import with_certificates, with_offices
from synth.ledgers.events import history
from synth.ledgers.people import with_id_numbers
from synth.ledgers.rows import FIELDS, ledger_rows, styles

# The address code a county's people carry in their ID numbers (the code of the 1985 card).
_ADDRESS_CODES = {
    "楚雄": "532301",
    "双柏": "532322",
    "牟定": "532323",
    "南华": "532324",
    "姚安": "532325",
    "大姚": "532326",
    "永仁": "532327",
    "元谋": "532328",
    "武定": "532329",
    "禄丰": "532331",
}


@dataclass(frozen=True, slots=True)
class Prefecture:
    persons: pl.DataFrame  # person_id, name, sex, birth_date, id_18, county, ethnicity, …
    events: pl.DataFrame  # event_id, record_type, date, office_code, certificate_no, male_id, …
    rows: pl.DataFrame  # as written: event_id, office_code, noise, variation and FIELDS as text


def generate(*, couples: int, seed: int, variations: float = 0.0, slips: bool = True) -> Prefecture:
    """The prefecture's history of ``couples`` marriages (with divorces, remarriages, reissues);
    ``variations`` of the rows written as clerks did over the decades (variant characters,
    lunar or year-only birth dates, abbreviated ethnonyms, placeholder numbers); without
    ``slips``, no row carries a slip of the pen (a typo, an unreadable date, a repeated row)."""
    past = history(couples=couples, seed=seed)
    persons = with_id_numbers(past.persons, _ADDRESS_CODES)
    events = with_certificates(with_offices(past.events))
    rows = ledger_rows(events, persons, seed=seed + 1, variations=variations, slips=slips)
    return Prefecture(persons=persons, events=events, rows=rows)


def _title(office_code: str) -> str:
    return f"{office_code} 婚姻登记台账"


def _write_csv(rows: pl.DataFrame, path: Path, *, office: dict[str, str], code: str) -> None:
    text = rows.write_csv(include_header=False)
    header = ",".join(styles()["styles"][office["style"]]["headers"])
    title = _title(code) + "\n" if office.get("title") else ""
    path.write_bytes((title + header + "\n" + text).encode(office["encoding"]))


def _write_xlsx(rows: pl.DataFrame, path: Path, *, office: dict[str, str], code: str) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    if office.get("title"):
        sheet.append([_title(code)])
    sheet.append(styles()["styles"][office["style"]]["headers"])
    for row in rows.iter_rows():
        sheet.append(list(row))
    book.save(path)


def write_ledgers(prefecture: Prefecture, folder: Path) -> list[Path]:
    """One ledger per office code (``{code}-ledger.csv|xlsx``), rows in registration order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for code, office in sorted(styles()["offices"].items()):
        rows = prefecture.rows.filter(pl.col("office_code") == code).select(FIELDS)
        path = folder / f"{code}-ledger.{office['format']}"
        writer = _write_xlsx if office["format"] == "xlsx" else _write_csv
        writer(rows, path, office=office, code=code)
        paths.append(path)
    return paths


def truth(prefecture: Prefecture) -> pl.DataFrame:
    """One row per person: name, sex, birth date, ``id_18`` and their events in date order."""
    events = prefecture.events.select(
        pl.col("record_type").alias("type"),
        pl.col("date").dt.strftime("%Y-%m-%d"),
        "office_code",
        "certificate_no",
        pl.concat_list("male_id", "female_id").alias("person_id"),
    ).explode("person_id")
    histories = events.group_by("person_id").agg(
        pl.struct("type", "date", "office_code", "certificate_no").sort_by("date").alias("events")
    )
    return (
        prefecture.persons.join(histories, on="person_id", how="inner")
        .sort("person_id")
        .select(
            "name",
            "sex",
            pl.col("birth_date").dt.strftime("%Y-%m-%d"),
            "id_18",
            "events",
        )
    )


def write_truth(prefecture: Prefecture, path: Path) -> Path:
    """``persons.jsonl``: the truth the ledgers were written from."""
    truth(prefecture).write_ndjson(path)
    return path
