"""The archivist's page follows the real graph: a batch handed in on the page waits as queued,
then the batch job's run and the documents it writes show as done, each file with its reason."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from dagster import DagsterInstance
from fastapi.testclient import TestClient

from hunyin.settings import Settings, get_settings
from pipelines.definitions import build_definitions
from registry.app import create_app
from registry.users import create_user
from warehouse.db import transaction

pytestmark = pytest.mark.slow
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("HUNYIN_INBOX_DIR", str(tmp_path / "inbox"))
    monkeypatch.setenv("HUNYIN_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("HUNYIN_DB_URL", f"sqlite:///{tmp_path / 'hunyin.db'}")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    (tmp_path / "dagster").mkdir()
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_the_page_shows_the_run_and_every_file_s_outcome(settings: Settings) -> None:
    app = create_app(db_url=settings.db_url)
    with transaction(app.state.db_url) as session:
        token = create_user(session, name="archivist", office_code="532301", role="archivist")
    page = TestClient(app)
    page.post("/login", data={"token": token})
    files = [
        ("files", ("empty.png", b"", "image/png")),
        ("files", ("letter.pdf", b"Dear colleagues, a letter", "application/pdf")),
    ]
    handed = page.post("/pages/archive", data={"office_code": "532301", "batch": "b1"}, files=files)
    assert 'data-state="queued"' in handed.text

    instance = DagsterInstance.get()
    instance.add_dynamic_partitions("batches", ["532301-b1"])
    job = build_definitions(settings).resolve_job_def("batch_job")
    result = job.execute_in_process(partition_key="532301-b1", instance=instance, run_config=QUIET)
    assert result.success

    done = page.get("/pages/archive/532301-b1")
    assert 'id="run-state" data-state="succeeded"' in done.text and "已完成" in done.text
    assert done.text.count('data-state="quarantined"') == 2
    assert "空文件" in done.text and "不是扫描件" in done.text and "等待处理" not in done.text
