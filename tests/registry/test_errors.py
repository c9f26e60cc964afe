"""One error shape on every endpoint: no token, bad input, unknown path, wrong method."""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from tests.registry.people import case, groom

Headers = dict[str, str]
# The only routes that answer without a token.
OPEN = {
    "/healthz",
    "/login",
    "/logout",
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
}


def assert_error_shape(response: Response, *statuses: int) -> dict[str, Any]:
    assert response.status_code in statuses, (response.status_code, response.text)
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert isinstance(error["code"], str) and error["message"]
    assert isinstance(error["details"], list)
    return error


def operations(app: FastAPI) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(method, path with every path parameter set to 0, OpenAPI operation) of the API."""
    for path, methods in app.openapi()["paths"].items():
        for method, operation in methods.items():
            if path not in OPEN:
                yield method.upper(), re.sub(r"\{[^}]+\}", "0", path), operation


def test_every_endpoint_needs_a_token(app: FastAPI, client: TestClient) -> None:
    seen = 0
    for method, path, _ in operations(app):
        assert_error_shape(client.request(method, path), 401)
        seen += 1
    assert seen >= 12


def test_every_endpoint_answers_bad_input_in_the_error_shape(
    app: FastAPI, client: TestClient, make_user: Callable[..., Headers]
) -> None:
    admin = make_user("admin", role="admin")
    for method, path, operation in operations(app):
        query = {
            p["name"]: "not-valid!" for p in operation.get("parameters", []) if p["in"] == "query"
        }
        body = {"content": b"{not json", "headers": admin | {"Content-Type": "application/json"}}
        extra = body if "requestBody" in operation else {"headers": admin}
        response = client.request(method, path, params=query, **extra)
        assert_error_shape(response, 400, 404, 422)


def test_malformed_json_is_a_400(client: TestClient, registrar: Headers) -> None:
    response = client.post(
        "/api/v1/eligibility",
        content=b'{"kind": "marriage",',
        headers=registrar | {"Content-Type": "application/json"},
    )
    assert assert_error_shape(response, 400)["code"] == "malformed_json"


def test_unknown_paths_and_methods(client: TestClient, registrar: Headers) -> None:
    assert_error_shape(client.get("/api/v1/nothing-here", headers=registrar), 404)
    assert_error_shape(client.delete("/api/v1/eligibility", headers=registrar), 405)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"office_code": "999999"}, "office_code"),
        ({"date": "2023-02-30"}, "date"),
        ({"kind": "adoption"}, "kind"),
        ({"parties": []}, "parties"),
    ],
)
def test_bad_fields_are_422_with_their_place(
    client: TestClient, registrar: Headers, change: dict[str, Any], where: str
) -> None:
    response = client.post("/api/v1/eligibility", json=case() | change, headers=registrar)
    error = assert_error_shape(response, 422)
    assert any(where in detail["loc"] for detail in error["details"])


def test_a_wrong_check_character_is_422_and_never_echoed(
    client: TestClient, registrar: Headers
) -> None:
    he = groom()
    wrong = he["id_number"][:-1] + ("1" if he["id_number"][-1] != "1" else "2")
    body = case(parties=[he | {"id_number": wrong}, case()["parties"][1]])
    response = client.post("/api/v1/registrations", json=body, headers=registrar)
    assert_error_shape(response, 422)
    assert wrong not in response.text


def test_an_office_that_did_not_exist_that_day_is_422(
    client: TestClient, registrar: Headers
) -> None:
    body = case(office="532301", day="1980-01-01")
    response = client.post("/api/v1/eligibility", json=body, headers=registrar)
    assert "不存在" in assert_error_shape(response, 403, 422)["message"]
    english = registrar | {"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}
    response = client.post("/api/v1/eligibility", json=body, headers=english)
    assert "did not exist" in assert_error_shape(response, 403, 422)["message"]
