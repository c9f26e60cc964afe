"""Fixtures of the registry tests: an app on a fresh store, users of several offices."""

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright

from bench.threaded_server import served_in_thread
from registry.app import create_app
from registry.rules.engine import decide
from registry.schemas import CaseIn
from registry.users import create_user
from warehouse.db import get_engine, transaction
from warehouse.store import prepare

Headers = dict[str, str]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded, empty SQLite file, made once per test session."""
    path = tmp_path_factory.mktemp("template") / "hunyin.db"
    get_engine(prepare(f"sqlite:///{path}")).dispose()
    return path


@pytest.fixture
def fresh_store(template_store: Path, tmp_path: Path) -> str:
    """An empty store for one test: a copy of the migrated template in the test's own folder.

    Copying is much quicker than migrating a new file; a file of its own per test means that no
    connection left open by an earlier test (a server thread, a pooled connection) can ever see
    its database replaced underneath it.
    """
    path = tmp_path / "hunyin.db"
    shutil.copyfile(template_store, path)
    return prepare(f"sqlite:///{path}")


# The day the tests' registrars stand at the window: live registrations are dated by the
# service's clock, which the tests set (``at_window``) rather than wait for.
WINDOW_DAY = date(2023, 6, 1)


def at_window(app: FastAPI, day: date | str) -> None:
    """Make ``day`` today at the offices, for the registrations that follow."""
    today = day if isinstance(day, date) else date.fromisoformat(day)
    app.state.today = lambda: today


@pytest.fixture
def app(fresh_store: str) -> FastAPI:
    app = create_app(db_url=fresh_store)
    at_window(app, WINDOW_DAY)
    return app


@pytest.fixture
def store_app(store_url: str) -> FastAPI:
    """The app on each store in turn, SQLite then PostgreSQL (``store_url``). A module whose
    tests must hold on both stores overrides ``app`` with it, and every fixture built on
    ``app`` (``client``, ``make_user``, ``registrar``) follows."""
    app = create_app(db_url=store_url)
    at_window(app, WINDOW_DAY)
    return app


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


@pytest.fixture
def make_user(app: FastAPI) -> Callable[..., Headers]:
    """Create a user and return its Authorization header."""

    def make(name: str, *, office: str = "532301", role: str = "registrar") -> Headers:
        with transaction(app.state.db_url) as session:
            token = create_user(session, name=name, office_code=office, role=role)
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def registrar(make_user: Callable[..., Headers]) -> Headers:
    """A registrar of 楚雄市 (532301)."""
    return make_user("registrar-532301")


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One empty SQLite store for a module of tests that only read."""
    return prepare(f"sqlite:///{tmp_path_factory.mktemp('rules') / 'hunyin.db'}")


@pytest.fixture
def evaluate(empty_store: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Decide a case body against the empty store; returns the decision document."""

    def run(body: dict[str, Any]) -> dict[str, Any]:
        with transaction(empty_store) as session:
            return decide(session, CaseIn.model_validate(body)).document()

    return run


@pytest.fixture
def server_log_level() -> str:
    """How much the test server logs; a module reading its access log overrides it."""
    return "warning"


@pytest.fixture
def live_server(app: FastAPI, server_log_level: str) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 and a free port; yields its base URL."""
    with served_in_thread(app, log_level=server_log_level) as base:
        yield base


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Debian's Chromium is not installed at {CHROMIUM} (make test installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
