from pathlib import Path

import pytest

from hunyin.errors import InputError
from hunyin.inbox import batch_for_key, discover, files_of
from pipelines.samples import build_inbox


def test_sample_inbox_has_a_batch_per_office_and_kind(tmp_path: Path, samples_dir: Path) -> None:
    copied = build_inbox(samples=samples_dir, inbox=tmp_path)
    assert copied
    assert build_inbox(samples=samples_dir, inbox=tmp_path) == []
    keys = [b.key for b in discover(tmp_path)]
    assert "532301-scans" in keys and "532301-ledgers" in keys
    assert len([k for k in keys if k.endswith("-ledgers")]) == 12
    batch = batch_for_key(tmp_path, "532301-scans")
    names = {p.relative_to(batch.path).as_posix() for p in files_of(batch)}
    assert {"2018/00002.png", "bad/empty.jpg", "single-0020.jpg"} <= names


def test_an_unknown_partition_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no batch folder"):
        batch_for_key(tmp_path, "532301-nothing")
