import json
from pathlib import Path

import polars as pl

from batch.ledger_prepare import prepare_ledger
from hunyin.domain.idnumber import upgrade


def _truth(samples_dir: Path) -> pl.DataFrame:
    """One row per (person, event) of the samples' truth file."""
    rows = []
    for line in (samples_dir / "ledgers" / "persons.jsonl").read_text().splitlines():
        person = json.loads(line)
        for event in person["events"]:
            rows.append(
                {
                    "name": person["name"],
                    "sex": person["sex"],
                    "birth_date": person["birth_date"],
                    "id_18": person["id_18"],
                }
                | event
            )
    return pl.DataFrame(rows)


def test_samples_read_as_the_truth_says(samples_dir: Path) -> None:
    staged = pl.concat(
        prepare_ledger(p).staged for p in sorted((samples_dir / "ledgers").glob("*-ledger.*"))
    )
    parties = pl.concat(
        staged.select(
            "certificate_no",
            "office_code",
            pl.col("record_type").alias("type"),
            pl.col("registration_date").cast(pl.Utf8).alias("date"),
            pl.col(f"{role}_name").alias("name"),
            pl.col(f"{role}_birth_date").cast(pl.Utf8).alias("birth_date"),
            pl.col(f"{role}_id_number").alias("id_number"),
            pl.col(f"{role}_id18").alias("id18"),
        )
        for role in ("male", "female")
    )
    truth = _truth(samples_dir)
    keys = ["certificate_no", "office_code", "type", "date", "name", "birth_date"]
    joined = truth.join(parties, on=keys, how="inner", validate="1:1")
    assert joined.height == truth.height == 2 * staged.height
    assert joined["id_number"].null_count() < joined.height
    with_number = joined.filter(pl.col("id_number").is_not_null())
    assert (with_number["id18"] == with_number["id_18"]).all()
    assert [upgrade(n) for n in with_number["id_number"]] == with_number["id_18"].to_list()
