"""Schemathesis against the running service: no input the schema allows makes a 500, every
answer is one the schema documents, and every error comes in the one shape. Every operation with
a token of each role; then sequences that follow the documented links (a registration, then
the party's status), generated and with valid people."""

import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, rule, run_state_machine_as_test
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bench.threaded_server import served_in_thread
from registry.app import create_app
from registry.users import ROLES, create_user
from tests.registry.people import party
from warehouse.db import transaction


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A running service on a fresh store, and a token of each role (office 532301)."""
    app = create_app(db_url=f"sqlite:///{Path(tmp_path_factory.mktemp('api')) / 'hunyin.db'}")
    with transaction(app.state.db_url) as session:
        tokens = {
            role: create_user(session, name=role, office_code="532301", role=role) for role in ROLES
        }
    with served_in_thread(app) as base:
        yield base, tokens


def _operations(base: str) -> list[Any]:
    """Every operation of ``/openapi.json``, none left out."""
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    documented = sum(len(methods) for methods in schema.raw_schema["paths"].values())
    results = list(schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == len(results) == documented
    return operations


def test_the_documented_responses_hold_every_error_status(
    served: tuple[str, dict[str, str]],
) -> None:
    union: set[str] = set()
    for operation in _operations(served[0]):
        documented = set(operation.definition.raw["responses"])
        union |= documented
        if operation.path != "/healthz":
            assert {"401", "422", "503"} <= documented, operation.label
        if "requestBody" in operation.definition.raw:
            assert "400" in documented, operation.label
    assert {"400", "401", "403", "404", "409", "422", "503"} <= union


# Checks of each response against the operation's documented responses: no 500, a documented
# status, a documented content type, a body of the documented schema.
_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Generated requests per operation and role: enough to reach past validation into the routes,
# few enough that the suite stays quick (23 operations, 5 roles).
EXAMPLES = 25


def _error_in_one_shape(response: Any) -> None:
    if response.status_code >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"}
        assert isinstance(error["details"], list)


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_no_server_errors_for_any_operation_and_role(
    served: tuple[str, dict[str, str]], role: str
) -> None:
    """Every operation of ``/openapi.json``, EXAMPLES generated requests each, for each role:
    no 500, and no response outside the documented schema; errors in the one shape."""
    base, tokens = served
    for operation in _operations(base):

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def conforms(case: schemathesis.Case) -> None:
            response = case.call_and_validate(
                headers={"Authorization": f"Bearer {tokens[role]}"}, checks=_CHECKS
            )
            _error_in_one_shape(response)

        conforms()


def test_the_links_name_operations_of_the_schema(served: tuple[str, dict[str, str]]) -> None:
    schema = schemathesis.openapi.from_url(f"{served[0]}/openapi.json")
    linked = {
        (path, method): link
        for path, methods in schema.raw_schema["paths"].items()
        for method, operation in methods.items()
        for link in operation["responses"].get("201", {}).get("links", {}).values()
    }
    assert ("/api/v1/registrations", "post") in linked
    for link in linked.values():
        assert schema.find_operation_by_reference(link["operationRef"]) is not None


@pytest.mark.slow
def test_sequences_along_the_links_conform(served: tuple[str, dict[str, str]]) -> None:
    """Schemathesis's state machine over the documented links, as an admin (who may call every
    operation): each step's answer documented, no 500."""
    base, tokens = served
    machine = schemathesis.openapi.from_url(f"{base}/openapi.json").as_state_machine()

    class AsAdmin(machine):  # type: ignore[valid-type,misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"headers": {"Authorization": f"Bearer {tokens['admin']}"}}

        def validate_response(
            self, response: Any, case: schemathesis.Case, *args: Any, **kwargs: Any
        ) -> None:
            case.validate_response(response, checks=_CHECKS)
            _error_in_one_shape(response)

    AsAdmin.run(
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )


_BIRTHS = itertools.count()


def _new_party(sex: str) -> dict[str, Any]:
    """A party no earlier step or example has used: a birth date of its own."""
    born = date(1970, 1, 1) + timedelta(days=next(_BIRTHS))
    return party("甲乙" if sex == "男" else "丙丁", sex, born)


class Registry(RuleBasedStateMachine):
    """Marriages and divorce applications at the window with valid people, each answer checked
    against the schema and against a model of who is married to whom."""

    base = ""
    token = ""
    married = 0  # marriages registered, over every example
    men = Bundle("men")
    women = Bundle("women")

    def __init__(self) -> None:
        super().__init__()
        self.schema = schemathesis.openapi.from_url(f"{self.base}/openapi.json")
        self.spouse: dict[str, str] = {}
        self.applied: set[tuple[str, str]] = set()

    def _call(self, method: str, path: str, **parts: Any) -> Any:
        case = self.schema[path][method].Case(**parts)
        response = case.call_and_validate(
            headers={"Authorization": f"Bearer {self.token}"}, checks=_CHECKS
        )
        _error_in_one_shape(response)
        return response

    @rule(target=men)
    def man(self) -> dict[str, Any]:
        return _new_party("男")

    @rule(target=women)
    def woman(self) -> dict[str, Any]:
        return _new_party("女")

    @rule(he=men, she=women)
    def marry(self, he: dict[str, Any], she: dict[str, Any]) -> None:
        body = {"kind": "marriage", "office_code": "532301", "parties": [he, she]}
        answer = self._call("POST", "/api/v1/registrations", body=body)
        free = he["id_number"] not in self.spouse and she["id_number"] not in self.spouse
        if free:
            assert answer.status_code == 201, answer.text
            self.spouse[he["id_number"]] = she["id_number"]
            self.spouse[she["id_number"]] = he["id_number"]
            Registry.married += 1
            self.status(he)
            self.status(she)
        elif self.spouse.get(he["id_number"]) == she["id_number"]:
            assert answer.status_code == 409, answer.text
        else:
            assert answer.status_code == 422, answer.text

    @rule(he=men, she=women)
    def apply_for_divorce(self, he: dict[str, Any], she: dict[str, Any]) -> None:
        couple = (he["id_number"], she["id_number"])
        if couple in self.applied:
            return
        body = {"kind": "divorce", "office_code": "532301", "parties": [he, she]}
        answer = self._call("POST", "/api/v1/registrations", body=body)
        if self.spouse.get(he["id_number"]) != she["id_number"]:
            assert answer.status_code == 422, answer.text
            return
        # Since 2021 a divorce opens an application: thirty days of cooling-off, still married.
        assert answer.status_code == 201, answer.text
        self.applied.add(couple)
        application = answer.json()["application"]
        path = "/api/v1/divorce-applications/{application_id}"
        read = self._call(
            "GET", path, path_parameters={"application_id": application["application_id"]}
        )
        assert read.json()["state"] == "cooling_off"

    @rule(person=st.one_of(men, women))
    def status(self, person: dict[str, Any]) -> None:
        answer = self._call("GET", "/api/v1/status", query={"id_number": person["id_number"]})
        assert answer.status_code == 200, answer.text
        expected = "married" if person["id_number"] in self.spouse else "no_record"
        assert answer.json()["status"] == expected
        assert person["id_number"] not in answer.text


@pytest.mark.slow
def test_registrations_then_status_follow_the_model(served: tuple[str, dict[str, str]]) -> None:
    base, tokens = served
    Registry.base, Registry.token = base, tokens["registrar"]
    Registry.married = 0
    run_state_machine_as_test(
        Registry,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    assert Registry.married > 0
