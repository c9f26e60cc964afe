"""Who may void or annul a marriage on which day, through ``POST /api/v1/events`` on SQLite and
PostgreSQL: only a court declares a marriage void; a registry office annulled a coerced
marriage from 2003-10-01 to 2020-12-31, a court before and since."""

from typing import Any

import pytest

from tests.registry.people import bride
from tests.registry.test_events import _event, api

__all__ = ["api"]

COURT = ("撤销婚姻判决书", "楚雄市人民法院")
REGISTRY = ("撤销婚姻决定书", "楚雄市民政局")

CASES = [
    # type, date, (document, issuer), expected status
    ("void", "2021-03-01", ("宣告婚姻无效判决书", "楚雄市人民法院"), 201),
    ("void", "2010-06-01", ("民事判决书", None), 201),
    ("void", "2010-06-01", ("宣告婚姻无效决定书", "楚雄市民政局"), 422),
    ("void", "2022-06-01", ("宣告婚姻无效决定书", None), 422),
    ("annulment", "2003-09-30", REGISTRY, 422),
    ("annulment", "2003-10-01", REGISTRY, 201),
    ("annulment", "2020-12-31", REGISTRY, 201),
    ("annulment", "2021-01-01", REGISTRY, 422),
    ("annulment", "2025-05-10", REGISTRY, 422),
    ("annulment", "2002-01-01", COURT, 201),
    ("annulment", "2003-09-30", COURT, 201),
    ("annulment", "2021-01-01", COURT, 201),
    ("annulment", "2021-01-01", ("证明", None), 422),
    ("annulment", "2010-01-01", ("撤销婚姻判决书", "楚雄市民政局"), 422),
]


@pytest.mark.parametrize(("kind", "day", "evidence", "expected"), CASES)
def test_the_deciding_authority_by_era(
    api: Any, kind: str, day: str, evidence: tuple[str, str | None], expected: int
) -> None:
    client, headers, _ = api
    document, issuer = evidence
    body = _event(kind, day, {"id_number": bride()["id_number"]})
    body["evidence"] = {"document": document, "number": "(2010)第1号", "issuer": issuer}
    response = client.post("/api/v1/events", json=body, headers=headers["chuxiong"])
    assert response.status_code == expected, response.text
    if expected == 422:
        error = response.json()["error"]
        assert error["code"] == "wrong_authority"
        # the reader is told in Chinese what the law allowed
        assert "机关" in error["message"] or "法院" in error["message"]
    else:
        assert response.json()["type"] == kind


def test_a_refused_registry_annulment_names_the_court_and_the_code(api: Any) -> None:
    client, headers, _ = api
    body = _event("annulment", "2022-02-02", {"id_number": bride()["id_number"]})
    body["evidence"] = {"document": REGISTRY[0], "number": "1", "issuer": REGISTRY[1]}
    message = client.post("/api/v1/events", json=body, headers=headers["chuxiong"]).json()
    assert message["error"]["message"] == (
        "2022-02-02 的撤销婚姻只能由人民法院作出（2001年修正婚姻法第十一条；"
        "民法典第一千零五十二条、第一千零五十三条），所附文书出自婚姻登记机关"
    )
