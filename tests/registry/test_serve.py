"""``hunyin serve``: worker processes importing the app on the store the command was given."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from cli import serve
from cli.main import main


def test_serve_starts_workers_on_a_migrated_store(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: dict[str, Any] = {}
    monkeypatch.delenv("HUNYIN_DB_URL", raising=False)
    monkeypatch.setattr("uvicorn.run", lambda app, **options: started.update(app=app, **options))
    assert main(["serve", "--db", fresh_store, "--workers", "3"]) == 0
    assert started["workers"] == 3 and started["factory"] is True
    assert started["access_log"] is False
    module, _, name = started["app"].partition(":")
    assert (module, name) == (serve.__name__, serve.app_from_environment.__name__)
    with TestClient(serve.app_from_environment()) as client:
        assert client.get("/healthz").status_code == 200


def test_one_worker_per_cpu_by_default() -> None:
    assert serve.default_workers() >= 1
