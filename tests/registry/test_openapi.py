"""Schemathesis against the running service: no input the schema allows makes a 500, and
every error comes in the one shape."""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Ok

from registry.app import create_app
from registry.users import create_user
from warehouse.db import transaction


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A running service on a fresh store, and an admin's token."""
    app = create_app(db_url=f"sqlite:///{Path(tmp_path_factory.mktemp('api')) / 'hunyin.db'}")
    with transaction(app.state.db_url) as session:
        token = create_user(session, name="admin", office_code="532301", role="admin")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", token
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.slow
def test_no_server_errors_for_any_operation(served: tuple[str, str]) -> None:
    """Every operation of ``/openapi.json``, a dozen generated requests each, as an admin."""
    base, token = served
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    results = list(schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == len(results)
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case: schemathesis.Case) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            assert response.status_code < 500, f"{case.method} {case.path}: {response.text}"
            if response.status_code >= 400:
                error = response.json()["error"]
                assert set(error) == {"code", "message", "details"}
                assert isinstance(error["details"], list)

        no_server_error()
