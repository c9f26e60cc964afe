"""Live registration over HTTP: marriage, divorce with cooling-off, reissue, certificates."""

import datetime as dt
from collections.abc import Callable
from datetime import date
from typing import Any, cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from hunyin.domain.dates import office_today
from tests.registry.conftest import at_window
from tests.registry.people import archive_marriage, bride, case, groom, party
from warehouse.db import transaction
from warehouse.models import AuditEntry, FieldProvenance, PartyRow, PersonLink

Headers = dict[str, str]


@pytest.fixture
def app(store_app: FastAPI) -> FastAPI:
    """Every test of this module on SQLite and on PostgreSQL."""
    return store_app


def register(client: TestClient, headers: Headers, body: dict[str, Any]) -> Any:
    """Register at the window on the body's day (that day is today at the office)."""
    at_window(cast(FastAPI, client.app), body["date"])
    return client.post("/api/v1/registrations", json=body, headers=headers)


def test_marriage_gets_a_j_number_and_shows_in_every_office(
    client: TestClient, registrar: Headers, make_user: Callable[..., Headers]
) -> None:
    response = register(client, registrar, case(day="2023-06-01"))
    assert response.status_code == 201, response.text
    record = response.json()
    assert record["certificate_no"] == "J532301-2023-000001"
    assert record["source_kind"] == "live"
    elsewhere = make_user("registrar-532324", office="532324")
    status = client.get(
        "/api/v1/status", params={"id_number": groom()["id_number"]}, headers=elsewhere
    ).json()
    assert status["status"] == "married"
    assert status["events"][0]["certificate_no"] == "J532301-2023-000001"
    assert status["events"][0]["match"] == "id"


def test_serials_count_per_office_year_and_prefix(client: TestClient, registrar: Headers) -> None:
    numbers = []
    for seq, day in ((3, "2023-06-01"), (5, "2023-07-01"), (7, "2024-01-02")):
        he = party("张三", "男", date(1990, 1, 1), seq=seq)
        she = party("李四", "女", date(1991, 1, 1), seq=seq)
        response = register(client, registrar, case(day=day, parties=[he, she]))
        numbers.append(response.json()["certificate_no"])
    assert numbers == ["J532301-2023-000001", "J532301-2023-000002", "J532301-2024-000001"]


def test_serials_continue_after_archived_numbers(
    client: TestClient, registrar: Headers, app: Any
) -> None:
    old = party("周芳", "女", date(1994, 2, 2), seq=7)
    other = party("钱进", "男", date(1990, 2, 2), seq=9)
    archive_marriage(
        app.state.db_url, male=other, female=old, day=date(2023, 1, 5), office="532301"
    )
    response = register(client, registrar, case(day="2023-06-01"))
    assert response.json()["certificate_no"] > "J532301-2023-000001"


def test_second_marriage_of_the_same_person_is_refused_with_the_rule(
    client: TestClient, registrar: Headers
) -> None:
    assert register(client, registrar, case()).status_code == 201
    other = party("周芳", "女", date(1994, 2, 2), seq=7)
    response = register(client, registrar, case(parties=[groom(), other]))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "not_eligible"
    assert [d["rule"] for d in error["details"]] == ["not-married"]


def test_registrar_acts_only_for_own_office(client: TestClient, registrar: Headers) -> None:
    response = register(client, registrar, case(office="532324"))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_divorce_application_cooling_off_and_completion(
    client: TestClient, registrar: Headers
) -> None:
    assert register(client, registrar, case(day="2023-01-10")).status_code == 201
    applied = register(client, registrar, case("divorce", day="2023-03-01"))
    assert applied.status_code == 201, applied.text
    application = applied.json()["application"]
    assert application["state"] == "cooling_off"
    assert application["cooling_off_ends"] == "2023-03-31"
    # 2023-04-30 is a Sunday inside the Labour Day holiday (04-29 – 05-03): the next working day.
    assert application["complete_by"] == "2023-05-04"
    early = register(client, registrar, case("divorce", day="2023-03-31"))
    assert early.status_code == 422
    assert [d["rule"] for d in early.json()["error"]["details"]] == ["divorce-cooling-off"]
    done = register(client, registrar, case("divorce", day="2023-04-01"))
    assert done.status_code == 201, done.text
    assert done.json()["certificate_no"] == "L532301-2023-000001"
    assert done.json()["application"]["state"] == "completed"
    status = client.get(
        "/api/v1/status", params={"id_number": bride()["id_number"]}, headers=registrar
    )
    assert status.json()["status"] == "divorced"
    # Divorced, both may marry again.
    assert register(client, registrar, case(day="2023-05-01")).status_code == 201


def test_divorce_application_withdrawn_within_cooling_off(
    client: TestClient, registrar: Headers
) -> None:
    register(client, registrar, case(day="2023-01-10"))
    applied = register(client, registrar, case("divorce", day="2023-03-01")).json()
    url = f"/api/v1/divorce-applications/{applied['application']['application_id']}/withdraw"
    late = client.post(url, json={"date": "2023-04-01"}, headers=registrar)
    assert late.status_code == 409
    withdrawn = client.post(url, json={"date": "2023-03-20"}, headers=registrar)
    assert withdrawn.status_code == 200
    assert withdrawn.json()["state"] == "withdrawn"
    # Withdrawn: a divorce on the completion day is a new application, not a completion.
    again = register(client, registrar, case("divorce", day="2023-04-01"))
    assert again.json()["application"]["state"] == "cooling_off"


