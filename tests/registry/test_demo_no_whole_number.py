"""The demo's own output holds no whole ID number where it does not belong: every line the
demo job writes to its terminal and its logs (Dagster's event log and step logs), its HTML
reports, and every HTML page the registry serves on its store to each role, the review page
of every task and the quality report included, with the server's log of those requests.

The demo runs as ``hunyin demo`` runs (``cli.main`` in a process of its own, a var folder of
its own) over part of the bundled samples, two offices' scans and a ledger: the whole sample
batch takes minutes on a shared machine. The printed forms
(``/pages/print/…``) are left out: they carry whole numbers for the file, by design, audited.
The page text under ``page-xml/`` is the archive's copy of the page and holds what it says.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from sqlalchemy import select

from hunyin.domain.idnumber import is_valid
from pipelines.samples import samples_dir
from registry.app import create_app
from registry.users import ROLES, create_user
from warehouse.db import transaction
from warehouse.models import PartyRow, ReviewTask, SourceDocument

pytestmark = pytest.mark.slow

# 楚雄市 (a bad-files folder among its scans, and its ledger) and the old 楚雄县, whose scan the
# reader doubts: a review task.
OFFICES = ("532301", "532321")
_EIGHTEEN = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_HREF = re.compile(r'href="([^"#]+)"')
# What a crawl does not follow: printed forms, images, downloads, the API, sign-out.
_NOT_PAGES = ("/pages/print/", "/api/", "/logout", "/docs", "/openapi")
_NOT_HTML = (".png", ".csv", ".css", ".js", ".json", ".ico")
# The demo as ``make demo`` runs it, its samples limited to OFFICES.
_DEMO = """
import sys
from pathlib import Path

import pipelines.demo
from cli.main import main

pipelines.demo.samples_dir = lambda: Path(sys.argv[1])
sys.exit(main(["demo"]))
"""


def whole_numbers(text: str) -> list[str]:
    """The whole, valid 18-character ID numbers in ``text``."""
    return [m for m in _EIGHTEEN.findall(text) if is_valid(m.upper())]


@dataclass
class Demo:
    var: Path
    db_url: str
    terminal: str


def _subset(target: Path) -> Path:
    """The bundled samples of OFFICES only, laid out as the samples folder is."""
    source = samples_dir()
    for office in OFFICES:
        shutil.copytree(source / "scans" / office, target / "scans" / office)
    (target / "ledgers").mkdir()
    for ledger in (source / "ledgers").glob(f"{OFFICES[0]}-ledger.*"):
        shutil.copyfile(ledger, target / "ledgers" / ledger.name)
    return target


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    root = tmp_path_factory.mktemp("demo")
    var = root / "var"
    db_url = f"sqlite:///{var / 'hunyin.db'}"
    # The demo's own settings, whatever the environment running the tests points at.
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("HUNYIN_")},
        "HUNYIN_EXECUTOR": "in_process",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "HUNYIN_VAR_DIR": str(var),
        "HUNYIN_INBOX_DIR": str(var / "inbox"),
        "HUNYIN_DB_URL": db_url,
        "DAGSTER_HOME": str(var / "dagster"),
    }
    done = subprocess.run(
        [sys.executable, "-c", _DEMO, str(_subset(root / "samples"))],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "hunyin demo: done" in done.stdout
    return Demo(var=var, db_url=db_url, terminal=done.stdout + done.stderr)


def test_the_demos_terminal_and_logs_hold_no_whole_number(demo: Demo) -> None:
    assert whole_numbers(demo.terminal) == []
    # Dagster's run and event storage (SQLite files whose JSON is plain text) and step logs.
    logs = [p for p in (demo.var / "dagster").rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" for p in logs)
    for path in logs:
        found = whole_numbers(path.read_bytes().decode("utf-8", "ignore"))
        assert found == [], f"{path.relative_to(demo.var)}: {len(found)} whole numbers"


def test_the_demos_html_reports_hold_no_whole_number(demo: Demo) -> None:
    reports = [p for p in demo.var.rglob("*.html") if "inbox" not in p.parts]
    assert any(p.name == "overall.html" for p in reports)
    for path in reports:
        found = whole_numbers(path.read_text(encoding="utf-8", errors="ignore"))
        assert found == [], f"{path.relative_to(demo.var)}: {len(found)} whole numbers"


@pytest.fixture
def app(demo: Demo) -> Any:
    """The registry on the demo's store."""
    return create_app(db_url=demo.db_url)


