"""A request that meets a store fault gets 503 with Retry-After in the one error shape, not a
500; the service recovers once the store is back. A real fault on a real PostgreSQL server:
its connections cut and new ones refused."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.database import throwaway_database
from registry.app import create_app
from registry.users import create_user
from tests.conftest import PG_URL
from tests.registry.people import groom
from warehouse.db import normalise_url, transaction
from warehouse.store import prepare

pytestmark = pytest.mark.postgres


@pytest.fixture
def own_database(pg_server_url: str) -> Iterator[str]:
    """A database of this test's own, since the test cuts it off."""
    with throwaway_database(normalise_url(PG_URL), prefix="hunyin_fault") as url:
        yield prepare(url)


def _refuse_connections(url: str, *, refuse: bool) -> None:
    name = make_url(url).database
    admin = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(not refuse).lower()}'))
        if refuse:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
    admin.dispose()


def test_a_store_fault_is_a_retryable_503(own_database: str) -> None:
    client = TestClient(create_app(db_url=own_database))
    with transaction(own_database) as session:
        token = create_user(session, name="r", office_code="532301", role="registrar")
    headers = {"Authorization": f"Bearer {token}"}
    params = {"id_number": groom()["id_number"]}
    assert client.get("/api/v1/status", params=params, headers=headers).status_code == 200
    _refuse_connections(own_database, refuse=True)
    try:
        cut = client.get("/api/v1/status", params=params, headers=headers)
        assert cut.status_code == 503, cut.text
        assert int(cut.headers["retry-after"]) > 0
        assert cut.json()["error"]["code"] == "unavailable"
    finally:
        _refuse_connections(own_database, refuse=False)
    assert client.get("/api/v1/status", params=params, headers=headers).status_code == 200