def test_divorce_application_lapses_after_the_completion_window(
    client: TestClient, registrar: Headers
) -> None:
    register(client, registrar, case(day="2023-01-10"))
    first = register(client, registrar, case("divorce", day="2023-03-01")).json()
    # The completion window ran to 2023-05-04 (its last day fell in the Labour Day holiday).
    late = register(client, registrar, case("divorce", day="2023-05-05"))
    assert late.status_code == 201
    assert late.json()["application"]["application_id"] != first["application"]["application_id"]
    old = client.get(
        f"/api/v1/divorce-applications/{first['application']['application_id']}",
        headers=registrar,
    )
    assert old.json()["state"] == "lapsed"


def test_reissue_only_at_the_original_office(
    client: TestClient, registrar: Headers, make_user: Callable[..., Headers]
) -> None:
    register(client, registrar, case(day="2023-01-10"))
    elsewhere = make_user("registrar-532324", office="532324")
    refused = register(client, elsewhere, case("reissue", office="532324", day="2024-02-01"))
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["rule"] == "reissue-office"
    body = case("reissue", day="2024-02-01")
    reissued = register(client, registrar, body)
    assert reissued.status_code == 201, reissued.text
    assert reissued.json()["certificate_no"] == "BJ532301-2024-000001"


def test_refusals_are_audited_too(client: TestClient, registrar: Headers, app: Any) -> None:
    register(client, registrar, case(day="2023-01-10"))
    register(client, registrar, case(day="2023-01-11"))
    with transaction(app.state.db_url) as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["registration", "registration_refused"]


def test_a_verified_namesake_no_longer_blocks_the_registration(
    client: TestClient, registrar: Headers, app: Any
) -> None:
    archive_marriage(
        app.state.db_url,
        male=groom(id_number=None),
        female=party("周芳", "女", date(1994, 2, 2), id_number=None),
        day=date(2016, 5, 5),
    )
    held = register(client, registrar, case())
    assert held.status_code == 422
    assert held.json()["error"]["code"] == "needs_verification"
    candidate = held.json()["error"]["details"][0]["candidates"][0]["record_id"]
    verified = register(client, registrar, case(verified_distinct=[candidate]))
    assert verified.status_code == 201, verified.text


def test_a_live_registration_is_dated_today_at_the_office(
    client: TestClient, registrar: Headers
) -> None:
    # Finding: a live marriage dated three years back got J532301-2020-…; so would a future one.
    for day in ("2020-06-01", "2999-01-01"):
        response = client.post("/api/v1/registrations", json=case(day=day), headers=registrar)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "not_today"
    undated = case()
    del undated["date"]
    made = client.post("/api/v1/registrations", json=undated, headers=registrar)
    assert made.status_code == 201, made.text
    assert made.json()["certificate_no"].startswith("J532301-2023-")


def test_the_offices_today_is_china_standard_time() -> None:
    before = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=8)).date()
    today = office_today()
    after = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=8)).date()
    assert today in (before, after)


def test_a_divorce_before_2021_needs_no_cooling_off(client: TestClient, registrar: Headers) -> None:
    assert register(client, registrar, case(day="2019-01-10")).status_code == 201
    divorced = register(client, registrar, case("divorce", day="2020-06-01"))
    assert divorced.status_code == 201, divorced.text
    assert divorced.json()["certificate_no"] == "L532301-2020-000001"
    assert divorced.json()["application"] is None


def test_a_live_party_joins_the_person_holding_its_number(
    client: TestClient, registrar: Headers, app: Any
) -> None:
    # An archived marriage and divorce of the groom, under the number he shows at the window.
    url = app.state.db_url
    earlier = party("王芳", "女", date(1994, 2, 2), seq=4)
    archive_marriage(url, male=groom(), female=earlier, day=date(2018, 5, 1), key="m")
    archive_marriage(
        url, male=groom(), female=earlier, day=date(2020, 5, 1), kind="divorce", key="d"
    )
    response = register(client, registrar, case(day="2023-06-01"))
    assert response.status_code == 201, response.text
    status = client.get(
        "/api/v1/status", params={"id_number": groom()["id_number"]}, headers=registrar
    ).json()
    assert [(e["type"], e["match"]) for e in status["events"]] == [
        ("marriage", "id"),
        ("divorce", "id"),
        ("marriage", "id"),
    ]
    assert status["status"] == "married"
    with transaction(url) as session:
        persons = session.scalars(
            select(PersonLink.person_id)
            .join(PartyRow, PartyRow.id == PersonLink.party_id)
            .where(PartyRow.id18 == groom()["id_number"])
        ).all()
    assert len(persons) == 3 and len(set(persons)) == 1


def test_a_live_record_keeps_every_field_its_nationality_and_links_by_number(
    client: TestClient, registrar: Headers, app: Any
) -> None:
    body = case(day="2023-06-01", parties=[groom(nationality="中国"), bride()])
    response = register(client, registrar, body)
    assert response.status_code == 201, response.text
    record_id = response.json()["record_id"]
    with transaction(app.state.db_url) as session:
        parties = {
            p.role: p
            for p in session.scalars(select(PartyRow).where(PartyRow.record_id == record_id))
        }
        provenance = dict(
            session.execute(
                select(FieldProvenance.field, FieldProvenance.value).where(
                    FieldProvenance.record_id == record_id, FieldProvenance.engine == "live"
                )
            ).all()
        )
        links = session.execute(
            select(PersonLink.party_id, PersonLink.match).where(
                PersonLink.party_id.in_([p.id for p in parties.values()])
            )
        ).all()
    assert (parties["male"].nationality, parties["female"].nationality) == ("中国", None)
    assert provenance["male.name"] == "张伟" and provenance["female.name"] == "李娜"
    assert provenance["certificate_no"] == response.json()["certificate_no"]
    assert sorted(m for _, m in links) == ["id", "id"]
