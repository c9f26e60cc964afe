"""Every page of every role, in the states a busy day brings (results, refusals, errors), holds
no English sentence in what a person reads; codes and numbers aside (see tests/english.py)."""

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from hunyin.settings import get_settings
from tests.english import english_sentences
from tests.registry.conftest import WINDOW_DAY, at_window
from tests.registry.people import bride, case, groom, party
from tests.registry.review.queued import queue_misread
from tests.registry.test_desk_pages import _form
from tests.registry.test_pages import signed_in
from warehouse.db import transaction
from warehouse.documents import register_document

Headers = dict[str, str]
HTML = {"Accept": "text/html"}


@pytest.fixture
def desk(
    app: FastAPI,
    make_user: Callable[..., Headers],
    samples_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[dict[str, TestClient], int]]:
    """A store after a morning's work, a signed-in browser for each role, and a live record."""
    monkeypatch.setenv("HUNYIN_INBOX_DIR", str(tmp_path / "inbox"))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    get_settings.cache_clear()
    queue_misread(app.state.db_url, samples_dir)
    roles = {
        role: make_user(role, role=role)
        for role in ("registrar", "steward", "auditor", "archivist", "admin")
    }
    api = TestClient(app)
    married = api.post("/api/v1/registrations", json=case(), headers=roles["registrar"])
    api.get(
        "/api/v1/status", params={"id_number": groom()["id_number"]}, headers=roles["registrar"]
    )
    batch = tmp_path / "inbox" / "532301" / "box1"
    batch.mkdir(parents=True)
    (batch / "junk.txt").write_text("x")
    (batch / "waiting.png").write_bytes(b"\x89PNG")
    with transaction(app.state.db_url) as session:
        register_document(
            session,
            sha256="f" * 64,
            path=str(batch / "junk.txt"),
            kind="scan",
            batch="532301-box1",
            size_bytes=1,
            outcome="quarantined",
            reason="not a scan: content is neither JPEG, PNG, TIFF nor PDF",
        )
    clients = {role: signed_in(TestClient(app), headers) for role, headers in roles.items()}
    yield clients, married.json()["record_id"]
    get_settings.cache_clear()


def _pages(desk: dict[str, TestClient], record_id: int) -> dict[str, str]:
    """Every page a person meets, by a name for the failure message."""
    reg, steward = desk["registrar"], desk["steward"]
    form = _form(groom(), bride())
    record = reg.post("/pages/status", data={"id_number": groom()["id_number"]})
    others = [
        party("王强", "男", date(1990, 5, 6), seq=5),
        party("刘敏", "女", date(1992, 7, 8), seq=6),
    ]
    registered = reg.post("/pages/register/confirm", data=_form(*others))
    at_window(reg.app, "2024-03-01")  # type: ignore[arg-type]
    divorce = reg.post(
        "/pages/register/confirm", data=_form(groom(), bride(), kind="divorce", date="2024-03-01")
    )
    application = divorce.text.split('id="application-id">')[1].split("<")[0]
    at_window(reg.app, WINDOW_DAY)  # type: ignore[arg-type]
    pages = {
        "login": TestClient(reg.app).get("/login").text,
        "login refused": TestClient(reg.app).post("/login", data={"token": "x"}).text,
        "home registrar": reg.get("/").text,
        "status form": reg.get("/pages/status").text,
        "status result": record.text,
        "status no record": reg.post(
            "/pages/status", data={"name": "无名", "birth_date": "1990-01-01"}
        ).text,
        "status bad number": reg.post("/pages/status", data={"id_number": "12345"}).text,
        "status bad date": reg.post(
            "/pages/status", data={"name": "甲", "birth_date": "1990-13-01"}
        ).text,
        "eligibility form": reg.get("/pages/eligibility").text,
        "eligibility refused": reg.post("/pages/eligibility", data=form).text,
        "eligibility bad input": reg.post(
            "/pages/eligibility", data={"kind": "x", "office_code": "1"}
        ).text,
        "eligibility wrong birth": reg.post(
            "/pages/eligibility", data=_form(groom(birth_date="1990-01-01"), bride())
        ).text,
        "register form": reg.get("/pages/register").text,
        "register summary": reg.post(
            "/pages/register", data=_form(groom(), bride(), kind="divorce", date="2024-03-01")
        ).text,
        "register refused": reg.post("/pages/register", data=form).text,
        "register conflict": reg.post("/pages/register/confirm", data=form).text,
        "registered": registered.text,
        "divorce applied": divorce.text,
        "card read": reg.post(
            "/pages/card", data={"card_party": "m", "m_card": "张伟|男|19950304"}
        ).text,
        "appointments": reg.get("/pages/appointments").text,
        "print divorce": reg.get(f"/pages/print/divorce/{application}").text,
        "forbidden": reg.get("/pages/audit", headers=HTML).text,
        "home steward": steward.get("/").text,
        "queue": steward.get("/pages/review").text,
        "review record": steward.get("/pages/review/1").text,
        "review approve refused": steward.post("/pages/review/1/approve").text,
        "review missing": steward.get("/pages/review/999999", headers=HTML).text,
        "quality report": steward.get("/pages/review/report").text,
        "back-capture form": steward.get("/pages/back-capture").text,
        "back-capture refused": steward.post(
            "/pages/back-capture", data={"m_name": "张伟", "date": "2999-01-01"}
        ).text,
        "home auditor": desk["auditor"].get("/").text,
        "audit": desk["auditor"].get("/pages/audit").text,
        "audit bad filter": desk["auditor"].get("/pages/audit", params={"since": "x"}).text,
        "home archivist": desk["archivist"].get("/").text,
        "archive": desk["archivist"].get("/pages/archive").text,
        "archive refused": desk["archivist"].post("/pages/archive", data={"batch": "a b"}).text,
        "archive batch": desk["archivist"].get("/pages/archive/532301-box1").text,
        "home admin": desk["admin"].get("/").text,
        "print table": reg.get(f"/pages/print/record/{record_id}/table").text,
        "print receipt": reg.get(f"/pages/print/record/{record_id}/receipt").text,
    }
    return pages


def test_no_page_of_any_role_has_an_english_sentence(
    desk: tuple[dict[str, TestClient], int],
) -> None:
    pages = _pages(*desk)
    assert "已登记" in pages["registered"] and "离婚登记申请受理回执" in pages["print divorce"]
    assert "结婚登记审查处理表" in pages["print table"] and "复核记录" in pages["review record"]
    found = {name: english_sentences(html) for name, html in pages.items()}
    assert {name: words for name, words in found.items() if words} == {}
    # each page is a real page in Chinese, not an empty answer
    assert [n for n, html in pages.items() if not re.search(r"[\u4e00-\u9fff]{4}", html)] == []
