"""A steward in a real browser (Debian's Chromium): correct a queued record, approve it, and
find it through the status API."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, expect, sync_playwright

from tests.registry.review.queued import TRUE_ID, queue_misread

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def test_steward_corrects_approves_and_finds_the_record(
    app: FastAPI,
    live_server: str,
    browser: Browser,
    make_user: Callable[..., dict[str, str]],
    samples_dir: Path,
) -> None:
    record_id = queue_misread(app.state.db_url, samples_dir)
    token = make_user("steward-cx", role="steward")["Authorization"].removeprefix("Bearer ")
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{live_server}/login")
    page.fill("#token", token)
    page.click("#login-submit")
    expect(page.locator("h1")).to_contain_text("您好")

    page.goto(f"{live_server}/pages/review")
    page.select_option("#f-rule", "id-check")
    page.click("#filter-submit")
    page.click(f"#queue tr[data-record='{record_id}'] a")
    expect(page.locator("#issues")).to_contain_text("id-check")
    expect(page.locator("#page-image")).to_have_js_property("complete", True)
    assert page.eval_on_selector("#page-image", "img => img.naturalWidth") > 0

    page.click("#approve-submit")
    expect(page.locator("#approve-error")).to_contain_text("id-check")

    page.fill("#fix-male-id_number", TRUE_ID)
    page.click("#correct-submit")
    expect(page.locator("#issues")).to_contain_text("无")
    page.click("#approve-submit")
    expect(page.locator("#record-status")).to_have_text("accepted")
    expect(page.locator("#task-state")).to_have_text("approved")

    answer = page.request.get(f"{live_server}/api/v1/status", params={"id_number": TRUE_ID})
    assert answer.status == 200
    assert [e["record_id"] for e in answer.json()["events"]] == [record_id]
