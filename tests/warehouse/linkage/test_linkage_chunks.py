"""Prediction cut into slices scores the same pairs and builds the same index as in one piece."""

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from sqlalchemy import select

from batch.ledgers import import_ledgers
from hunyin.settings import Settings, get_settings
from synth.ledgers.ledgers import generate, write_ledgers
from warehouse.db import transaction
from warehouse.linkage import link_records
from warehouse.linkage.backend import chunks, connect, spill_dir
from warehouse.linkage.features import party_table
from warehouse.linkage.model import initial_settings, linker_for, score
from warehouse.models import PersonLink


@pytest.fixture
def history(sqlite_url: str, tmp_path: Path) -> str:
    """A noisy generated history of about 3,600 parties in a SQLite store."""
    prefecture = generate(couples=1_500, seed=7, variations=0.25)
    import_ledgers(sqlite_url, write_ledgers(prefecture, tmp_path / "ledgers"))
    return sqlite_url


@pytest.fixture
def chunk_parties(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Set ``HUNYIN_LINK_CHUNK_PARTIES`` for the code under test, settings re-read each time."""

    def set_to(parties: int) -> None:
        monkeypatch.setenv("HUNYIN_LINK_CHUNK_PARTIES", str(parties))
        get_settings.cache_clear()

    yield set_to
    get_settings.cache_clear()


def _pairs(url: str) -> pa.Table:
    with transaction(url) as session:
        features = party_table(session).sort_by("unique_id")
    linker = linker_for(features, settings=initial_settings())
    return score(linker).sort_by([("party_l", "ascending"), ("party_r", "ascending")])


def _people(url: str) -> set[frozenset[int]]:
    """The index as a partition of parties, independent of how persons were numbered."""
    with transaction(url) as session:
        link_records(session)
        rows = session.execute(select(PersonLink.party_id, PersonLink.person_id)).all()
    groups: dict[int, set[int]] = {}
    for party, person in rows:
        groups.setdefault(person, set()).add(party)
    return {frozenset(g) for g in groups.values()}


def test_sliced_prediction_scores_the_same_pairs(history: str, chunk_parties) -> None:  # type: ignore[no-untyped-def]
    chunk_parties(1_000_000)
    whole = _pairs(history)
    chunk_parties(1_000)
    with transaction(history) as session:
        parties = party_table(session).num_rows
    assert chunks(parties) >= 3
    sliced = _pairs(history)
    assert whole.num_rows > 100
    assert sliced.select(["party_l", "party_r"]).equals(whole.select(["party_l", "party_r"]))
    assert sliced["probability"].to_pylist() == pytest.approx(whole["probability"].to_pylist())
    assert sliced["joinable"].equals(whole["joinable"])


def test_sliced_prediction_builds_the_same_index(history: str, chunk_parties) -> None:  # type: ignore[no-untyped-def]
    chunk_parties(1_000_000)
    whole = _people(history)
    chunk_parties(1_000)
    sliced = _people(history)
    # Some people have more than one party: the index is not trivially one person each.
    assert any(len(group) > 1 for group in whole)
    assert sliced == whole


def test_the_backend_setting_names_where_duckdb_spills_and_its_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="link_backend"):
        Settings(link_backend="spark")
    with pytest.raises(ValueError, match="link_memory_limit"):
        Settings(link_memory_limit="lots")
    monkeypatch.setenv("HUNYIN_LINK_BACKEND", f"duckdb:{tmp_path}")
    monkeypatch.setenv("HUNYIN_LINK_MEMORY_LIMIT", "1GB")
    get_settings.cache_clear()
    try:
        con = connect()
        [(temp, limit)] = con.sql(
            "SELECT current_setting('temp_directory'), current_setting('memory_limit')"
        ).fetchall()
        assert spill_dir() == tmp_path
        monkeypatch.delenv("HUNYIN_LINK_BACKEND")
        get_settings.cache_clear()
        assert spill_dir() == get_settings().var_dir / "duckdb"
    finally:
        get_settings.cache_clear()
    assert temp == str(tmp_path)
    assert limit == "953.6 MiB"
