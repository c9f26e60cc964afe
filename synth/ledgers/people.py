"""Synthetic people: names, ethnicity, first registration place, hukou and identity numbers."""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
import polars as pl

from hunyin.domain.idnumber import CHECK_CHARACTERS, WEIGHTS

_WEIGHTS = np.array(WEIGHTS)
_CHECK = np.array(list(CHECK_CHARACTERS))


@lru_cache(maxsize=1)
def pools() -> dict[str, Any]:
    """The pools of ``people.toml``."""
    return tomllib.loads(files("synth.ledgers").joinpath("people.toml").read_text("utf-8"))


def _pick(
    rng: np.random.Generator, values: list[str], n: int, weights: list[float] | None = None
) -> np.ndarray:
    p = None if weights is None else np.array(weights, dtype=float) / sum(weights)
    return np.array(values)[rng.choice(len(values), size=n, p=p)]


def _names(rng: np.random.Generator, n: int, given: str) -> np.ndarray:
    data = pools()
    surname = _pick(rng, list(data["surnames"]), n)
    first = _pick(rng, list(given), n)
    second = np.where(rng.random(n) < data["two_char_given"], _pick(rng, list(given), n), "")
    return np.char.add(np.char.add(surname, first), second)


def check_characters(first17: np.ndarray) -> np.ndarray:
    """GB 11643 check characters of an array of 17-digit strings."""
    digits = np.frombuffer("".join(first17).encode("ascii"), dtype=np.uint8) - ord("0")
    return _CHECK[(digits.reshape(-1, 17).astype(np.int64) @ _WEIGHTS) % 11]


@dataclass(frozen=True, slots=True)
class Draw:
    """What a new person's draw depends on: sex, birth dates (days since 1970) and county."""

    sex: str
    birth_days: np.ndarray
    counties: np.ndarray


def draw_people(rng: np.random.Generator, draw: Draw) -> pl.DataFrame:
    """One row per new person: name, sex, birth date, county, address code, hukou, ethnicity."""
    data = pools()
    n = len(draw.birth_days)
    given = data["given_male"] if draw.sex == "男" else data["given_female"]
    outside = rng.random(n) < data["outside"]["share"]
    place = rng.integers(0, len(data["outside"]["places"]), size=n)
    places = np.array(data["outside"]["places"])
    village = np.char.add(_pick(rng, data["villages"], n), "村委会")
    hamlet = np.char.add(
        np.char.add(_pick(rng, data["villages"], n), "村"), rng.integers(1, 120, n).astype(str)
    )
    tail = np.char.add(_pick(rng, data["towns"], n), village)
    tail = np.where(
        rng.random(n) < data["house_number"], np.char.add(np.char.add(tail, hamlet), "号"), tail
    )
    ethnic = data["ethnicity"]
    return pl.DataFrame(
        {
            "name": _names(rng, n, given),
            "sex": np.full(n, draw.sex),
            "birth_date": draw.birth_days.astype(np.int32),
            "county": draw.counties,
            "outside_code": places[place, 0],
            "hukou_tail": np.where(
                outside,
                np.char.add(
                    np.char.add(places[place, 1], rng.integers(1, 300, n).astype(str)), "号"
                ),
                tail,
            ),
            "outside": outside,
            "ethnicity": _pick(rng, list(ethnic), n, list(ethnic.values())),
            "seq_start": rng.integers(0, 400, n),
        }
    ).with_columns(
        pl.col("birth_date").cast(pl.Date),
        pl.when(pl.col("outside")).then(pl.col("outside_code")).alias("outside_code"),
    )


def with_id_numbers(persons: pl.DataFrame, county_codes: dict[str, str]) -> pl.DataFrame:
    """``id_18`` for every person, unique: the sequence counts up within address and birth date."""
    parity = pl.when(pl.col("sex") == "男").then(1).otherwise(0)
    frame = persons.with_columns(
        pl.coalesce("outside_code", pl.col("county").replace_strict(county_codes)).alias("address")
    ).with_columns(
        (
            (pl.col("seq_start").first() + pl.int_range(pl.len())).over(
                "address", "birth_date", "sex", order_by="person_id"
            )
            % 500
            * 2
            + parity
        ).alias("seq")
    )
    first17 = (
        pl.col("address")
        + pl.col("birth_date").dt.strftime("%Y%m%d")
        + pl.col("seq").cast(pl.Utf8).str.zfill(3)
    )
    frame = frame.with_columns(first17.alias("first17"))
    checks = check_characters(frame["first17"].to_numpy())
    return frame.with_columns((pl.col("first17") + pl.Series(checks)).alias("id_18")).drop(
        "first17", "seq_start", "outside_code"
    )
