"""An export folder is outside input: whatever its files hold, reading it either gives typed
rows or refuses with an ``ExchangeError`` naming the flaw; it never crashes."""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from warehouse.exchange.load import parse_rows, read_package
from warehouse.exchange.tables import ExchangeError, exchanged_tables

TABLES = {t.name: t for t in exchanged_tables()}
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.text(max_size=80), max_size=4), name=st.sampled_from(sorted(TABLES)))
def test_any_text_is_rows_or_a_clear_refusal(lines: list[str], name: str) -> None:
    try:
        list(parse_rows(TABLES[name], iter(lines)))
    except ExchangeError as exc:
        assert name in str(exc)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), name=st.sampled_from(sorted(TABLES)))
def test_any_values_in_the_right_columns_are_typed_or_refused(
    data: st.DataObject, name: str
) -> None:
    table = TABLES[name]
    row = {c.name: data.draw(_json, label=c.name) for c in table.columns}
    try:
        (parsed,) = parse_rows(table, iter([json.dumps(row)]))
    except ExchangeError:
        return
    assert set(parsed) == {c.name for c in table.columns}


@settings(max_examples=100, deadline=None)
@given(content=st.binary(max_size=200) | _json.map(lambda v: json.dumps(v).encode()))
def test_any_package_file_is_read_or_refused(content: bytes, tmp_path_factory: object) -> None:
    folder = Path(str(tmp_path_factory.mktemp("pkg")))  # type: ignore[attr-defined]
    (folder / "datapackage.json").write_bytes(content)
    try:
        package = read_package(folder)
    except ExchangeError:
        return
    assert isinstance(package["resources"], list)


def test_a_row_of_the_right_shape_is_typed() -> None:
    table = TABLES["source_documents"]
    row = {
        "id": 7,
        "sha256": "a" * 64,
        "path": "/archive/a.jpg",
        "kind": "scan",
        "batch": "532301-t1",
        "size_bytes": 10,
        "pages": 1,
        "outcome": "records",
        "reason": None,
        "registered_at": "2024-05-01T08:30:00.123456",
    }
    (parsed,) = parse_rows(table, iter([json.dumps(row)]))
    assert parsed["registered_at"].microsecond == 123456 and parsed["id"] == 7
