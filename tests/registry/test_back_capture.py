"""A steward's back-capture of a past registration: its own path and audit, never the window's,
checked by the record rules, stored as a back-capture and in the person index at once."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.registry.people import bride, case, groom, party
from warehouse.db import transaction
from warehouse.models import AuditEntry, RecordRow

Headers = dict[str, str]
URL = "/api/v1/back-captures"


@pytest.fixture
def app(store_app: FastAPI) -> FastAPI:
    """Every test of this module on SQLite and on PostgreSQL."""
    return store_app


@pytest.fixture
def steward(make_user: Callable[..., Headers]) -> Headers:
    return make_user("steward-532301", role="steward")


def paper(kind: str = "marriage", *, day: str = "2018-05-20", **extra: Any) -> dict[str, Any]:
    """A back-capture body: the couple of ``people`` registered on ``day``."""
    prefix = "J" if kind == "marriage" else "L"
    return {
        "kind": kind,
        "office_code": "532301",
        "date": day,
        "certificate_no": f"{prefix}532301-{day[:4]}-000123",
        "registrar": "王登记",
        "parties": [groom(), bride()],
        "source": "当事人持结婚证原件，复印件存档案室",
    } | extra


def _audit(app: Any) -> list[tuple[str, str | None]]:
    with transaction(app.state.db_url) as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.purpose).order_by(AuditEntry.id)
        )
        return [(action, purpose) for action, purpose in rows]


def _status(client: TestClient, headers: Headers) -> dict[str, Any]:
    params = {"id_number": groom()["id_number"]}
    response = client.get("/api/v1/status", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_past_marriage_is_stored_marked_and_linked(
    app: Any, client: TestClient, steward: Headers, registrar: Headers
) -> None:
    made = client.post(URL, json=paper(), headers=steward)
    assert made.status_code == 201, made.text
    doc = made.json()
    assert doc["source_kind"] == "back_capture"
    assert doc["certificate_no"] == "J532301-2018-000123"
    assert doc["registration_date"] == "2018-05-20"
    assert doc["registrar"] == "王登记"
    assert groom()["id_number"] not in made.text
    # The person index is current when the answer comes: both parties linked by number.
    assert sorted(p["role"] for p in doc["persons"]) == ["female", "male"]
    assert all(p["person_id"] and p["match"] == "id" for p in doc["persons"])
    status = _status(client, registrar)
    assert status["status"] == "married"
    assert [e["certificate_no"] for e in status["events"]] == ["J532301-2018-000123"]
    with transaction(app.state.db_url) as session:
        row = session.get(RecordRow, doc["record_id"])
        assert row is not None and (row.source_kind, row.status) == ("back_capture", "accepted")
    assert _audit(app)[0] == ("back_capture", "补录历史登记")
    # The window then refuses the groom a second marriage.
    other = party("周芳", "女", date(1994, 2, 2), seq=7)
    again = client.post(
        "/api/v1/registrations", json=case(parties=[groom(), other]), headers=registrar
    )
    assert again.status_code == 422
    assert [d["rule"] for d in again.json()["error"]["details"]] == ["not-married"]


def test_a_past_divorce_ends_the_marriage(
    client: TestClient, steward: Headers, registrar: Headers
) -> None:
    assert client.post(URL, json=paper(day="2015-03-01"), headers=steward).status_code == 201
    divorced = client.post(URL, json=paper("divorce", day="2019-09-09"), headers=steward)
    assert divorced.status_code == 201, divorced.text
    assert _status(client, registrar)["status"] == "divorced"
    assert client.post("/api/v1/registrations", json=case(), headers=registrar).status_code == 201


@pytest.mark.parametrize("day", ["2023-06-01", "2023-06-02", "2999-01-01"])
def test_only_the_past_is_back_captured(
    app: Any, client: TestClient, steward: Headers, day: str
) -> None:
    refused = client.post(URL, json=paper(day=day), headers=steward)
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "not_past"
    assert _audit(app) == [("back_capture_refused", "补录历史登记")]


def test_the_record_rules_apply(app: Any, client: TestClient, steward: Headers) -> None:
    # Before the 1950 Marriage Law; a certificate number of another year than the day's.
    for body, rule in (
        (paper(day="1949-12-01", certificate_no="婚字第12号"), "date-too-early"),
        (paper(certificate_no="J532301-2017-000123"), "cert-year"),
    ):
        refused = client.post(URL, json=body, headers=steward)
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["code"] == "invalid_record"
        assert rule in [d["rule"] for d in refused.json()["error"]["details"]]
    assert [a for a, _ in _audit(app)] == ["back_capture_refused"] * 2


@pytest.mark.parametrize("name", ["   ", "张\x00伟", "李\n娜"])
def test_names_and_notes_are_checked_as_at_the_window(
    client: TestClient, steward: Headers, name: str
) -> None:
    for body in (
        paper(parties=[groom() | {"name": name}, bride()]),
        paper(certificate_no=name),
        paper(source=name),
    ):
        refused = client.post(URL, json=body, headers=steward)
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["code"] == "invalid"


def test_the_same_registration_twice_is_a_conflict(
    client: TestClient, steward: Headers, registrar: Headers
) -> None:
    assert client.post(URL, json=paper(), headers=steward).status_code == 201
    again = client.post(URL, json=paper(source="另一份复印件"), headers=steward)
    assert again.status_code == 409
    assert len(_status(client, registrar)["events"]) == 1


def test_stewards_of_the_office_and_admins_only(
    client: TestClient, make_user: Callable[..., Headers], registrar: Headers
) -> None:
    for headers in (
        registrar,
        make_user("auditor", role="auditor"),
        make_user("archivist", role="archivist"),
        make_user("steward-532324", office="532324", role="steward"),
    ):
        assert client.post(URL, json=paper(), headers=headers).status_code == 403
    admin = make_user("admin", office="532324", role="admin")
    assert client.post(URL, json=paper(), headers=admin).status_code == 201


def _form(body: dict[str, Any]) -> dict[str, str]:
    """The page's form for an API body."""
    fields = {k: v for k, v in body.items() if isinstance(v, str)}
    for prefix, p in zip(("m", "f"), body["parties"], strict=True):
        fields |= {f"{prefix}_{k}": v for k, v in p.items() if k != "sex" and v}
    return fields


def test_the_stewards_page_stores_it_and_never_shows_a_number_back(
    app: Any, client: TestClient, steward: Headers, registrar: Headers
) -> None:
    page = client.get("/pages/back-capture", headers=steward)
    assert page.status_code == 200 and "补录历史登记" in page.text
    assert "依据文书及存放处" in page.text and "证号" in page.text
    assert 'href="/pages/back-capture"' in client.get("/", headers=steward).text
    assert client.get("/pages/back-capture", headers=registrar).status_code == 403
    number = groom()["id_number"]
    refused = client.post(
        "/pages/back-capture", data=_form(paper(day="2999-01-01")), headers=steward
    )
    assert refused.status_code == 422 and "不早于今天" in refused.text
    assert number not in refused.text
    stored = client.post("/pages/back-capture", data=_form(paper()), headers=steward)
    assert stored.status_code == 200, stored.text
    assert 'id="back-capture-stored"' in stored.text and "J532301-2018-000123" in stored.text
    assert number not in stored.text
    assert _status(client, registrar)["status"] == "married"
    assert [a for a, _ in _audit(app)][:2] == ["back_capture_refused", "back_capture"]
