"""Schemathesis against the running service: no input the schema allows makes a 500, and
every error comes in the one shape."""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from registry.app import create_app
from registry.users import ROLES, create_user
from warehouse.db import transaction


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A running service on a fresh store, and a token of each role (office 532301)."""
    app = create_app(db_url=f"sqlite:///{Path(tmp_path_factory.mktemp('api')) / 'hunyin.db'}")
    with transaction(app.state.db_url) as session:
        tokens = {
            role: create_user(session, name=role, office_code="532301", role=role) for role in ROLES
        }
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", tokens
    server.should_exit = True
    thread.join(timeout=10)


def _operations(base: str) -> list[Any]:
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    results = list(schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == len(results)
    assert len(operations) >= 10
    return operations


def test_the_documented_responses_hold_every_error_status(
    served: tuple[str, dict[str, str]],
) -> None:
    union: set[str] = set()
    for operation in _operations(served[0]):
        documented = set(operation.definition.raw["responses"])
        union |= documented
        if operation.path != "/healthz":
            assert {"401", "503"} <= documented, operation.label
    assert {"401", "403", "404", "409", "422", "503"} <= union


# Checks of each response against the operation's documented responses: no 500, a documented
# status, a documented content type, a body of the documented schema.
_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_no_server_errors_for_any_operation_and_role(
    served: tuple[str, dict[str, str]], role: str
) -> None:
    """Every operation of ``/openapi.json``, a few generated requests each, for each role:
    no 500, and no response outside the documented schema; errors in the one shape."""
    base, tokens = served
    examples = 12 if role == "admin" else 4
    for operation in _operations(base):

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
        def conforms(case: schemathesis.Case) -> None:
            response = case.call_and_validate(
                headers={"Authorization": f"Bearer {tokens[role]}"}, checks=_CHECKS
            )
            if response.status_code >= 400:
                error = response.json()["error"]
                assert set(error) == {"code", "message", "details"}
                assert isinstance(error["details"], list)

        conforms()
