"""The archivist and the auditor in a real browser (Debian's Chromium): hand in a batch by
upload and follow it; search the log by a whole ID number, page and export it."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from hunyin.settings import get_settings
from tests.registry.people import bride, groom
from tests.registry.test_browser import screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("HUNYIN_INBOX_DIR", str(tmp_path / "inbox"))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "inbox"
    get_settings.cache_clear()


def test_archivist_uploads_a_batch_and_sees_it_queued(
    live_server: str,
    browser: Browser,
    make_user: Callable[..., dict[str, str]],
    inbox: Path,
    samples_dir: Path,
    tmp_path: Path,
) -> None:
    scan = next((samples_dir / "scans" / "532301").rglob("*.png"))
    junk = tmp_path / "readme.txt"
    junk.write_text("not a scan")
    page = sign_in(browser, live_server, make_user("archivist", role="archivist"))
    page.click("text=批次交接")
    expect(page.locator("h1")).to_have_text("档案批次交接")
    page.select_option("#office", "532301")
    page.fill("#batch-name", "2018-box7")
    page.set_input_files("#files", [str(scan), str(junk)])
    screenshot(page, "archivist-hand-in")
    page.click("#hand-in-submit")
    expect(page.locator("h1")).to_have_text("批次 2018-box7")
    # no Dagster daemon here: the batch waits for the sensor, file by file
    expect(page.locator("#run-state")).to_have_attribute("data-state", "queued")
    expect(page.locator("#run-state")).to_have_text("排队中")
    expect(page.locator("#batch-files tr[data-state='waiting']")).to_have_count(2)
    assert sorted(p.name for p in (inbox / "532301" / "2018-box7").iterdir()) == sorted(
        [scan.name, junk.name]
    )
    screenshot(page, "archivist-batch")
    page.click("text=返回批次列表")
    expect(page.locator("#batches")).to_contain_text("2018-box7")


def test_auditor_finds_a_person_by_the_whole_number_and_exports(
    live_server: str, browser: Browser, make_user: Callable[..., dict[str, str]]
) -> None:
    registrar = make_user("registrar-532301")
    looker = sign_in(browser, live_server, registrar)
    for person in (groom(), bride()):
        looker.request.get(
            f"{live_server}/api/v1/status",
            params={"id_number": person["id_number"]},
            headers=registrar,
        )
    page = sign_in(browser, live_server, make_user("auditor", role="auditor"))
    page.click("text=审计日志")
    page.fill("#a-id", bride()["id_number"])
    page.click("#audit-submit")
    expect(page.locator("#person-filter")).to_be_visible()
    assert bride()["id_number"] not in page.url
    expect(page.locator("#audit tr[data-action='status_query']")).to_have_count(1)
    expect(page.locator("#audit")).to_contain_text("状况查询")
    screenshot(page, "auditor-log")
    with page.expect_download() as download:
        page.click("#audit-export")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("时间（北京时间）,用户,机关,操作")
    assert len(text.splitlines()) == 2

    page.goto(f"{live_server}/pages/audit?since=2024-02-30")
    expect(page.locator("#audit-error")).to_contain_text("日期格式应为 年-月-日")
