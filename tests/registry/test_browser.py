"""A registrar in a real browser (Debian's Chromium): look up, check, confirm and register,
print; then another office's registrar sees the new marriage. Screenshots of the main pages go
to ``var/screenshots/``."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.registry.people import bride, groom

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def sign_in(browser: Browser, base: str, headers: dict[str, str]) -> Page:
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{base}/login")
    page.fill("#token", headers["Authorization"].removeprefix("Bearer "))
    page.click("#login-submit")
    expect(page.locator("h1")).to_contain_text("您好")
    return page


def screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot under ``var/screenshots`` (kept for the people who check pages)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


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
    # Nothing in the store, which is no proof of 未婚.
    expect(page.locator("#status-result")).to_have_text("本库无记录")

    assert he["id_number"] not in page.url
    expect(page.locator("#person")).to_contain_text("按身份证号")

    page.click("text=条件审查")
    page.fill("#date", "2023-06-01")
    # the man from what the card reader types, then Enter; the woman typed by hand
    born = he["birth_date"].replace("-", "")
    reader = f"{he['name']}|男|汉族|{born}|云南省楚雄市鹿城镇|{he['id_number']}"
    page.fill("#m_card", reader)
    page.press("#m_card", "Enter")
    expect(page.locator("#m_id_number")).to_have_value(he["id_number"])
    expect(page.locator("#m_birth_date")).to_have_value(he["birth_date"])
    expect(page.locator("#m_hukou_code")).to_have_value("532301")
    page.fill("#f_name", she["name"])
    page.fill("#f_id_number", she["id_number"])
    # the birth date comes from the number, and the sex is checked against the side
    expect(page.locator("#f_birth_date")).to_have_value(she["birth_date"])
    expect(page.locator("#f_id_hint")).to_contain_text("已按身份证号填写")
    page.fill("#f_hukou_code", she["hukou_code"])
    page.click("#check-submit")
    expect(page.locator("#decision")).to_have_attribute("data-decision", "eligible")
    expect(page.locator("#rules")).to_contain_text("州内跨区域结婚登记试点")
    expect(page.locator("#rules")).to_contain_text("cx-pilot-marriage")
    screenshot(page, "registrar-eligibility")

    page.click("#register-submit")
    expect(page.locator("h1")).to_have_text("核对登记内容")
    expect(page.locator("#summary-parties")).to_contain_text(he["id_number"])
    expect(page.locator("#summary")).to_contain_text("532301 楚雄市民政局")
    screenshot(page, "registrar-confirm")
    page.click("#confirm-submit")
    expect(page.locator("#certificate-no")).to_have_text("J532301-2023-000001")
    screenshot(page, "registrar-registered")

    with page.context.expect_page() as printed:
        page.click("#print-table")
    table = printed.value
    expect(table.locator("h1")).to_have_text("结婚登记审查处理表")
    table.emulate_media(media="print")
    expect(table.locator("header")).to_be_hidden()
    expect(table.locator("#print-now")).to_be_hidden()
    expect(table.locator("#printable")).to_contain_text(he["id_number"])
    assert len(table.pdf(format="A4")) > 1000
    screenshot(table, "registrar-print-table")

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
