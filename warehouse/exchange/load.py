"""Reading an export folder back into an empty store, every row as it was exported.

The folder is outside input: every file is checked against its hash, every line against its
table's columns and types, and nothing is written unless all of it reads; a damaged folder is
refused with the reason, never loaded half right.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from warehouse.auditlog import append_events, system_event
from warehouse.exchange.export import PACKAGE, PROFILE
from warehouse.exchange.tables import (
    ExchangeError,
    exchanged_tables,
    from_json,
    reference_tables,
)

_BATCH = 1_000


@dataclass(slots=True)
class LoadSummary:
    rows: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)


def read_package(folder: Path) -> dict[str, Any]:
    """``datapackage.json`` of an export folder, checked for the shape this loader reads."""
    path = folder / PACKAGE
    if not path.is_file():
        raise ExchangeError(f"not an export folder: no {PACKAGE} in {folder}")
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExchangeError(f"{PACKAGE} is not JSON: {exc}") from exc
    if not isinstance(package, dict) or package.get("hunyin:format") != PROFILE:
        raise ExchangeError(f"{PACKAGE} is not a hunyin export ({PROFILE})")
    resources = package.get("resources")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise ExchangeError(f"{PACKAGE}: resources must be a list of objects")
    return package


def _table_files(folder: Path, package: dict[str, Any]) -> dict[str, Path]:
    """The JSON Lines file of each table, its hash checked; a table this store lacks is an
    error (the export came from a newer schema)."""
    known = {t.name for t in exchanged_tables()}
    found: dict[str, Path] = {}
    for resource in package["resources"]:
        if resource.get("format") != "jsonl":
            continue
        name, rel = resource.get("name"), resource.get("path")
        if not isinstance(name, str) or not isinstance(rel, str):
            raise ExchangeError(f"{PACKAGE}: a table resource without name or path")
        if name not in known:
            raise ExchangeError(f"table {name!r} is not in this store: upgrade it first")
        path = (folder / rel).resolve()
        if folder.resolve() not in path.parents or not path.is_file():
            raise ExchangeError(f"{name}: no file {rel} inside the folder")
        digest = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        if resource.get("hash") != digest:
            raise ExchangeError(f"{name}: {rel} does not match its hash: altered or truncated")
        found[name] = path
    return found


def parse_rows(table: Table, lines: Iterator[str]) -> Iterator[dict[str, Any]]:
    """Typed rows of one table from its JSON Lines; raises ``ExchangeError`` on any flaw."""
    names = {c.name for c in table.columns}
    for number, line in enumerate(lines, start=1):
        where = f"{table.name} line {number}"
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExchangeError(f"{where}: not JSON: {exc}") from exc
        if not isinstance(data, dict) or set(data) != names:
            raise ExchangeError(f"{where}: the columns are not those of {table.name}")
        row = {}
        for column in table.columns:
            value = from_json(column, data[column.name])
            if value is None and not column.nullable:
                raise ExchangeError(f"{where}: {column.name} may not be empty")
            row[column.name] = value
        yield row


def _rows_in_file(table: Table, path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        try:
            return list(parse_rows(table, iter(handle)))
        except UnicodeDecodeError as exc:
            raise ExchangeError(f"{table.name}: not UTF-8: {exc}") from exc


def _count(session: Session, table: Table) -> int:
    return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _new_reference_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[Any]:
    keys = [c.name for c in table.primary_key.columns]
    present = {tuple(r) for r in session.execute(select(*(table.c[k] for k in keys)))}
    return [r for r in rows if tuple(r[k] for k in keys) not in present]


def _reset_sequences(session: Session, tables: list[Table]) -> None:
    """PostgreSQL's id sequences continue after the imported ids (SQLite needs nothing)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        if "id" in table.c and table.c.id.autoincrement is not False and table.c.id.primary_key:
            session.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                ),
                {"t": table.name},
            )


def load_export(session: Session, *, folder: Path) -> LoadSummary:
    """Load the folder into the store, which must hold none of its archive rows yet."""
    package = read_package(folder)
    files = _table_files(folder, package)
    tables = [t for t in exchanged_tables() if t.name in files]
    busy = [t.name for t in tables if t.name not in reference_tables() and _count(session, t) > 0]
    if busy:
        raise ExchangeError(
            "the store is not empty (" + ", ".join(busy) + "): import into an empty store"
        )
    parsed = {t.name: _rows_in_file(t, files[t.name]) for t in tables}
    summary = LoadSummary()
    for table in tables:
        rows = parsed[table.name]
        if table.name in reference_tables():
            new = _new_reference_rows(session, table, rows)
            summary.kept[table.name] = len(rows) - len(new)
            rows = new
        try:
            for start in range(0, len(rows), _BATCH):
                session.execute(insert(table), rows[start : start + _BATCH])
        except DBAPIError as exc:  # a row the store refuses (a key twice, a missing parent)
            raise ExchangeError(f"{table.name}: the store refuses a row: {exc.orig}") from exc
        summary.rows[table.name] = len(rows)
    _reset_sequences(session, tables)
    append_events(
        session,
        events=[
            system_event(
                actor="system:import",
                action="import_export",
                purpose="records received from another store",
                subject=f"{summary.rows.get('records', 0)} records",
                details={"rows": summary.rows, "created": package.get("created")},
            )
        ],
    )
    return summary
