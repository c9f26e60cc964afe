"""The rules as the law has them, on both sides of each date, each residency and each holiday
edge, over HTTP on SQLite and PostgreSQL: foreign-related cases, reissue by era and its
conditions, divorce of a marriage outside the store, archive access per record, cooling-off."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from registry.app import create_app
from registry.users import create_user
from tests.registry.conftest import at_window
from tests.registry.people import archive_marriage, bride, case, groom, party
from warehouse.db import transaction
from warehouse.models import RecordRow

OFFICES = ("532301", "532324", "532326", "532300", "530100")


class Api:
    """A client with a registrar of each office."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.client = TestClient(create_app(db_url=url))
        self.auth: dict[str, dict[str, str]] = {}
        with transaction(url) as session:
            for office in OFFICES:
                token = create_user(
                    session, name=f"r{office}", office_code=office, role="registrar"
                )
                self.auth[office] = {"Authorization": f"Bearer {token}"}

    def post(self, path: str, body: dict[str, Any]) -> Any:
        if path == "/api/v1/registrations":
            # A live registration is dated today: the service's clock is set to the case's day.
            at_window(self.client.app, body["date"])  # type: ignore[arg-type]
        return self.client.post(path, json=body, headers=self.auth[body["office_code"]])

    def decide(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.post("/api/v1/eligibility", body)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def record_id(self, day: date) -> int:
        with transaction(self.url) as session:
            found = session.scalar(select(RecordRow.id).where(RecordRow.registration_date == day))
        assert found is not None
        return int(found)


@pytest.fixture
def api(store_url: str) -> Api:
    return Api(store_url)


def verdict(doc: dict[str, Any], rule: str) -> bool | None:
    return next(r["passed"] for r in doc["rules"] if r["rule"] == rule)


def outsider(residency: str) -> dict[str, Any]:
    return party("玛丽", "女", date(1976, 1, 2), hukou=None, id_number=None, residency=residency)


# Of age on every date asked about, 2003 included.
ELDER = party("张伟", "男", date(1970, 3, 4), hukou="532301")
ELDER_BRIDE = party("李娜", "女", date(1975, 8, 9), seq=2)


@pytest.mark.parametrize("day", ["2003-09-30", "2003-10-01", "2025-05-09", "2025-05-10"])
@pytest.mark.parametrize(
    ("residency", "office", "decision"),
    [
        ("hk", "532301", "not_eligible"),  # the groom's hukou office: still not county business
        ("hk", "532300", "eligible"),
        ("macau", "532300", "eligible"),
        ("overseas_chinese", "532300", "eligible"),
        ("foreign", "532300", "eligible"),
        ("foreign", "530100", "not_eligible"),
        ("taiwan", "532300", "not_eligible"),
        ("taiwan", "530100", "eligible"),
        ("taiwan", "532301", "not_eligible"),
        ("mainland", "532301", "eligible"),
    ],
)
def test_foreign_related_cases_only_at_the_designated_office(
    api: Api, day: str, residency: str, office: str, decision: str
) -> None:
    other = ELDER_BRIDE if residency == "mainland" else outsider(residency)
    doc = api.decide(case(day=day, office=office, parties=[ELDER, other]))
    assert doc["decision"] == decision
    expected = None if residency == "mainland" else decision == "eligible"
    assert verdict(doc, "foreign-related-designated") is expected


@pytest.mark.parametrize(
    ("day", "office", "decision", "message"),
    [
        ("2003-09-30", "532324", "eligible", "原登记机关"),
        ("2003-09-30", "532301", "not_eligible", "原登记机关"),  # hukou office: not yet
        ("2003-10-01", "532301", "eligible", "户籍地"),
        ("2025-05-09", "532301", "eligible", "户籍地"),
        ("2025-05-09", "532326", "not_eligible", "既非"),
        ("2025-05-10", "532326", "eligible", "任一"),  # 全国通办
    ],
)
def test_reissue_office_by_era(
    api: Api, day: str, office: str, decision: str, message: str
) -> None:
    archive_marriage(api.url, male=groom(), female=bride(), day=date(1999, 5, 5), office="532324")
    doc = api.decide(case("reissue", day=day, office=office))
    rule = next(r for r in doc["rules"] if r["rule"] == "reissue-office")
    assert doc["decision"] == decision, doc
    assert message in rule["message"]


def test_a_reissue_names_the_registered_couple(api: Api) -> None:
    archive_marriage(api.url, male=groom(), female=bride(), day=date(1999, 5, 5), office="532301")
    stranger = party("周芳", "女", date(1994, 2, 2), seq=7)
    body = case("reissue", day="2024-02-01", parties=[groom(), stranger])
    doc = api.decide(body)
    assert verdict(doc, "reissue-conditions") is False
    assert api.post("/api/v1/registrations", body).status_code == 422
    alone = api.decide(case("reissue", day="2024-02-01", parties=[groom()]))
    assert verdict(alone, "reissue-conditions") is False
    both = api.post("/api/v1/registrations", case("reissue", day="2024-02-01"))
    assert both.status_code == 201, both.text
    assert both.json()["certificate_no"].startswith("BJ532301-2024-")


def test_no_marriage_certificate_once_the_marriage_ended(api: Api) -> None:
    archive_marriage(api.url, male=groom(), female=bride(), day=date(1999, 5, 5), office="532301")
    marriage = api.record_id(date(1999, 5, 5))
    death = {
        "type": "death",
        "date": "2020-01-01",
        "person": {"id_number": bride()["id_number"]},
        "evidence": {"document": "居民死亡医学证明"},
    }
    assert (
        api.client.post("/api/v1/events", json=death, headers=api.auth["532301"]).status_code == 201
    )
    doc = api.decide(case("reissue", day="2024-02-01", record_id=marriage))
    assert verdict(doc, "reissue-conditions") is False
    assert "婚姻登记记录证明" in next(
        r["message"] for r in doc["rules"] if r["rule"] == "reissue-conditions"
    )


def test_a_record_without_id_numbers_is_reissued_after_verification(api: Api) -> None:
    he = groom(id_number=None)
    she = bride(id_number=None)
    archive_marriage(api.url, male=he, female=she, day=date(1980, 5, 5), office="532301")
    record_id = api.record_id(date(1980, 5, 5))
    body = case("reissue", day="2024-02-01", record_id=record_id)
    doc = api.decide(body)
    assert doc["decision"] == "needs_verification"
    rule = next(r for r in doc["rules"] if r["rule"] == "reissue-conditions")
    assert [c["record_id"] for c in rule["candidates"]] == [record_id]
    confirmed = api.post("/api/v1/registrations", body | {"verified_records": [record_id]})
    assert confirmed.status_code == 201, confirmed.text
    assert confirmed.json()["certificate_no"].startswith("BJ")


@pytest.mark.parametrize(
    ("day", "decision", "passed"),
    [("2025-05-09", "not_eligible", False), ("2025-05-10", "needs_verification", None)],
)
def test_divorce_of_a_marriage_outside_the_store(
    api: Api, day: str, decision: str, passed: bool | None
) -> None:
    doc = api.decide(case("divorce", day=day))
    assert verdict(doc, "married-to-each-other") is passed
    assert doc["decision"] == decision


def test_a_checked_certificate_settles_a_marriage_outside_the_store(api: Api) -> None:
    body = case("divorce", day="2025-06-03", checked_documents=["结婚证 J530102-2015-000123"])
    assert verdict(api.decide(body), "married-to-each-other") is True


def test_archive_access_follows_the_record_asked_for(api: Api) -> None:
    archive_marriage(api.url, male=groom(), female=bride(), day=date(1999, 5, 5), office="532324")
    archive_marriage(
        api.url,
        male=groom(),
        female=bride(),
        day=date(2010, 5, 5),
        office="532301",
        kind="divorce",
        key="b",
    )
    marriage, divorce = api.record_id(date(1999, 5, 5)), api.record_id(date(2010, 5, 5))

    def passed(office: str, record_id: int | None) -> bool | None:
        body = case("archive_access", office=office, day="2024-01-01", parties=[groom()])
        return verdict(api.decide(body | {"record_id": record_id}), "original-office-archive")

    assert passed("532324", marriage) is True
    assert passed("532324", divorce) is False  # the person's latest record is not the file
    assert passed("532301", divorce) is True
    assert passed("532301", None) is False  # two files: the request must name one


def _married(api: Api) -> None:
    response = api.post("/api/v1/registrations", case(day="2022-06-01"))
    assert response.status_code == 201, response.text


def _apply(api: Api, day: str) -> dict[str, Any]:
    applied = api.post("/api/v1/registrations", case("divorce", day=day))
    assert applied.status_code == 201, applied.text
    return dict(applied.json()["application"])


@pytest.mark.parametrize(
    ("applied_on", "cooling_ends", "complete_by"),
    [
        ("2023-03-01", "2023-03-31", "2023-05-04"),  # completion ends in the Labour Day holiday
        ("2023-01-06", "2023-02-06", "2023-03-08"),  # cooling-off's last day a Sunday
        ("2024-09-01", "2024-10-08", "2024-11-07"),  # last day inside the National Day week
        ("2024-09-12", "2024-10-12", "2024-11-11"),  # a make-up working Saturday stays
    ],
)
def test_cooling_off_over_rest_days(
    api: Api, applied_on: str, cooling_ends: str, complete_by: str
) -> None:
    _married(api)
    application = _apply(api, applied_on)
    assert (application["cooling_off_ends"], application["complete_by"]) == (
        cooling_ends,
        complete_by,
    )


def test_withdrawal_on_the_monday_after_a_sunday_deadline(api: Api) -> None:
    _married(api)
    application = _apply(api, "2023-01-06")
    url = f"/api/v1/divorce-applications/{application['application_id']}/withdraw"
    elsewhere = api.client.post(url, json={"date": "2023-02-06"}, headers=api.auth["532324"])
    assert elsewhere.status_code == 403  # only the office that received it
    late = api.client.post(url, json={"date": "2023-02-07"}, headers=api.auth["532301"])
    assert late.status_code == 409
    monday = api.client.post(url, json={"date": "2023-02-06"}, headers=api.auth["532301"])
    assert monday.status_code == 200, monday.text


def test_completion_only_at_the_receiving_office(api: Api) -> None:
    _married(api)
    _apply(api, "2023-01-06")
    early = api.post("/api/v1/registrations", case("divorce", day="2023-02-06"))
    assert early.status_code == 422  # the Monday is still cooling-off
    body = case("divorce", day="2025-05-10", office="532324")
    doc = api.decide(body | {"date": "2023-02-07"})
    assert verdict(doc, "divorce-cooling-off") is False
    done = api.post("/api/v1/registrations", case("divorce", day="2023-02-07"))
    assert done.status_code == 201, done.text
