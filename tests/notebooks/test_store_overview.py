"""The notebook's code cells run against a real store."""

import json
from pathlib import Path

import pytest

from tests.factories import record
from warehouse.db import transaction
from warehouse.keys import scan_key
from warehouse.loading import Keyed, upsert_records

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "store_overview.ipynb"


def test_the_overview_notebook_runs(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with transaction(sqlite_url) as session:
        upsert_records(
            session,
            items=[Keyed(key=scan_key(sha256="d" * 64, page=1), record=record())],
            source_kind="scan",
            batch="b",
            engine="ocr",
        )
    monkeypatch.setenv("HUNYIN_DB_URL", sqlite_url)
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    namespace: dict[str, object] = {}
    for cell in cells:
        if cell["cell_type"] == "code":
            exec("".join(cell["source"]), namespace)
    records = namespace["records"]
    assert list(records["decade"]) == [2010]  # type: ignore[index]
