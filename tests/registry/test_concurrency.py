"""Ten offices register the same couple at the same moment on PostgreSQL: one wins."""

import threading
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from registry.app import create_app
from registry.users import create_user
from tests.conftest import _empty_tables
from tests.registry.people import bride, case, groom
from warehouse.db import transaction
from warehouse.models import CurrentMarriage, RecordRow

pytestmark = pytest.mark.postgres
OFFICES = (
    "532301", "532302", "532322", "532323", "532324",
    "532325", "532326", "532327", "532328", "532329",
)  # fmt: skip


@pytest.fixture
def app(pg_url: str) -> Iterator[FastAPI]:
    _empty_tables(pg_url)
    yield create_app(db_url=pg_url)


def test_ten_simultaneous_registrations_one_201_nine_409(app: FastAPI, live_server: str) -> None:
    tokens = []
    with transaction(app.state.db_url) as session:
        for office in OFFICES:
            tokens.append(
                create_user(session, name=f"r{office}", office_code=office, role="registrar")
            )
    # 2023: the prefecture pilot lets every county office register a couple with local hukou.
    bodies = [
        case(office=o, day="2023-06-01", parties=[groom(), bride(hukou="532326")]) for o in OFFICES
    ]
    start = threading.Barrier(len(OFFICES))
    statuses: list[int] = []

    def fire(token: str, body: dict[str, object]) -> None:
        with httpx.Client(base_url=live_server, timeout=60) as client:
            start.wait()
            response = client.post(
                "/api/v1/registrations", json=body, headers={"Authorization": f"Bearer {token}"}
            )
            statuses.append(response.status_code)

    threads = [
        threading.Thread(target=fire, args=pair) for pair in zip(tokens, bodies, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(statuses) == {201: 1, 409: 9}
    with transaction(app.state.db_url) as session:
        assert session.scalar(select(func.count()).select_from(RecordRow)) == 1
        assert session.scalar(select(func.count()).select_from(CurrentMarriage)) == 2
