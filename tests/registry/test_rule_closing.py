"""An admin closes a shipped rule period (an end date and the act that ends it), without a
release; the change is audited and decisions after the date no longer apply the rule."""

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.registry.people import case
from warehouse.db import transaction
from warehouse.models import AuditEntry

Headers = dict[str, str]
CLOSING = {
    "rule": "divorce-cooling-off",
    "valid_from": "2021-01-01",
    "valid_to": "2026-06-30",
    "citation": "（示例）全国人大常委会关于修改民法典的决定",
}


def _rules(client: TestClient, headers: Headers, day: str) -> set[str]:
    doc = client.post("/api/v1/eligibility", json=case("divorce", day=day), headers=headers)
    return {r["rule"] for r in doc.json()["rules"]}


def test_an_admin_closes_a_shipped_period(
    client: TestClient, make_user: Callable[..., Headers], app: object
) -> None:
    admin = make_user("admin", role="admin")
    registrar = make_user("registrar")
    assert "divorce-cooling-off" in _rules(client, registrar, "2026-07-01")
    assert client.post("/api/v1/rules/close", json=CLOSING, headers=registrar).status_code == 403
    closed = client.post("/api/v1/rules/close", json=CLOSING, headers=admin)
    assert closed.status_code == 200, closed.text
    assert closed.json()["valid_to"] == "2026-06-30"
    assert CLOSING["citation"] in closed.json()["citation"]
    assert "divorce-cooling-off" in _rules(client, registrar, "2026-06-30")
    assert "divorce-cooling-off" not in _rules(client, registrar, "2026-07-01")
    listed = client.get("/api/v1/rules", headers=admin).json()
    period = next(p for p in listed if p["rule"] == "divorce-cooling-off")
    assert (period["valid_to"], period["closed_by"]) == ("2026-06-30", "admin")
    with transaction(app.state.db_url) as session:  # type: ignore[attr-defined]
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "rule_closed" in actions


def test_a_period_is_only_shortened(client: TestClient, make_user: Callable[..., Headers]) -> None:
    admin = make_user("admin", role="admin")
    pilot = {
        "rule": "cx-pilot-marriage",
        "valid_from": "2022-04-20",
        "valid_to": "2026-01-01",
        "citation": "x",
    }
    assert client.post("/api/v1/rules/close", json=pilot, headers=admin).status_code == 422
    unknown = CLOSING | {"valid_from": "2020-01-01"}
    assert client.post("/api/v1/rules/close", json=unknown, headers=admin).status_code == 404
    before = CLOSING | {"valid_to": "2020-01-01"}
    assert client.post("/api/v1/rules/close", json=before, headers=admin).status_code == 422
