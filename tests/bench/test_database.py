import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from bench.database import throwaway_database
from tests.conftest import PG_URL
from warehouse.db import get_engine, normalise_url

pytestmark = pytest.mark.postgres


def _exists(name: str) -> bool:
    admin = create_engine(normalise_url(PG_URL))
    try:
        with admin.connect() as conn:
            found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            return found.first() is not None
    finally:
        admin.dispose()


def test_a_database_is_made_and_dropped_even_with_a_connection_open(pg_server_url: str) -> None:
    # pg_server_url: a reachable server (it skips, or fails under HUNYIN_REQUIRE_PG, otherwise)
    with throwaway_database(PG_URL, prefix="hunyin_test_throwaway") as url:
        engine = get_engine(url)
        left_open = engine.connect()
        name = left_open.execute(text("SELECT current_database()")).scalar_one()
        assert name.startswith("hunyin_test_throwaway_") and _exists(name)
    assert not _exists(name)
    with pytest.raises(OperationalError):  # WITH (FORCE) ended it
        left_open.execute(text("SELECT 1"))
    left_open.invalidate()


def test_the_database_is_dropped_when_the_body_fails(pg_server_url: str) -> None:
    names = []
    with (
        pytest.raises(RuntimeError),
        throwaway_database(PG_URL, prefix="hunyin_test_throwaway") as url,
    ):
        with get_engine(url).connect() as conn:
            names.append(conn.execute(text("SELECT current_database()")).scalar_one())
        raise RuntimeError("the benchmark broke")
    assert names and not _exists(names[0])


def test_two_databases_never_share_a_name(pg_server_url: str) -> None:
    with throwaway_database(PG_URL) as first, throwaway_database(PG_URL) as second:
        assert first != second


@pytest.mark.parametrize("prefix", ['x"; DROP DATABASE postgres; --', "Upper", ""])
def test_a_prefix_that_is_not_a_plain_name_is_refused(prefix: str) -> None:
    with pytest.raises(ValueError), throwaway_database(PG_URL, prefix=prefix):
        pass
