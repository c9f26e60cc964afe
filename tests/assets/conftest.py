"""A small inbox built from the samples: one real page, junk, and a ledger."""

import shutil
from pathlib import Path

import pytest

from hunyin.settings import Settings

BATCH = "532301-t1"


@pytest.fixture
def small_inbox(tmp_path: Path, samples_dir: Path) -> Path:
    batch = tmp_path / "inbox" / "532301" / "t1"
    (batch / "bad").mkdir(parents=True)
    shutil.copyfile(samples_dir / "scans/532301/2018/00002.png", batch / "00002.png")
    for junk in ("empty.jpg", "notes.txt", "fake.pdf"):
        shutil.copyfile(samples_dir / "scans/532301/bad" / junk, batch / "bad" / junk)
    shutil.copyfile(samples_dir / "ledgers/532302-ledger.csv", batch / "532302-ledger.csv")
    return tmp_path / "inbox"


@pytest.fixture
def settings(tmp_path: Path, small_inbox: Path) -> Settings:
    return Settings(
        db_url=f"sqlite:///{tmp_path / 'store.db'}",
        var_dir=tmp_path / "var",
        inbox_dir=small_inbox,
        audit_sample_rate=0.0,
    )
