"""Names and every free-text field: no blank, no control characters, the same on every store
(finding: a name of spaces got a certificate; NUL was stored on SQLite, refused on PostgreSQL)."""

import unicodedata
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from hunyin.domain.text import checked_text
from tests.registry.people import bride, case, groom

Headers = dict[str, str]


@pytest.fixture
def app(store_app: FastAPI) -> FastAPI:
    """Every test of this module on SQLite and on PostgreSQL."""
    return store_app


_BAD = ["   ", "\u3000", "张\x00伟", "张\u200b伟", "李\n娜", "王\u2028芳", "\x07"]


@given(st.text(max_size=40))
def test_checked_text_keeps_only_printable_non_blank_text(text: str) -> None:
    try:
        kept = checked_text(text)
    except ValueError:
        stripped = text.strip()
        assert not stripped or any(
            unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp")
            for c in stripped
        )
        return
    assert kept == text.strip() and kept
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in kept)


@pytest.mark.parametrize("name", _BAD)
def test_no_certificate_for_a_blank_or_controlled_name(
    client: TestClient, registrar: Headers, name: str
) -> None:
    body = case(parties=[groom() | {"name": name}, bride()])
    for path in ("/api/v1/eligibility", "/api/v1/registrations"):
        response = client.post(path, json=body, headers=registrar)
        assert response.status_code == 422, (path, response.text)
        assert response.json()["error"]["code"] == "invalid"


def _refused_field(response: Any) -> str:
    assert response.status_code == 422, response.text
    return str(response.json()["error"]["details"][0]["loc"][-1])


@pytest.mark.parametrize("note", _BAD)
def test_notes_and_query_names_are_checked_alike(
    client: TestClient, registrar: Headers, note: str
) -> None:
    body = case(purpose=note)
    refused = client.post("/api/v1/eligibility", json=body, headers=registrar)
    assert _refused_field(refused) == "purpose"
    query = {"name": note, "birth_date": "1995-03-04"}
    refused = client.get("/api/v1/status", params=query, headers=registrar)
    assert _refused_field(refused) == "name"
    booking = {"office_code": "532301", "date": "2024-05-02", "kind": "marriage", "names": note}
    refused = client.post("/api/v1/appointments", json=booking, headers=registrar)
    assert _refused_field(refused) == "names"
