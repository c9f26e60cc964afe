"""Ten offices register the same person at the same moment on PostgreSQL: exactly one wins."""

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from registry.app import create_app
from registry.users import create_user
from tests.conftest import _empty_tables
from tests.registry.conftest import at_window
from tests.registry.people import bride, case, groom, party
from warehouse.db import transaction
from warehouse.models import RecordRow

pytestmark = pytest.mark.postgres
OFFICES = (
    "532301", "532302", "532322", "532323", "532324",
    "532325", "532326", "532327", "532328", "532329",
)  # fmt: skip
# 2023: the prefecture pilot lets every county office register a couple with local hukou.
DAY = "2023-06-01"


@pytest.fixture
def app(pg_url: str) -> Iterator[FastAPI]:
    _empty_tables(pg_url)
    app = create_app(db_url=pg_url)
    at_window(app, DAY)
    yield app


def race(app: FastAPI, base: str, bodies: list[dict[str, Any]]) -> Counter[int]:
    """Every office posts its body at once; the status codes they got."""
    with transaction(app.state.db_url) as session:
        tokens = [
            create_user(session, name=f"r{office}", office_code=office, role="registrar")
            for office in OFFICES
        ]
    start, statuses = threading.Barrier(len(OFFICES)), Counter[int]()

    def fire(token: str, body: dict[str, Any]) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            start.wait()
            response = client.post(
                "/api/v1/registrations", json=body, headers={"Authorization": f"Bearer {token}"}
            )
            statuses[response.status_code] += 1

    threads = [
        threading.Thread(target=fire, args=pair) for pair in zip(tokens, bodies, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def records(app: FastAPI) -> int:
    with transaction(app.state.db_url) as session:
        return session.scalar(select(func.count()).select_from(RecordRow)) or 0


def test_ten_simultaneous_registrations_one_201_nine_409(app: FastAPI, live_server: str) -> None:
    couple = [groom(), bride(hukou="532326")]
    bodies = [case(office=office, day=DAY, parties=couple) for office in OFFICES]
    assert race(app, live_server, bodies) == {201: 1, 409: 9}
    assert records(app) == 1


def test_one_groom_ten_brides_at_ten_offices_marries_once(app: FastAPI, live_server: str) -> None:
    brides = [party(f"新娘{n}", "女", date(1996, 1, 1 + n), seq=n + 10) for n in range(10)]
    bodies = [
        case(office=o, day=DAY, parties=[groom(), b]) for o, b in zip(OFFICES, brides, strict=True)
    ]
    statuses = race(app, live_server, bodies)
    # Those that lost the race for the claim get 409; any that checked after the winner
    # committed see the groom married and get 422 with the not-married rule.
    assert statuses[201] == 1
    assert statuses[409] + statuses[422] == 9
    assert records(app) == 1
