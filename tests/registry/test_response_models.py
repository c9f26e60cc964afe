"""``/openapi.json`` describes what each endpoint answers, not only what it takes."""

from fastapi.testclient import TestClient

from registry.app import create_app


def _spec(tmp_path) -> dict:  # type: ignore[no-untyped-def]
    app = create_app(db_url=f"sqlite:///{tmp_path / 'hunyin.db'}")
    with TestClient(app) as client:
        return client.get("/openapi.json").json()


def test_every_json_operation_names_its_response_document(tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = _spec(tmp_path)
    untyped = []
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            ok = next(v for k, v in operation["responses"].items() if k.startswith("2"))
            schema = ok.get("content", {}).get("application/json", {}).get("schema", {})
            if not schema and "image/png" not in ok.get("content", {}):
                untyped.append(f"{method.upper()} {path}")
    assert untyped == []


def test_errors_are_documented_in_the_one_shape(tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = _spec(tmp_path)
    documented: set[str] = set()
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorDocument"}, (
                        f"{method} {path} {status}"
                    )
                    documented.add(status)
            assert "401" in operation["responses"], f"{method} {path}"
    assert {"401", "403", "404", "409", "422"} <= documented


def test_the_status_document_is_spelt_out(tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = _spec(tmp_path)
    status = spec["components"]["schemas"]["StatusDocument"]
    assert {"query", "status", "person", "events", "candidates"} <= set(status["required"])
    values = spec["components"]["schemas"]["StatusDocument"]["properties"]["status"]["enum"]
    assert "no_record" in values and "needs_verification" in values
