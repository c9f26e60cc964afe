"""The review queue over HTTP: list and filter, read, correct, approve, reject, permissions."""

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.registry.review.queued import MISREAD, TRUE_ID, queue_misread
from warehouse.db import transaction
from warehouse.models import AuditEntry, FieldProvenance

Headers = dict[str, str]


def test_queue_lists_and_filters(
    app: FastAPI, client: TestClient, make_user: Callable[..., Headers], samples_dir: Path
) -> None:
    record_id = queue_misread(app.state.db_url, samples_dir)
    steward = make_user("steward1", role="steward")

    def ids(**params: str) -> list[int]:
        answer = client.get("/api/v1/review/tasks", params=params, headers=steward)
        assert answer.status_code == 200
        return [i["record_id"] for i in answer.json()["items"]]

    assert ids() == [record_id]
    assert ids(office="532301", batch="b1", rule="id-check", field="male.id_number") == [record_id]
    assert ids(office="532324") == []
    assert ids(rule="min-age") == []
    assert ids(batch="b2") == []
    registrar = make_user("registrar1")
    assert client.get("/api/v1/review/tasks", headers=registrar).status_code == 403


def test_record_shows_readings_masked(
    app: FastAPI, client: TestClient, make_user: Callable[..., Headers], samples_dir: Path
) -> None:
    record_id = queue_misread(app.state.db_url, samples_dir)
    answer = client.get(
        f"/api/v1/review/records/{record_id}", headers=make_user("s", role="steward")
    )
    doc = answer.json()
    assert MISREAD not in answer.text
    fields = {f["name"]: f for f in doc["fields"]}
    male_id = fields["male.id_number"]
    assert male_id["doubtful"] and male_id["value"] == "5323011991******96"
    assert [(r["engine"], r["confidence"]) for r in male_id["readings"]] == [("rapidocr", 0.55)]
    assert {i["rule"] for i in male_id["issues"]} == {"low-confidence", "id-check"}
    assert doc["regions"] == [
        {"field": "male.id_number", "x0": 300, "y0": 300, "x1": 900, "y1": 360}
    ]
    other = make_user("s2", office="532324", role="steward")
    assert client.get(f"/api/v1/review/records/{record_id}", headers=other).status_code == 403


def test_correct_then_approve_flows_into_the_store(
    app: FastAPI, client: TestClient, make_user: Callable[..., Headers], samples_dir: Path
) -> None:
    record_id = queue_misread(app.state.db_url, samples_dir)
    steward = make_user("steward1", role="steward")
    base = f"/api/v1/review/records/{record_id}"
    refused = client.post(f"{base}/approve", json={}, headers=steward)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["rule"] == "id-check"

    corrected = client.post(
        f"{base}/corrections", json={"fields": {"male.id_number": TRUE_ID}}, headers=steward
    )
    assert corrected.status_code == 200
    assert corrected.json()["issues"] == []  # re-validated; the doubt on the field is gone
    approved = client.post(f"{base}/approve", json={}, headers=steward)
    assert approved.status_code == 200
    assert approved.json()["status"] == "accepted"
    assert approved.json()["task"]["state"] == "approved"

    registrar = make_user("registrar1")
    status = client.get("/api/v1/status", params={"id_number": TRUE_ID}, headers=registrar)
    assert status.json()["status"] == "married"
    assert [e["record_id"] for e in status.json()["events"]] == [record_id]
    with transaction(app.state.db_url) as session:
        fix = session.scalar(select(FieldProvenance).where(FieldProvenance.engine == "steward"))
        assert fix is not None
        assert (fix.field, fix.value, fix.previous_value) == ("male.id_number", TRUE_ID, MISREAD)
        assert fix.corrected_by == "steward1" and fix.recorded_at is not None
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [e.action for e in entries][:2] == ["review_correct", "review_approve"]
        change = (entries[0].details or {})["changes"][0]
        assert change == {
            "field": "male.id_number",
            "old": "5323011991******96",
            "new": "5323011991******90",
        }
        assert (entries[0].user_name, entries[0].at is not None) == ("steward1", True)


def test_bad_corrections_and_reject(
    app: FastAPI, client: TestClient, make_user: Callable[..., Headers], samples_dir: Path
) -> None:
    record_id = queue_misread(app.state.db_url, samples_dir)
    steward = make_user("steward1", role="steward")
    base = f"/api/v1/review/records/{record_id}"
    for fields in (
        {"male.shoe_size": "42"},
        {"registration_date": "someday"},
        {"record_type": "x"},
    ):
        answer = client.post(f"{base}/corrections", json={"fields": fields}, headers=steward)
        assert answer.status_code == 422, fields
    rejected = client.post(f"{base}/reject", json={"reason": "duplicate page"}, headers=steward)
    assert rejected.json()["status"] == "rejected"
    assert client.get("/api/v1/review/tasks", headers=steward).json()["items"] == []


def test_page_image_outlines_the_doubtful_field(
    app: FastAPI, client: TestClient, make_user: Callable[..., Headers], samples_dir: Path
) -> None:
    record_id = queue_misread(app.state.db_url, samples_dir)
    steward = make_user("steward1", role="steward")
    answer = client.get(f"/pages/review/{record_id}/image.png", headers=steward)
    assert answer.status_code == 200 and answer.content.startswith(b"\x89PNG")
    page = client.get(f"/pages/review/{record_id}", headers=steward)
    assert page.status_code == 200 and MISREAD not in page.text and "id-check" in page.text


def test_quality_report_page(
    app: FastAPI, client: TestClient, make_user: Callable[..., Headers], samples_dir: Path
) -> None:
    queue_misread(app.state.db_url, samples_dir)
    steward = make_user("steward1", role="steward")
    page = client.get("/pages/review/report", params={"batch": "b1"}, headers=steward)
    assert page.status_code == 200 and "data:image/png;base64," in page.text
    assert MISREAD not in page.text and "身份证号校验码不符" in page.text
    assert client.get("/pages/review/report", headers=make_user("r1")).status_code == 403


def test_queue_page_lists_only_what_the_steward_may_open(
    app: FastAPI, client: TestClient, make_user: Callable[..., Headers], samples_dir: Path
) -> None:
    record_id = queue_misread(app.state.db_url, samples_dir)
    other = make_user("steward-nanhua", office="532324", role="steward")
    own = make_user("steward-chuxiong", office="532301", role="steward")
    link = f'href="/pages/review/{record_id}"'
    assert link not in client.get("/pages/review", headers=other).text
    assert link not in client.get("/pages/review", params={"office": ""}, headers=other).text
    assert link not in client.get("/pages/review", params={"office": "532301"}, headers=other).text
    assert link in client.get("/pages/review", headers=own).text
