"""How clerks wrote the same person differently across decades, applied to generated rows.

``vary(rows, share=..., seed=...)`` rewrites ``share`` of the rows, each with one kind of
``[variations]`` in ``ledgers.toml``: traditional characters, a same-sound character, a lunar
birth date, a year-only birth date, an abbreviated or older ethnonym, a placeholder number.
Deterministic by seed; the ``variation`` column names what was done to each row ("kind:role").
"""

from datetime import date, datetime
from functools import lru_cache
from typing import Any

import numpy as np
import polars as pl

from hunyin.domain.lunar import solar_to_lunar
from synth.ledgers.rows import styles

ROLES = ("male", "female")


@lru_cache(maxsize=1)
def _traditional() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def _kinds() -> tuple[list[str], list[float]]:
    weights = styles()["variations"]["kinds"]
    total = sum(weights.values())
    return list(weights), [w / total for w in weights.values()]


def _same_sound(name: str | None) -> str | None:
    """The last given-name character that has a same-sound twin, replaced by it."""
    if not name:
        return name
    table = styles()["variations"]["same_sound"]
    for i in range(len(name) - 1, 0, -1):
        if name[i] in table:
            return name[:i] + table[name[i]] + name[i + 1 :]
    return name


def _written_date(text: str | None, fmt: str, *, lunar: bool) -> str | None:
    """A birth date re-written by the lunar calendar, or as its year alone."""
    if not text:
        return text
    day = datetime.strptime(text, fmt).date()
    if not lunar:
        return f"{day.year}年"
    converted = solar_to_lunar(day)
    return converted.strftime(fmt) if converted is not None else text


def _placeholder(born: str | None, fmt: str, number: str | None) -> str | None:
    if number or not born:
        return number
    day: date = datetime.strptime(born, fmt).date()
    return "000000" + day.strftime("%Y%m%d") + "0000"


def _ethnicity(rng: np.random.Generator, value: str | None) -> str | None:
    forms = styles()["variations"]["ethnicity"].get(value or "")
    return str(forms[int(rng.integers(len(forms)))]) if forms else value


def vary(rows: pl.DataFrame, *, share: float, seed: int) -> pl.DataFrame:
    """``rows`` (with ``date_format``) with ``share`` of them written as clerks did."""
    rng = np.random.default_rng(seed)
    kinds, weights = _kinds()
    chosen = rng.random(rows.height) < share
    kind = rng.choice(kinds, size=rows.height, p=weights)
    role = rng.choice(ROLES, size=rows.height)
    records = rows.to_dicts()
    labels: list[str | None] = []
    for row, picked, what, who in zip(records, chosen, kind, role, strict=True):
        if not picked:
            labels.append(None)
            continue
        labels.append(f"{what}:{who}")
        fmt = row["date_format"]
        if what == "traditional":
            row[f"{who}_name"] = _traditional().convert(row[f"{who}_name"] or "")
        elif what == "same_sound":
            row[f"{who}_name"] = _same_sound(row[f"{who}_name"])
        elif what in ("lunar_birth", "year_only"):
            born = row[f"{who}_birth_date"]
            row[f"{who}_birth_date"] = _written_date(born, fmt, lunar=what == "lunar_birth")
        elif what == "ethnicity":
            for side in ROLES:
                row[f"{side}_ethnicity"] = _ethnicity(rng, row[f"{side}_ethnicity"])
        elif what == "placeholder":
            number = row[f"{who}_id_number"]
            row[f"{who}_id_number"] = _placeholder(row[f"{who}_birth_date"], fmt, number)
    varied = pl.DataFrame(records, schema=rows.schema)
    return varied.with_columns(pl.Series("variation", labels, dtype=pl.Utf8))
