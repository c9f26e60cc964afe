import json
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from batch.ledgers import import_ledgers
from hunyin.domain.idnumber import check_character, upgrade
from synth.ledgers.ledgers import Prefecture, generate, write_ledgers, write_truth
from synth.ledgers.people import check_characters

COUPLES = 1500


def _prefecture(seed: int = 5) -> Prefecture:
    return generate(couples=COUPLES, seed=seed)


def test_deterministic_by_seed() -> None:
    one, two = _prefecture(), _prefecture()
    assert_frame_equal(one.rows, two.rows)
    assert_frame_equal(one.persons, two.persons)
    assert not one.rows.equals(_prefecture(seed=6).rows)


def test_histories_are_plausible() -> None:
    prefecture = _prefecture()
    kinds = prefecture.events["record_type"].value_counts()
    counts = dict(kinds.iter_rows())
    assert set(counts) == {"marriage", "divorce", "reissue"}
    assert 1.1 < prefecture.events.height / COUPLES < 1.3
    married = pl.concat(
        [
            prefecture.events.filter(pl.col("record_type") == "marriage")[c]
            for c in ("male_id", "female_id")
        ]
    )
    assert married.value_counts().filter(pl.col("count") > 1).height > 0  # remarriages
    assert prefecture.persons["id_18"].is_unique().all()


def test_id_numbers_by_era() -> None:
    prefecture = _prefecture()
    rows = prefecture.rows.filter(pl.col("noise").is_null()).join(
        prefecture.events.select("event_id", "date"), on="event_id"
    )
    era = (
        pl.when(pl.col("date") < date(1985, 1, 1))
        .then(pl.lit("none"))
        .when(pl.col("date") < date(1999, 10, 1))
        .then(pl.lit("15"))
        .otherwise(pl.lit("18"))
    )
    length = pl.col("female_id_number").str.len_chars().cast(pl.Utf8).fill_null("none")
    assert (rows.select(era == length).to_series()).all()
    assert rows.select(era.n_unique()).item() == 3


def test_written_ledgers_import_with_every_row_accounted_for(
    sqlite_url: str, tmp_path: Path
) -> None:
    prefecture = _prefecture()
    paths = write_ledgers(prefecture, tmp_path)
    assert {p.suffix for p in paths} == {".csv", ".xlsx"}
    summary = import_ledgers(sqlite_url, paths)
    noise = dict(prefecture.rows["noise"].value_counts().iter_rows())
    assert summary.rows_read == prefecture.rows.height
    assert summary.to_review == noise.get("id_typo", 0) + noise.get("bad_date", 0)
    # A row without a certificate number is a real registration: kept under its natural key.
    assert summary.quarantined == 0
    assert noise.get("no_certificate", 0) > 0
    assert summary.already_present == noise.get("repeated_row", 0)
    assert summary.imported / summary.rows_read >= 0.97


def test_truth_file_matches_the_events(tmp_path: Path) -> None:
    prefecture = _prefecture()
    path = write_truth(prefecture, tmp_path / "persons.jsonl")
    persons = [json.loads(line) for line in path.read_text().splitlines()]
    assert sum(len(p["events"]) for p in persons) == 2 * prefecture.events.height
    person = persons[0]
    assert set(person) == {"name", "sex", "birth_date", "id_18", "events"}
    assert upgrade(person["id_18"]) == person["id_18"]
    assert date.fromisoformat(person["birth_date"]).strftime("%Y%m%d") in person["id_18"]
    dates = [e["date"] for p in persons for e in p["events"] if len(p["events"]) > 1]
    assert dates


@given(st.lists(st.text(alphabet="0123456789", min_size=17, max_size=17), min_size=1, max_size=50))
def test_generated_check_characters_are_the_standard_ones(first17: list[str]) -> None:
    computed = check_characters(np.array(first17)).tolist()
    assert computed == [check_character(n) for n in first17]
