"""The registry's tables and statements on both stores: SQLite and PostgreSQL."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from registry.app import create_app
from registry.users import create_user
from tests.registry.conftest import at_window
from tests.registry.people import case
from warehouse.db import transaction


def test_registry_round_trip(store_url: str) -> None:
    """Marriage, divorce application and completion, reissue, quota and booking, audit."""
    app = create_app(db_url=store_url)
    client = TestClient(app)
    with transaction(store_url) as session:
        token = create_user(session, name="r", office_code="532301", role="registrar")
    auth = {"Authorization": f"Bearer {token}"}

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        at_window(app, body["date"])  # registered at the window on the body's day
        response = client.post(path, json=body, headers=auth)
        assert response.status_code == 201, response.text
        return dict(response.json())

    married = post("/api/v1/registrations", case(day="2023-01-10"))
    assert married["certificate_no"] == "J532301-2023-000001"
    post("/api/v1/registrations", case("divorce", day="2023-03-01"))
    divorced = post("/api/v1/registrations", case("divorce", day="2023-04-15"))
    assert divorced["certificate_no"] == "L532301-2023-000001"
    reissued = post("/api/v1/registrations", case("reissue", day="2024-01-02"))
    assert reissued["certificate_no"] == "BL532301-2024-000001"
    quota = {"daily_quota": 1, "valid_from": "2024-05-01"}
    assert client.put("/api/v1/offices/532301/quota", json=quota, headers=auth).status_code == 200
    slot = {"office_code": "532301", "date": "2024-05-02", "kind": "marriage", "names": "甲、乙"}
    post("/api/v1/appointments", slot)
    assert client.post("/api/v1/appointments", json=slot, headers=auth).status_code == 409
    with pytest.raises(DatabaseError), transaction(store_url) as session:
        session.execute(text("DELETE FROM audit_log"))
