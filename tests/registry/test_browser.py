"""A registrar in a real browser (Debian's Chromium): look up, check, register; then another
office's registrar sees the new marriage."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.registry.people import bride, groom

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Debian's Chromium is not installed at {CHROMIUM} (make test installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def sign_in(browser: Browser, base: str, headers: dict[str, str]) -> Page:
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{base}/login")
    page.fill("#token", headers["Authorization"].removeprefix("Bearer "))
    page.click("#login-submit")
    expect(page.locator("h1")).to_contain_text("您好")
    return page


def look_up(page: Page, base: str, id_number: str) -> None:
    page.goto(f"{base}/pages/status")
    page.fill("#q-id", id_number)
    page.click("#q-submit")


def test_register_a_marriage_and_see_it_from_another_office(
    live_server: str, browser: Browser, make_user: Callable[..., dict[str, str]]
) -> None:
    he, she = groom(), bride(hukou="532326")
    page = sign_in(browser, live_server, make_user("chuxiong", office="532301"))

    look_up(page, live_server, he["id_number"])
    expect(page.locator("#status-result")).to_have_text("未婚")

    page.click("text=条件审查")
    page.fill("#date", "2023-06-01")
    for prefix, person in (("m", he), ("f", she)):
        page.fill(f"#{prefix}_name", person["name"])
        page.fill(f"#{prefix}_birth_date", person["birth_date"])
        page.fill(f"#{prefix}_id_number", person["id_number"])
        page.fill(f"#{prefix}_hukou_code", person["hukou_code"])
    page.click("#check-submit")
    expect(page.locator("#decision")).to_have_attribute("data-decision", "eligible")
    expect(page.locator("#rules")).to_contain_text("cx-pilot-marriage")

    page.click("#register-submit")
    expect(page.locator("#certificate-no")).to_have_text("J532301-2023-000001")

    other = sign_in(browser, live_server, make_user("nanhua", office="532324"))
    look_up(other, live_server, she["id_number"])
    expect(other.locator("#status-result")).to_have_text("已婚")
    expect(other.locator("#events")).to_contain_text("J532301-2023-000001")
    expect(other.locator("#events")).to_contain_text(he["name"])


@pytest.mark.parametrize(
    ("kind", "document", "status"),
    [("death", "居民死亡医学证明", "丧偶"), ("court_divorce", "离婚判决书", "离婚")],
)
def test_record_a_death_or_court_divorce_and_see_it_at_another_office(
    live_server: str,
    browser: Browser,
    make_user: Callable[..., dict[str, str]],
    app: object,
    kind: str,
    document: str,
    status: str,
) -> None:
    from datetime import date

    from tests.registry.people import archive_marriage

    he, she = groom(), bride()
    archive_marriage(
        app.state.db_url,  # type: ignore[attr-defined]
        male=he,
        female=she,
        day=date(2001, 5, 5),
        office="532301",
    )
    page = sign_in(browser, live_server, make_user("chuxiong", office="532301"))
    page.click("text=状况变更")
    page.select_option("#e_type", kind)
    page.fill("#e_date", "2021-03-01")
    # The death certificate names the wife; a judgment either spouse.
    page.fill("#e_id_number", she["id_number"] if kind == "death" else he["id_number"])
    page.fill("#e_document", document)
    page.fill("#e_number", "(2021)云2301民初88号")
    page.fill("#e_issuer", "楚雄市人民法院")
    page.click("#event-submit")
    expect(page.locator("#event-recorded")).to_be_visible()
    expect(page.locator("#archive-note")).to_contain_text("J532301-2001")

    other = sign_in(browser, live_server, make_user("nanhua", office="532324"))
    look_up(other, live_server, he["id_number"])
    expect(other.locator("#status-result")).to_have_text(status)
    expect(other.locator("#events")).to_contain_text(document)
