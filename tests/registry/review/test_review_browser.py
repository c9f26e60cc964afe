"""A steward in a real browser (Debian's Chromium): at the station, the doubtful field's crop
beside its input, Tab and Enter through the doubts, the whole number fetched for the correction,
F8 to approve; then the record is found through the status API."""

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, expect

from tests.registry.review.queued import MISREAD, TRUE_ID, queue_misread
from tests.registry.test_browser import screenshot

pytestmark = pytest.mark.browser


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
    expect(page.locator("#queue")).to_contain_text("身份证号校验码不符")
    expect(page.locator("#queue")).to_contain_text("男方·身份证件号")
    screenshot(page, "steward-queue")
    page.click(f"#queue tr[data-record='{record_id}'] a")
    expect(page.locator("#issues")).to_contain_text("身份证号校验码不符")
    expect(page.locator("#queue-reason")).to_contain_text("机器读数没有把握")
    expect(page.locator("#page-image")).to_have_js_property("complete", True)
    assert page.eval_on_selector("#page-image", "img => img.naturalWidth") > 0
    crop = page.locator("tr[data-crop='male.id_number'] img.crop")
    expect(crop).to_have_js_property("complete", True)
    assert crop.evaluate("img => img.naturalWidth") == 520
    # the number is masked on the page; the whole one is fetched only into the input
    expect(page.locator("#value-male-id_number")).not_to_contain_text(MISREAD)
    expect(page.locator("#fix-male-id_number")).to_be_focused()
    page.click("#whole-male-id_number")
    expect(page.locator("#fix-male-id_number")).to_have_value(MISREAD)
    # the scan stays in view while the page scrolls, and zooms
    page.mouse.wheel(0, 2000)
    assert page.locator("#scan-pane").bounding_box()["y"] < 800  # type: ignore[index]
    before = page.eval_on_selector("#page-image", "img => img.getBoundingClientRect().width")
    page.click("#zoom-in")
    after = page.eval_on_selector("#page-image", "img => img.getBoundingClientRect().width")
    assert after > before * 1.2
    screenshot(page, "steward-station")

    with page.expect_navigation(timeout=30_000):
        page.keyboard.press("F8")
    expect(page.locator("#approve-error")).to_contain_text("身份证号校验码不符")

    # Tab goes from doubt to doubt only; Enter confirms a field and moves on, the last one saves
    doubts = page.locator("input[data-doubtful]")
    ids = [doubts.nth(i).get_attribute("id") for i in range(doubts.count())]
    assert ids[0] == "fix-male-id_number"
    page.focus("#fix-male-id_number")
    page.keyboard.press("Tab")
    # past the last doubt Tab leaves the fields (the next stop is outside the table)
    following = ids[1] if len(ids) > 1 else None
    focused = page.evaluate("document.activeElement.id")
    assert focused == following or not focused.startswith("fix-")
    page.focus("#fix-male-id_number")
    page.fill("#fix-male-id_number", TRUE_ID)
    for number, input_id in enumerate(ids):
        expect(page.locator(f"#{input_id}")).to_be_focused()
        if number + 1 < len(ids):
            page.keyboard.press("Enter")
            expect(page.locator(f"#{input_id}")).not_to_be_focused()
        else:
            with page.expect_navigation():
                page.keyboard.press("Enter")
    expect(page.locator("#issues")).to_contain_text("无")
    with page.expect_navigation(timeout=30_000):
        page.keyboard.press("F8")
    # the page loads the scan and the crops again: generous waits on a loaded machine
    status = page.locator("#record-status")
    expect(status).to_have_attribute("data-status", "accepted", timeout=30_000)
    expect(page.locator("#record-status")).to_have_text("已入库")
    expect(page.locator("#task-state")).to_have_attribute("data-state", "approved")

    answer = page.request.get(f"{live_server}/api/v1/status", params={"id_number": TRUE_ID})
    assert answer.status == 200
    assert [e["record_id"] for e in answer.json()["events"]] == [record_id]
