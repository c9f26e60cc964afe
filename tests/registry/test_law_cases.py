"""A fixed draw of the held-out law cases (``bench.law_cases``): every family of cases, dates
on both sides of each boundary, over HTTP against a fresh store, SQLite and PostgreSQL."""

from datetime import date

from fastapi.testclient import TestClient

from bench.law_cases import FAMILIES, Desk, run_cases, summary
from registry.app import create_app
from tests.registry.conftest import at_window

SEED = 15
PER_FAMILY = 3


def test_a_fixed_draw_of_law_cases_passes(store_url: str) -> None:
    app = create_app(db_url=store_url)

    def set_today(day: date) -> None:
        at_window(app, day)

    desk = Desk(client=TestClient(app), url=store_url, set_today=set_today)
    result = summary(run_cases(desk, seed=SEED, per_family=PER_FAMILY))
    assert result["cases"] == len(FAMILIES) * PER_FAMILY
    assert result["failed"] == [], result["failed"]
