"""Tokens, roles, offices, scans for the registering office only, and the audit trail."""

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from hunyin.domain.idnumber import check_character
from tests.factories import record
from tests.registry.people import bride, case, groom
from warehouse.db import transaction
from warehouse.documents import register_document
from warehouse.keys import scan_key
from warehouse.loading import Keyed, upsert_records
from warehouse.models import AuditEntry, RecordRow, User

Headers = dict[str, str]


def _scanned_record(url: str, scan: Path) -> int:
    with transaction(url) as session:
        doc_id = register_document(
            session, sha256="f" * 64, path=str(scan), kind="scan", batch="b", size_bytes=4
        )
        item = Keyed(
            key=scan_key(sha256="f" * 64, page=1), record=record(), source_document_id=doc_id
        )
        upsert_records(session, items=[item], source_kind="scan", batch="b", engine="test")
        return session.scalars(select(RecordRow.id)).one()


def test_tokens_are_stored_hashed(app: Any, registrar: Headers) -> None:
    token = registrar["Authorization"].removeprefix("Bearer ")
    with transaction(app.state.db_url) as session:
        stored = session.scalars(select(User.token_hash)).one()
    assert token not in stored
    assert len(stored) == 64


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Basic abc"])
def test_nothing_is_readable_without_a_valid_token(client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.get(
        "/api/v1/status", params={"name": "张伟", "birth_date": "1995-03-04"}, headers=headers
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_roles_are_enforced(client: TestClient, make_user: Callable[..., Headers]) -> None:
    archivist = make_user("archivist", role="archivist")
    response = client.post("/api/v1/eligibility", json=case(), headers=archivist)
    assert response.status_code == 403
    auditor = make_user("auditor", role="auditor")
    assert client.get("/api/v1/audit", headers=auditor).status_code == 200
    assert client.get("/api/v1/audit", headers=archivist).status_code == 403


def test_scan_only_for_the_registering_office(
    client: TestClient,
    app: Any,
    registrar: Headers,
    make_user: Callable[..., Headers],
    tmp_path: Path,
) -> None:
    scan = tmp_path / "00002.png"
    Image.new("RGB", (40, 30), (250, 250, 250)).save(scan)
    record_id = _scanned_record(app.state.db_url, scan)
    own = client.get(f"/api/v1/records/{record_id}/scan", headers=registrar)
    assert own.status_code == 200
    assert Image.open(io.BytesIO(own.content)).size == (40, 30)
    other = make_user("registrar-532324", office="532324")
    refused = client.get(f"/api/v1/records/{record_id}/scan", headers=other)
    assert refused.status_code == 403
    assert client.get("/api/v1/records/999999/scan", headers=registrar).status_code == 404
    with transaction(app.state.db_url) as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["scan_view", "scan_refused"]


def test_every_query_check_and_registration_is_audited_without_full_id_numbers(
    client: TestClient, registrar: Headers, make_user: Callable[..., Headers]
) -> None:
    number = groom()["id_number"]
    client.get(
        "/api/v1/status",
        params={"id_number": number, "purpose": "结婚登记前核查"},
        headers=registrar,
    )
    client.post("/api/v1/eligibility", json=case(), headers=registrar)
    client.post("/api/v1/registrations", json=case(), headers=registrar)
    auditor = make_user("auditor", role="auditor")
    entries = client.get("/api/v1/audit", headers=auditor).json()["entries"]
    assert [e["action"] for e in entries] == ["registration", "eligibility_check", "status_query"]
    assert entries[-1]["purpose"] == "结婚登记前核查"
    assert all(e["user"] == "registrar-532301" and e["office_code"] == "532301" for e in entries)
    assert number not in str(entries)
    assert number[:10] + "******" in entries[-1]["subject"]
    found = client.get("/api/v1/audit", params={"action": "status_query"}, headers=auditor)
    assert found.json()["total"] == 1


def test_the_audit_log_is_append_only(app: Any, client: TestClient, registrar: Headers) -> None:
    client.get("/api/v1/status", params={"id_number": groom()["id_number"]}, headers=registrar)
    with pytest.raises(DatabaseError), transaction(app.state.db_url) as session:
        session.execute(text("UPDATE audit_log SET purpose = 'x'"))
    with pytest.raises(DatabaseError), transaction(app.state.db_url) as session:
        session.execute(text("DELETE FROM audit_log"))


def test_status_query_refuses_malformed_numbers(client: TestClient, registrar: Headers) -> None:
    good = groom()["id_number"]
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    for bad in (good[:-1], bad_check, "53230119951304001X", "5323011995030400AB"):
        response = client.get("/api/v1/status", params={"id_number": bad}, headers=registrar)
        assert response.status_code == 422, bad
        assert bad not in response.text
    ok = client.get("/api/v1/status", params={"id_number": good.lower()}, headers=registrar)
    assert ok.status_code == 200
    retired = "532331" + good[6:17]
    assert (
        client.get(
            "/api/v1/status",
            params={"id_number": retired + check_character(retired)},
            headers=registrar,
        ).status_code
        == 200
    )


def test_admin_adds_a_rule_period_without_code(
    client: TestClient, make_user: Callable[..., Headers], registrar: Headers
) -> None:
    """A later province-wide pilot: any county office of Yunnan for Yunnan hukou."""
    admin = make_user("admin", role="admin")
    period = {
        "rule": "yn-province-marriage",
        "test": "regional_any_office",
        "group": "jurisdiction",
        "kinds": ["marriage"],
        "valid_from": "2024-01-01",
        "valid_to": "2025-05-09",
        "citation": "云民发〔2023〕99号（示例）",
        "summary": "一方户籍在省内的，可在省内任一县级机关办理结婚登记",
        "params": {"region_prefix": "53", "residency": ["mainland"], "office_level": "county"},
    }
    assert client.post("/api/v1/rules", json=period, headers=registrar).status_code == 403
    bad = client.post("/api/v1/rules", json=period | {"test": "nonsense"}, headers=admin)
    assert bad.status_code == 422
    assert client.post("/api/v1/rules", json=period, headers=admin).status_code == 201
    body = case(day="2024-03-01", parties=[groom(hukou="530102"), bride(hukou="530103")])
    doc = client.post("/api/v1/eligibility", json=body, headers=registrar).json()
    rules = {r["rule"]: r["passed"] for r in doc["rules"]}
    assert rules["yn-province-marriage"] is True
    assert doc["decision"] == "eligible"
    before = client.post(
        "/api/v1/eligibility", json=body | {"date": "2023-12-31"}, headers=registrar
    )
    assert before.json()["decision"] == "not_eligible"


def test_appointments_respect_the_daily_quota(
    client: TestClient, registrar: Headers, make_user: Callable[..., Headers]
) -> None:
    day = date(2024, 3, 1).isoformat()
    quota = client.put(
        "/api/v1/offices/532301/quota",
        json={"daily_quota": 2, "valid_from": day},
        headers=registrar,
    )
    assert quota.json()["daily_quota"] == 2
    book = {"office_code": "532301", "date": day, "kind": "marriage", "names": "张伟、李娜"}
    first = client.post("/api/v1/appointments", json=book, headers=registrar)
    assert first.status_code == 201
    assert client.post("/api/v1/appointments", json=book, headers=registrar).status_code == 201
    full = client.post("/api/v1/appointments", json=book, headers=registrar)
    assert full.status_code == 409
    cancel = client.post(
        f"/api/v1/appointments/{first.json()['appointment_id']}/cancel", headers=registrar
    )
    assert cancel.json()["state"] == "cancelled"
    assert client.post("/api/v1/appointments", json=book, headers=registrar).status_code == 201
    listed = client.get(
        "/api/v1/appointments", params={"office_code": "532301", "date": day}, headers=registrar
    )
    assert [a["state"] for a in listed.json()] == ["cancelled", "booked", "booked"]
    other = make_user("registrar-532324", office="532324")
    assert (
        client.put(
            "/api/v1/offices/532301/quota",
            json={"daily_quota": 9, "valid_from": day},
            headers=other,
        ).status_code
        == 403
    )
