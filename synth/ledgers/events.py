"""Synthetic registration histories: marriages, divorces, remarriages and certificate reissues."""

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from synth.ledgers.people import Draw, draw_people, pools

START = date(1950, 5, 1)
END = date(2025, 10, 31)
LAW_1981 = date(1981, 1, 1)
YEAR = 365.25
# Shares of couples; a remarriage is one partner of a divorced couple marrying someone new.
DIVORCE_SHARE = 0.3
REMARRIAGE_SHARE = 0.06
REISSUE_SHARE = 0.06


def _days(day: date) -> int:
    return (day - date(1970, 1, 1)).days


@dataclass(frozen=True, slots=True)
class History:
    persons: pl.DataFrame  # person_id, name, sex, birth_date, county, hukou_tail, ethnicity
    events: pl.DataFrame  # event_id, record_type, date, county, male_id, female_id


def _ages(rng: np.random.Generator, wedding: np.ndarray, *, male: bool) -> np.ndarray:
    """Age in days on the wedding day: at least the legal minimum of the era, mostly young."""
    minimum = np.where(wedding >= _days(LAW_1981), 22 if male else 20, 20 if male else 18)
    return ((minimum + rng.gamma(2.0, 2.5, len(wedding))) * YEAR).astype(np.int64)


def _counties(rng: np.random.Generator, n: int) -> np.ndarray:
    weights = pools()["counties"]
    p = np.array(list(weights.values()), dtype=float)
    return np.array(list(weights))[rng.choice(len(weights), size=n, p=p / p.sum())]


def _new_people(
    rng: np.random.Generator, *, sex: str, wedding: np.ndarray, counties: np.ndarray, first_id: int
) -> pl.DataFrame:
    born = wedding - _ages(rng, wedding, male=sex == "男")
    people = draw_people(rng, Draw(sex=sex, birth_days=born, counties=counties))
    return people.with_row_index("person_id", offset=first_id).with_columns(
        pl.col("person_id").cast(pl.Int64)
    )


def _weddings(rng: np.random.Generator, n: int) -> np.ndarray:
    # Registrations grew with the population: later years are denser than the 1950s.
    span = _days(END) - _days(START)
    return _days(START) + (np.sqrt(rng.random(n)) * span).astype(np.int64)


def history(*, couples: int, seed: int) -> History:
    """A prefecture's registrations: ``couples`` marriages, with divorces and reissues."""
    rng = np.random.default_rng(seed)
    first = round(couples / (1 + REMARRIAGE_SHARE))
    wedding = _weddings(rng, first)
    male_county = _counties(rng, first)
    female_county = np.where(rng.random(first) < 0.8, male_county, _counties(rng, first))
    men = _new_people(rng, sex="男", wedding=wedding, counties=male_county, first_id=0)
    women = _new_people(rng, sex="女", wedding=wedding, counties=female_county, first_id=first)
    male_id, female_id = np.arange(first), np.arange(first, 2 * first)

    # Divorces (not before 1981, when they start to be common in the ledgers).
    split = wedding + (rng.uniform(1, 25, first) * YEAR).astype(np.int64)
    divorced = (rng.random(first) < DIVORCE_SHARE) & (split <= _days(END))
    divorced &= split >= _days(LAW_1981)

    # Remarriages: one partner of a divorced couple, to a new person of the other sex.
    candidates = np.flatnonzero(divorced)
    chosen = rng.permutation(candidates)[: couples - first]
    again = split[chosen] + (rng.uniform(0.5, 6, len(chosen)) * YEAR).astype(np.int64)
    keep = again <= _days(END)
    chosen, again = chosen[keep], again[keep]
    man_stays = rng.random(len(chosen)) < 0.5
    counties = np.where(man_stays, male_county[chosen], female_county[chosen])
    next_id = 2 * first
    new_women = _new_people(
        rng, sex="女", wedding=again[man_stays], counties=counties[man_stays], first_id=next_id
    )
    next_id += new_women.height
    new_men = _new_people(
        rng, sex="男", wedding=again[~man_stays], counties=counties[~man_stays], first_id=next_id
    )
    re_male = np.where(man_stays, male_id[chosen], 0)
    re_female = np.where(man_stays, 0, female_id[chosen])
    re_male[~man_stays] = new_men["person_id"].to_numpy()
    re_female[man_stays] = new_women["person_id"].to_numpy()

    marriages = pl.DataFrame(
        {
            "record_type": "marriage",
            "date": np.concatenate([wedding, again]),
            "county": np.concatenate([male_county, counties]),
            "male_id": np.concatenate([male_id, re_male]),
            "female_id": np.concatenate([female_id, re_female]),
            "split": np.concatenate(
                [np.where(divorced, split, _days(END) + 1), np.full(len(again), _days(END) + 1)]
            ),
        }
    )
    divorces = (
        marriages.head(first)
        .filter(pl.Series(divorced))
        .with_columns(pl.lit("divorce").alias("record_type"), pl.col("split").alias("date"))
    )
    # A lost certificate is reissued while the marriage lasts.
    late = marriages["date"].to_numpy() + (rng.uniform(1, 30, marriages.height) * YEAR).astype(
        np.int64
    )
    lost = (rng.random(marriages.height) < REISSUE_SHARE) & (late < marriages["split"].to_numpy())
    lost &= late <= _days(END)
    reissues = marriages.filter(pl.Series(lost)).with_columns(
        pl.lit("reissue").alias("record_type"), pl.Series(late[lost]).alias("date")
    )
    events = (
        pl.concat([marriages, divorces, reissues])
        .drop("split")
        .with_columns(pl.col("date").cast(pl.Int32).cast(pl.Date))
        .sort("date", "male_id", maintain_order=True)
        .with_row_index("event_id")
    )
    persons = pl.concat([men, women, new_women, new_men]).sort("person_id")
    return History(persons=persons, events=events)
