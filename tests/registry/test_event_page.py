"""The events page without a browser: what a wrong form says, and who may use it."""

from collections.abc import Callable

from fastapi.testclient import TestClient

Headers = dict[str, str]


def test_a_wrong_form_says_why(client: TestClient, make_user: Callable[..., Headers]) -> None:
    steward = make_user("steward", role="steward")
    assert client.get("/pages/events", headers=steward).status_code == 200
    response = client.post(
        "/pages/events", data={"type": "death", "date": "2021-01-01"}, headers=steward
    )
    assert response.status_code == 422
    assert "event-errors" in response.text
    unknown = client.post(
        "/pages/events",
        data={
            "type": "court_divorce",
            "date": "2021-01-01",
            "id_number": "532301199503040039",
            "document": "离婚判决书",
        },
        headers=steward,
    )
    assert unknown.status_code == 422
    assert "库中没有此人当日有效的婚姻" in unknown.text


def test_an_auditor_may_not_enter_events(
    client: TestClient, make_user: Callable[..., Headers]
) -> None:
    auditor = make_user("auditor", role="auditor")
    assert client.get("/pages/events", headers=auditor).status_code == 403
