"""The synthetic batch generator: truth, manifest and files agree, and seeds repeat."""

import json
import random
from pathlib import Path

from batch.extract import plan
from hunyin.domain import idnumber
from ocr import hukou
from synth.scans.batchgen import generate
from synth.scans.people import make_record


def test_batch_has_truth_manifest_and_junk(tmp_path: Path) -> None:
    truths = generate(tmp_path, count=3, seed=5, dpis=(100,))
    assert len(truths) == 3
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    files = {item.file: item for item in plan(tmp_path)}
    assert set(files) == {entry["file"] for entry in manifest}
    for entry in manifest:
        item = files[entry["file"]]
        if "quarantine" in entry:
            assert item.outcome is not None
            assert item.outcome.reason.startswith(entry["quarantine"])
        else:
            assert item.outcome is None
            assert item.pages == max(entry["records"], 1)
    for truth in truths:
        for role in ("male", "female"):
            number = truth[role]["id_number"]
            assert number is None or idnumber.is_valid(number)


def test_same_seed_same_batch(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", count=2, seed=9, junk=False, dpis=(100,))
    second = generate(tmp_path / "b", count=2, seed=9, junk=False, dpis=(100,))
    assert first == second


def test_hukous_name_current_or_former_townships_as_asked() -> None:
    def known(record: dict[str, object]) -> bool:
        place = str(record["male"]["hukou"])  # type: ignore[index]
        found = hukou.match(place)
        assert found is not None
        return (found["county"][:-1], found["town"]) in hukou.townships()

    rng = random.Random(3)
    assert all(known(make_record(rng, former_towns=0.0)) for _ in range(30))
    assert not any(known(make_record(rng, former_towns=1.0)) for _ in range(30))
