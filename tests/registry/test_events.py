"""Deaths, court divorces, void and annulled marriages entered through ``POST /api/v1/events``:
status, bigamy and eligibility read them, on SQLite and PostgreSQL. Both sides of the
remarriage case: after a death or a court divorce the survivor may marry; without one, not."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from registry.users import create_user
from tests.registry.conftest import at_window
from tests.registry.people import archive_marriage, bride, case, groom, party
from warehouse.db import transaction
from warehouse.models import AuditEntry, RecordRow

Post = Callable[..., Any]
NEW_WIFE = party("周芳", "女", date(1994, 2, 2), seq=7)


@pytest.fixture
def api(store_url: str) -> tuple[TestClient, dict[str, dict[str, str]], str]:
    from registry.app import create_app

    app = create_app(db_url=store_url)
    at_window(app, "2023-06-01")  # the day the survivor comes to marry again
    client = TestClient(app)
    headers = {}
    with transaction(store_url) as session:
        for name, office, role in (
            ("chuxiong", "532301", "registrar"),
            ("nanhua", "532324", "registrar"),
            ("steward", "532301", "steward"),
            ("auditor", "532301", "auditor"),
        ):
            token = create_user(session, name=name, office_code=office, role=role)
            headers[name] = {"Authorization": f"Bearer {token}"}
    archive_marriage(store_url, male=groom(), female=bride(), day=date(2000, 5, 5), office="532301")
    return client, headers, store_url


def _marriage_id(url: str) -> int:
    with transaction(url) as session:
        return int(session.scalar(select(RecordRow.id).where(RecordRow.record_type == "marriage")))


def _event(kind: str, day: str, person: dict[str, Any], **extra: Any) -> dict[str, Any]:
    documents = {"death": "居民死亡医学证明", "court_divorce": "离婚判决书"}
    return {
        "type": kind,
        "date": day,
        "person": person,
        "evidence": {
            "document": documents.get(kind, "民事判决书"),
            "number": "(2020)云2301民初123号",
            "issuer": "楚雄市人民法院" if kind != "death" else "楚雄州人民医院",
        },
    } | extra


def _status(client: TestClient, headers: dict[str, str], who: dict[str, Any]) -> dict[str, Any]:
    response = client.get("/api/v1/status", params={"id_number": who["id_number"]}, headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _remarry(client: TestClient, headers: dict[str, str], **extra: Any) -> Any:
    body = case(day="2023-06-01", parties=[groom(**extra), NEW_WIFE])
    return client.post("/api/v1/registrations", json=body, headers=headers)


@pytest.mark.parametrize("kind", ["death", "court_divorce"])
def test_after_a_death_or_court_divorce_the_survivor_may_marry(api: Any, kind: str) -> None:
    client, headers, url = api
    registrar = headers["chuxiong"]
    before = _remarry(client, registrar)
    assert before.status_code == 422
    assert [d["rule"] for d in before.json()["error"]["details"]] == ["not-married"]

    who = {"id_number": (bride() if kind == "death" else groom())["id_number"]}
    entered = client.post("/api/v1/events", json=_event(kind, "2020-03-01", who), headers=registrar)
    assert entered.status_code == 201, entered.text
    stored = entered.json()
    assert stored["marriage_record_id"] == _marriage_id(url)
    assert "J532301-2000" in stored["archive_note"]

    expected = "widowed" if kind == "death" else "divorced"
    assert _status(client, registrar, groom())["status"] == expected
    declared = "丧偶" if kind == "death" else "离婚"
    after = _remarry(client, registrar, declared_status=declared)
    assert after.status_code == 201, after.text
    assert after.json()["parties"][0]["prior_status"] == declared
    doc = _status(client, registrar, groom())
    assert doc["status"] == "married"
    assert doc["flags"] == []
    assert [e["type"] for e in doc["events"]] == ["marriage", kind, "marriage"]


def test_the_dead_party_is_flagged_and_cannot_marry(api: Any) -> None:
    client, headers, _ = api
    registrar = headers["chuxiong"]
    who = {"id_number": bride()["id_number"]}
    client.post("/api/v1/events", json=_event("death", "2020-03-01", who), headers=registrar)
    doc = _status(client, registrar, bride())
    assert "deceased" in doc["flags"]
    assert doc["person"]["died_on"] == "2020-03-01"
    other = party("王强", "男", date(1990, 1, 1), seq=9)
    refused = client.post(
        "/api/v1/eligibility", json=case(parties=[other, bride()]), headers=registrar
    )
    assert refused.json()["decision"] == "not_eligible"


def test_the_event_shows_at_another_office_with_its_evidence(api: Any) -> None:
    client, headers, _ = api
    who = {"id_number": groom()["id_number"]}
    body = _event("court_divorce", "2019-09-09", who)
    assert client.post("/api/v1/events", json=body, headers=headers["chuxiong"]).status_code == 201
    doc = _status(client, headers["nanhua"], bride())
    event = next(e for e in doc["events"] if e["type"] == "court_divorce")
    assert event["evidence"]["document"] == "离婚判决书"
    assert event["spouse"]["name"] == groom()["name"]
    assert event["match"] == "id"
    assert doc["status"] == "divorced"


def test_a_declared_status_without_a_record_needs_verification(api: Any) -> None:
    client, headers, _ = api
    single = party("赵刚", "男", date(1990, 1, 1), seq=9, declared_status="丧偶")
    doc = client.post(
        "/api/v1/eligibility", json=case(parties=[single, NEW_WIFE]), headers=headers["chuxiong"]
    ).json()
    declared = next(r for r in doc["rules"] if r["rule"] == "declared-status")
    assert declared["passed"] is None
    assert doc["decision"] == "needs_verification"
    checked = case(parties=[single, NEW_WIFE], checked_documents=["死亡证明 2019-001"])
    doc = client.post("/api/v1/eligibility", json=checked, headers=headers["chuxiong"]).json()
    assert doc["decision"] == "eligible"


@pytest.mark.parametrize("kind", ["void", "annulment"])
def test_a_void_marriage_never_counted(api: Any, kind: str) -> None:
    client, headers, _ = api
    registrar = headers["chuxiong"]
    who = {"id_number": bride()["id_number"]}
    body = _event(kind, "2021-03-01", who)
    assert client.post("/api/v1/events", json=body, headers=registrar).status_code == 201
    assert _status(client, registrar, bride())["status"] == "unmarried"
    assert _remarry(client, registrar).status_code == 201


def test_a_bigamous_second_marriage_is_flagged_until_declared_void(api: Any) -> None:
    client, headers, url = api
    registrar = headers["chuxiong"]
    archive_marriage(url, male=groom(), female=NEW_WIFE, day=date(2010, 1, 1), key="b")
    assert _status(client, registrar, groom())["flags"] == ["bigamy"]
    with transaction(url) as session:
        second = session.scalar(
            select(RecordRow.id).where(RecordRow.registration_date == date(2010, 1, 1))
        )
    body = _event("void", "2012-01-01", {"id_number": NEW_WIFE["id_number"]})
    body["marriage_record_id"] = second
    assert client.post("/api/v1/events", json=body, headers=registrar).status_code == 201
    doc = _status(client, registrar, groom())
    assert doc["flags"] == []
    assert doc["status"] == "married"


def test_refusals(api: Any) -> None:
    client, headers, url = api
    registrar = headers["chuxiong"]
    who = {"id_number": groom()["id_number"]}

    def post(body: dict[str, Any], user: str = "chuxiong") -> Any:
        return client.post("/api/v1/events", json=body, headers=headers[user])

    assert post(_event("court_divorce", "1999-01-01", who)).status_code == 422  # before it
    assert post(_event("void", "2001-04-27", who)).status_code == 422  # no void marriages yet
    assert post(_event("court_divorce", "2999-01-01", who)).status_code == 422  # future
    assert post(_event("court_divorce", "2019-01-01", who), user="auditor").status_code == 403
    unknown = _event("court_divorce", "2019-01-01", who, marriage_record_id=999999)
    assert post(unknown).status_code == 404
    stranger = {"id_number": NEW_WIFE["id_number"]}
    assert post(_event("court_divorce", "2019-01-01", stranger)).status_code == 422
    named = _event("court_divorce", "2019-01-01", stranger, marriage_record_id=_marriage_id(url))
    assert post(named).status_code == 422  # not a party of it
    assert post(_event("court_divorce", "2019-01-01", who), user="steward").status_code == 201
    again = post(_event("court_divorce", "2019-02-02", who))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"
    with transaction(url) as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions.count("event_recorded") == 1
    assert actions.count("event_refused") == 7
    _ = registrar


def test_a_death_of_someone_the_store_has_no_marriage_of(api: Any) -> None:
    client, headers, _ = api
    lone = party("赵刚", "男", date(1950, 1, 1), seq=9)
    body = _event("death", "2020-01-01", {"id_number": lone["id_number"]})
    assert client.post("/api/v1/events", json=body, headers=headers["chuxiong"]).status_code == 201
    doc = _status(client, headers["nanhua"], lone)
    assert doc["flags"] == ["deceased"]
    assert [e["type"] for e in doc["events"]] == ["death"]


def test_a_marriage_linked_by_name_only_must_be_named(api: Any) -> None:
    client, headers, url = api
    he = party("钱进", "男", date(1940, 1, 1), id_number=None)
    she = party("孙梅", "女", date(1942, 1, 1), id_number=None)
    archive_marriage(url, male=he, female=she, day=date(1962, 1, 1), key="c")
    person = {"name": "钱进", "birth_date": "1940-01-01"}
    body = _event("death", "1990-01-01", person)
    guessed = client.post("/api/v1/events", json=body, headers=headers["chuxiong"])
    assert guessed.status_code == 422, guessed.text
    assert guessed.json()["error"]["code"] == "needs_verification"
    with transaction(url) as session:
        record_id = session.scalar(
            select(RecordRow.id).where(RecordRow.registration_date == date(1962, 1, 1))
        )
    named = client.post(
        "/api/v1/events", json=body | {"marriage_record_id": record_id}, headers=headers["steward"]
    )
    assert named.status_code == 201, named.text
    assert named.json()["role"] == "male"
