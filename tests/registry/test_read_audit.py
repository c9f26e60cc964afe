"""Every read of personal data is audited with its purpose; appointments and divorce
applications are the receiving office's; free text is masked where it is shown."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.registry.conftest import at_window
from tests.registry.people import case
from tests.registry.review.queued import queue_misread
from warehouse.db import transaction
from warehouse.models import AuditEntry

Headers = dict[str, str]


@pytest.fixture
def app(store_app: FastAPI) -> FastAPI:
    """Every test of this module on SQLite and on PostgreSQL."""
    return store_app


_WHOLE = "532301199111152090"


def _actions(app: Any) -> list[tuple[str, str | None]]:
    with transaction(app.state.db_url) as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.purpose).order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_review_reads_and_the_report_are_audited(
    app: Any, client: TestClient, make_user: Callable[..., Headers], samples_dir: Path
) -> None:
    record_id = queue_misread(app.state.db_url, samples_dir)
    steward = make_user("steward", role="steward")
    assert client.get(f"/api/v1/review/records/{record_id}", headers=steward).status_code == 200
    assert client.get(f"/pages/review/{record_id}", headers=steward).status_code == 200
    assert client.get("/pages/review/report", headers=steward).status_code == 200
    seen = _actions(app)
    assert [a for a, _ in seen] == ["review_read", "review_read", "quality_report"]
    assert all(purpose for _, purpose in seen)


def test_audit_searches_are_audited(
    client: TestClient, app: Any, make_user: Callable[..., Headers]
) -> None:
    auditor = make_user("auditor", role="auditor")
    client.get("/api/v1/audit", params={"subject": "张伟"}, headers=auditor)
    assert client.get("/pages/audit", headers=auditor).status_code == 200
    assert [a for a, _ in _actions(app)] == ["audit_search", "audit_search"]


def test_appointments_are_the_offices_own_and_masked(
    client: TestClient, app: Any, registrar: Headers, make_user: Callable[..., Headers]
) -> None:
    day = "2024-03-01"
    client.put(
        "/api/v1/offices/532301/quota",
        json={"daily_quota": 5, "valid_from": day},
        headers=registrar,
    )
    book = {"office_code": "532301", "date": day, "kind": "marriage", "names": f"张伟 {_WHOLE}"}
    assert client.post("/api/v1/appointments", json=book, headers=registrar).status_code == 201
    query = {"office_code": "532301", "date": day}
    other = make_user("registrar-532324", office="532324")
    assert client.get("/api/v1/appointments", params=query, headers=other).status_code == 403
    listed = client.get("/api/v1/appointments", params=query, headers=registrar)
    assert listed.status_code == 200 and _WHOLE not in listed.text
    assert "5323011991******90" in listed.text
    page = client.get("/pages/appointments", params={"day": day}, headers=registrar)
    assert page.status_code == 200 and _WHOLE not in page.text
    assert [a for a, _ in _actions(app)].count("appointment_list") == 2


def test_divorce_applications_are_read_by_the_receiving_office_only(
    client: TestClient, app: Any, registrar: Headers, make_user: Callable[..., Headers]
) -> None:
    at_window(app, "2023-01-10")
    assert (
        client.post(
            "/api/v1/registrations", json=case(day="2023-01-10"), headers=registrar
        ).status_code
        == 201
    )
    at_window(app, "2023-03-01")
    applied = client.post(
        "/api/v1/registrations", json=case("divorce", day="2023-03-01"), headers=registrar
    )
    application_id = applied.json()["application"]["application_id"]
    url = f"/api/v1/divorce-applications/{application_id}"
    other = make_user("registrar-532324", office="532324")
    assert client.get(url, headers=other).status_code == 403
    assert client.get(url, headers=registrar).status_code == 200
    assert "divorce_application_read" in [a for a, _ in _actions(app)]
