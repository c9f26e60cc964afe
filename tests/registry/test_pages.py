"""The server-rendered pages: sign-in, the registrar's forms, the auditor's log."""

import re
from collections.abc import Callable
from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.registry.people import archive_marriage, bride, groom, party

Headers = dict[str, str]


def signed_in(client: TestClient, headers: Headers) -> TestClient:
    token = headers["Authorization"].removeprefix("Bearer ")
    response = client.post("/login", data={"token": token}, follow_redirects=False)
    assert response.status_code == 303
    return client


def test_pages_send_a_browser_without_a_cookie_to_login(client: TestClient) -> None:
    response = client.get("/pages/status", headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"


def test_a_wrong_token_is_refused_on_the_login_page(client: TestClient) -> None:
    response = client.post("/login", data={"token": "wrong"})
    assert response.status_code == 401
    assert "令牌无效" in response.text


def test_registrar_registers_through_the_form(client: TestClient, registrar: Headers) -> None:
    signed_in(client, registrar)
    he, she = groom(), bride()
    form = {"kind": "marriage", "office_code": "532301", "date": "2023-06-01"}
    for prefix, person in (("m", he), ("f", she)):
        form |= {f"{prefix}_{key}": person[key] for key in ("name", "birth_date", "id_number")}
        form[f"{prefix}_hukou_code"] = person["hukou_code"]
    checked = client.post("/pages/eligibility", data=form)
    assert 'data-decision="eligible"' in checked.text
    summary = client.post("/pages/register", data=form)
    # the whole registration to confirm first: nothing is registered yet
    assert 'id="confirm-submit"' in summary.text and "J532301-2023-000001" not in summary.text
    assert he["name"] in summary.text and "532301 楚雄市民政局" in summary.text
    registered = client.post("/pages/register/confirm", data=form)
    assert "J532301-2023-000001" in registered.text
    assert 'id="print-table"' in registered.text and 'id="print-receipt"' in registered.text
    again = client.post("/pages/register/confirm", data=form)
    assert again.status_code == 422
    assert "已经登记" in again.text
    looked_up = client.post("/pages/status", data={"id_number": he["id_number"]})
    assert "已婚" in looked_up.text and he["name"] in looked_up.text
    assert he["id_number"] not in looked_up.text.replace(f'value="{he["id_number"]}"', "")


def test_form_errors_are_shown_not_raised(client: TestClient, registrar: Headers) -> None:
    signed_in(client, registrar)
    response = client.post("/pages/eligibility", data={"kind": "marriage", "office_code": "x"})
    assert response.status_code == 422
    assert 'class="error"' in response.text


def test_auditor_searches_the_log(
    client: TestClient, registrar: Headers, make_user: Callable[..., Headers]
) -> None:
    client.get("/api/v1/status", params={"id_number": groom()["id_number"]}, headers=registrar)
    auditor = signed_in(TestClient(client.app), make_user("auditor", role="auditor"))
    page = auditor.get("/pages/audit", params={"action": "status_query"})
    assert page.status_code == 200
    assert "registrar-532301" in page.text
    assert groom()["id_number"] not in page.text
    refused = auditor.get("/pages/status", headers={"Accept": "text/html"})
    assert refused.status_code == 403
    assert "无法完成" in refused.text


def test_registrar_sets_a_namesake_aside_on_the_form(
    client: TestClient, registrar: Headers, app: FastAPI
) -> None:
    he, she = groom(), bride()
    archive_marriage(
        app.state.db_url,
        male=groom(id_number=None),
        female=party("周芳", "女", date(1994, 2, 2), id_number=None),
        day=date(2016, 5, 5),
    )
    signed_in(client, registrar)
    form = {"kind": "marriage", "office_code": "532301", "date": "2023-06-01"}
    for prefix, person in (("m", he), ("f", she)):
        form |= {f"{prefix}_{key}": person[key] for key in ("name", "birth_date", "id_number")}
        form[f"{prefix}_hukou_code"] = person["hukou_code"]
    checked = client.post("/pages/eligibility", data=form)
    assert 'data-decision="needs_verification"' in checked.text
    record_id = re.search(r'name="verified_distinct" value="(\d+)"', checked.text)
    assert record_id is not None
    rechecked = client.post("/pages/eligibility", data=form | {"verified_distinct": record_id[1]})
    assert 'data-decision="eligible"' in rechecked.text
    assert f'type="hidden" name="verified_distinct" value="{record_id[1]}"' in rechecked.text


def test_appointment_book_refuses_when_full(client: TestClient, registrar: Headers) -> None:
    signed_in(client, registrar)
    day = {"day": "2024-05-02"}
    client.post("/pages/appointments", data=day | {"action": "quota", "daily_quota": "1"})
    booked = client.post("/pages/appointments", data=day | {"action": "book", "names": "甲、乙"})
    assert 'id="booked">1<' in booked.text
    full = client.post("/pages/appointments", data=day | {"action": "book", "names": "丙、丁"})
    assert full.status_code == 409
    assert "fully booked" in full.text


def test_the_form_keeps_every_field_of_the_party_in_the_record(
    client: TestClient, registrar: Headers, app: FastAPI
) -> None:
    from sqlalchemy import select

    from warehouse.db import transaction
    from warehouse.models import PartyRow

    signed_in(client, registrar)
    he, she = groom(), bride()
    form = {"kind": "marriage", "office_code": "532301", "date": "2023-06-01"}
    for prefix, person in (("m", he), ("f", she)):
        form |= {f"{prefix}_{key}": person[key] for key in ("name", "birth_date", "id_number")}
        form[f"{prefix}_hukou_code"] = person["hukou_code"]
    form |= {
        "m_declared_status": "未婚",
        "m_ethnicity": "彝族",
        "m_occupation": "教师",
        "m_education": "大学本科",
        "m_nationality": "中国",
        "m_hukou": "云南省楚雄彝族自治州楚雄市鹿城镇龙潭村委会",
    }
    assert "J532301-2023-000001" in client.post("/pages/register/confirm", data=form).text
    with transaction(app.state.db_url) as session:
        row = session.scalars(select(PartyRow).where(PartyRow.role == "male")).one()
        kept = (row.ethnicity, row.occupation, row.education, row.nationality, row.hukou)
        declared = row.prior_status
    assert kept == (
        "彝族",
        "教师",
        "大学本科",
        "中国",
        "云南省楚雄彝族自治州楚雄市鹿城镇龙潭村委会",
    )
    assert declared == "未婚"
