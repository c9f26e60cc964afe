"""A revoked declaration of death (民法典 art. 51), entered through ``POST /api/v1/events`` and
the events page, read by status, bigamy (the registry's and the store's cross-record check)
and eligibility, on SQLite and PostgreSQL: the marriage revives unless the survivor married
again between the declaration and its revocation."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from tests.registry.people import archive_marriage, bride, case, groom, party
from tests.registry.test_events import NEW_WIFE, _status, api
from validation.cross import check_store
from warehouse.db import transaction
from warehouse.models import RecordRow

__all__ = ["api"]

HER = {"id_number": bride()["id_number"]}
DECLARED = {
    "document": "宣告死亡判决书",
    "number": "(2015)云2301民特1号",
    "issuer": "楚雄市人民法院",
}
REVOKING = {
    "document": "撤销死亡宣告判决书",
    "number": "(2018)云2301民特9号",
    "issuer": "楚雄市人民法院",
}
SUITOR = party("王强", "男", date(1990, 1, 1), seq=9)


def _post(
    client: Any,
    headers: dict[str, str],
    kind: str,
    day: str,
    who: dict[str, Any],
    evidence: dict[str, str],
) -> Any:
    body = {"type": kind, "date": day, "person": who, "evidence": evidence}
    return client.post("/api/v1/events", json=body, headers=headers)


def _decision(client: Any, headers: dict[str, str], parties: list[dict[str, Any]]) -> Any:
    body = case(parties=parties)
    return client.post("/api/v1/eligibility", json=body, headers=headers).json()


def _bigamy_findings(url: str) -> list[str]:
    with transaction(url) as session:
        return [i.rule for i in check_store(session) if i.rule == "bigamy"]


# survivor's remarriage (date or None), then what each side reads after the revocation
CASES = [
    # no remarriage: the marriage revives, both are married to each other again
    (None, "married", "married", False),
    # the survivor married again before the revocation: the first marriage stays dissolved
    (date(2016, 6, 1), "married", "divorced", True),
    # a remarriage on the day of the revocation still comes first (民法典 art. 51: 再婚)
    (date(2018, 1, 1), "married", "divorced", True),
]


@pytest.mark.parametrize(("remarried", "survivor", "returned", "she_may_marry"), CASES)
def test_a_revoked_declaration_of_death(
    api: Any, remarried: date | None, survivor: str, returned: str, she_may_marry: bool
) -> None:
    client, headers, url = api
    registrar = headers["chuxiong"]
    assert _post(client, registrar, "death", "2015-01-01", HER, DECLARED).status_code == 201
    assert _status(client, registrar, groom())["status"] == "widowed"
    assert "deceased" in _status(client, registrar, bride())["flags"]
    if remarried is not None:
        archive_marriage(url, male=groom(), female=NEW_WIFE, day=remarried, key="b")

    revoked = _post(client, headers["nanhua"], "death_revoked", "2018-01-01", HER, REVOKING)
    assert revoked.status_code == 201, revoked.text
    assert revoked.json()["type"] == "death_revoked"
    assert "撤销死亡宣告" in revoked.json()["archive_note"]

    him, her = _status(client, registrar, groom()), _status(client, registrar, bride())
    assert (him["status"], her["status"]) == (survivor, returned)
    assert "deceased" not in her["flags"] and her["person"].get("died_on") is None
    assert him["flags"] == [] and her["flags"] == []
    revocation = next(e for e in her["events"] if e["type"] == "death_revoked")
    assert revocation["revives"] is (remarried is None)
    # the survivor's first marriage is in force again only when it revived
    assert (
        _decision(client, registrar, [groom(), party("周敏", "女", date(1993, 3, 3), seq=8)])[
            "decision"
        ]
        == "not_eligible"
    )
    she = _decision(client, registrar, [SUITOR, bride()])
    assert (she["decision"] == "eligible") is she_may_marry, she
    assert _bigamy_findings(url) == []


def test_a_remarriage_after_the_revocation_is_bigamy(api: Any) -> None:
    client, headers, url = api
    registrar = headers["chuxiong"]
    _post(client, registrar, "death", "2015-01-01", HER, DECLARED)
    _post(client, registrar, "death_revoked", "2018-01-01", HER, REVOKING)
    archive_marriage(url, male=groom(), female=NEW_WIFE, day=date(2019, 1, 1), key="b")
    assert _status(client, registrar, groom())["flags"] == ["bigamy"]
    assert _bigamy_findings(url) == ["bigamy"]


def test_without_the_revocation_the_remarriage_is_no_bigamy(api: Any) -> None:
    client, headers, url = api
    registrar = headers["chuxiong"]
    _post(client, registrar, "death", "2015-01-01", HER, DECLARED)
    archive_marriage(url, male=groom(), female=NEW_WIFE, day=date(2019, 1, 1), key="b")
    assert _status(client, registrar, groom())["flags"] == []
    assert _bigamy_findings(url) == []


REFUSALS = [
    # what was entered before, the revocation, and the code of the refusal
    (None, ("2018-01-01", REVOKING), 422, "invalid"),  # no declaration in the store
    (("2015-01-01", DECLARED), ("2014-01-01", REVOKING), 422, "invalid"),  # before it
    (
        ("2015-01-01", {"document": "居民死亡医学证明", "issuer": "楚雄州人民医院"}),
        ("2018-01-01", REVOKING),
        422,
        "invalid",
    ),  # an actual death is never revoked
    (
        ("2015-01-01", DECLARED),
        ("2018-01-01", {"document": "撤销死亡宣告决定书", "issuer": "楚雄市民政局"}),
        422,
        "wrong_authority",
    ),  # only a court revokes it
]


@pytest.mark.parametrize(("death", "revocation", "status", "code"), REFUSALS)
def test_refused_revocations(
    api: Any,
    death: tuple[str, dict[str, str]] | None,
    revocation: tuple[str, dict[str, str]],
    status: int,
    code: str,
) -> None:
    client, headers, _ = api
    registrar = headers["chuxiong"]
    if death is not None:
        assert _post(client, registrar, "death", death[0], HER, death[1]).status_code == 201
    refused = _post(client, registrar, "death_revoked", revocation[0], HER, revocation[1])
    assert refused.status_code == status, refused.text
    assert refused.json()["error"]["code"] == code


def test_a_revocation_entered_twice_conflicts(api: Any) -> None:
    client, headers, _ = api
    registrar = headers["chuxiong"]
    _post(client, registrar, "death", "2015-01-01", HER, DECLARED)
    assert _post(client, registrar, "death_revoked", "2018-01-01", HER, REVOKING).status_code == 201
    assert _post(client, registrar, "death_revoked", "2018-02-01", HER, REVOKING).status_code == 409


def test_the_page_records_a_revocation(api: Any) -> None:
    client, headers, url = api
    steward = headers["steward"]
    _post(client, steward, "death", "2015-01-01", HER, DECLARED)
    with transaction(url) as session:
        marriage = session.scalar(select(RecordRow.id).where(RecordRow.record_type == "marriage"))
    form = {
        "type": "death_revoked",
        "date": "2018-01-01",
        "id_number": HER["id_number"],
        "marriage_record_id": str(marriage),
        "document": REVOKING["document"],
        "number": REVOKING["number"],
        "issuer": REVOKING["issuer"],
    }
    page = client.post("/pages/events", data=form, headers={**steward, "Accept": "text/html"})
    assert page.status_code == 200, page.text
    assert "已录入：撤销死亡宣告（2018-01-01）" in page.text
    assert _status(client, headers["nanhua"], groom())["status"] == "married"
