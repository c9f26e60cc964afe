"""No whole ID number in any log line or HTML page: a real batch (a scan read by the OCR
engines, a ledger, junk) through the graph as the demo runs it, its reports and Data Docs,
then every page of the registry over its store, for each role."""

import logging
from pathlib import Path

import pytest
from dagster import DagsterInstance, materialize
from fastapi.testclient import TestClient
from sqlalchemy import select

from assets.resources import OcrResource
from hunyin.settings import Settings
from pipelines.definitions import graph, resources
from registry.app import create_app
from registry.users import ROLES, create_user
from tests.assets.conftest import BATCH
from warehouse.db import transaction
from warehouse.models import PartyRow, RecordRow


def _pages(url: str, record_ids: list[int], numbers: list[str]) -> dict[str, str]:
    """Every HTML page of the registry, as each role sees it."""
    client = TestClient(create_app(db_url=url))
    with transaction(url) as session:
        tokens = {r: create_user(session, name=r, office_code="532301", role=r) for r in ROLES}
    paths = ["/", "/pages/review", "/pages/review/report", "/pages/audit", "/pages/appointments"]
    paths += [f"/pages/review/{i}" for i in record_ids]
    paths += [f"/pages/status?id_number={n}" for n in numbers[:3]]
    seen = {}
    for role, token in tokens.items():
        client.cookies.set("hunyin_token", token)
        for path in paths:
            response = client.get(path, headers={"Accept": "text/html"})
            assert response.status_code < 500, (role, path)
            seen[f"{role} {path}"] = response.text
    return seen


@pytest.mark.ocr
def test_no_log_line_report_or_page_holds_a_whole_number(
    settings: Settings, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    instance = DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("batches", [BATCH])
    result = materialize(
        graph(),
        partition_key=BATCH,
        instance=instance,
        resources=resources(settings, ocr=OcrResource(workers=1)),
    )
    assert result.success
    with transaction(settings.db_url) as session:
        numbers = sorted({n for n in session.scalars(select(PartyRow.id_number)) if n})
        record_ids = list(session.scalars(select(RecordRow.id)))
    assert len(numbers) >= 4 and record_ids  # the scan's couple and the ledger's
    texts = {
        f"file {p}": p.read_text(errors="replace") for p in Path(settings.var_dir).rglob("*.html")
    }
    assert texts, "the batch wrote its quality report"
    texts |= _pages(settings.db_url, record_ids, numbers)
    events = instance.all_logs(result.run_id)
    texts["dagster events"] = "\n".join(str(e.user_message) for e in events)
    captured = capfd.readouterr()
    texts["log"] = caplog.text + captured.out + captured.err
    leaks = [(where, n[:10]) for where, text in texts.items() for n in numbers if n in text]
    assert leaks == [], leaks[:5]