@pytest.fixture
def server_log_level() -> str:
    """Every request in the server's log, as a deployment's access log has it."""
    return "info"


def _crawl(base: str, token: str, extra: list[str]) -> dict[str, str]:
    """Every page reachable from ``/`` (and ``extra``) by its links, signed in with ``token``."""
    with httpx.Client(base_url=base, timeout=60) as client:
        signed_in = client.post("/login", data={"token": token})
        assert signed_in.status_code == 303, signed_in.text
        pages: dict[str, str] = {}
        queue = deque(["/", *extra])
        while queue:
            path = queue.popleft()
            if path in pages:
                continue
            response = client.get(path)
            assert response.status_code < 500, (path, response.text[:500])
            pages[path] = response.text
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            for href in _HREF.findall(response.text):
                target = urlsplit(urljoin(path, href.replace("&amp;", "&")))
                link = target.path + (f"?{target.query}" if target.query else "")
                if target.netloc or not link.startswith("/") or link.startswith(_NOT_PAGES):
                    continue
                if not target.path.endswith(_NOT_HTML):
                    queue.append(link)
        return pages


def test_no_page_of_any_role_holds_a_whole_number(
    app: Any, demo: Demo, live_server: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with transaction(demo.db_url) as session:
        tasks = session.scalars(select(ReviewTask.record_id)).all()
        batches = session.scalars(select(SourceDocument.batch).distinct()).all()
        number = session.scalar(select(PartyRow.id_number).where(PartyRow.id18.is_not(None)))
        tokens = {
            role: create_user(session, name=f"demo-{role}", office_code=OFFICES[0], role=role)
            for role in ROLES
        }
    assert tasks and batches and number and is_valid(number)
    # The review page of every task, and each batch's hand-in page, besides what links reach.
    extra = [
        "/pages/review/report",
        *(f"/pages/review/{record_id}" for record_id in tasks),
        *(f"/pages/archive/{batch}" for batch in batches if batch),
    ]
    seen: dict[str, dict[str, str]] = {}
    for role, token in tokens.items():
        seen[role] = _crawl(live_server, token, extra)
    # A look-up and an audit search by the whole number: their answers must not echo it.
    asked = _ask_by_number(live_server, tokens, number)
    seen["admin"].update(asked)
    reviewed = {p for p in seen["admin"] if p.startswith("/pages/review/") and p[14:].isdigit()}
    assert len(reviewed) == len(set(tasks))
    assert {"/pages/review/report", "/pages/audit", "/pages/status"} <= set(seen["admin"])
    for role, pages in seen.items():
        for path, html in pages.items():
            assert whole_numbers(html) == [], (role, path)
    server_log = capfd.readouterr()
    assert "GET /pages/review/" in server_log.out + server_log.err
    assert whole_numbers(server_log.out + server_log.err) == []


def _ask_by_number(base: str, tokens: dict[str, str], number: str) -> dict[str, str]:
    """The status page and the audit search after a whole number was typed into them."""
    answers: dict[str, str] = {}
    asks: list[tuple[str, str, Callable[[httpx.Client], httpx.Response]]] = [
        (
            "registrar",
            "POST /pages/status",
            lambda c: c.post("/pages/status", data={"id_number": number}),
        ),
        (
            "auditor",
            "POST /pages/audit",
            lambda c: c.post("/pages/audit", data={"id_number": number}, follow_redirects=True),
        ),
    ]
    for role, label, ask in asks:
        with httpx.Client(base_url=base, timeout=60) as client:
            client.post("/login", data={"token": tokens[role]})
            response = ask(client)
            assert response.status_code == 200, (label, response.text[:500])
            answers[label] = response.text
    return answers
