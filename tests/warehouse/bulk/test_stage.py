import json

import polars as pl

from hunyin.domain.idnumber import upgrade
from tests.warehouse.bulk.helpers import checked
from warehouse.bulk.stage import STAGE_COLUMNS, stage_frame
from warehouse.keys import content_hashes


def test_hash_follows_values_only() -> None:
    base = content_hashes(checked())[0]
    assert content_hashes(checked())[0] == base
    assert content_hashes(checked(female_name="李兰"))[0] != base
    assert content_hashes(checked().with_columns(pl.lit(99).alias("source_row")))[0] == base
    assert len(base) == 64


def test_staged_columns() -> None:
    staged = stage_frame(checked())
    assert staged.columns == list(STAGE_COLUMNS)
    row = staged.row(0, named=True)
    assert (row["status"], row["page"], json.loads(row["issues"])) == ("accepted", 7, [])
    assert row["male_id18"] == upgrade("532301911115209")
    assert row["female_id18"] is None
