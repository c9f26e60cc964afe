"""Writing an export folder: every archive table as JSON Lines, the registrations as CSV,
the code tables, and ``datapackage.json`` (a Frictionless Data Package) describing them all."""

import csv
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, Table, or_, select
from sqlalchemy.orm import Session

from hunyin.codes import code_table_text, code_tables
from warehouse.auditlog import append_events, system_event
from warehouse.exchange import flat
from warehouse.exchange.tables import exchanged_tables, reference_tables, table_schema, to_json
from warehouse.models import FieldProvenance, RecordRow

PACKAGE = "datapackage.json"
PROFILE = "hunyin-exchange/1"
# Rows fetched per round trip when streaming a table.
_BATCH = 2_000


@dataclass(slots=True)
class ExportSummary:
    out_dir: Path
    records: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)


def _selected_records(session: Session, *, office: str | None, since: date | None) -> list[int]:
    query = select(RecordRow.id).order_by(RecordRow.id)
    if office:
        query = query.where(RecordRow.office_code == office)
    if since:
        start = datetime.combine(since, datetime.min.time())
        query = query.where(or_(RecordRow.updated_at >= start, RecordRow.created_at >= start))
    return list(session.scalars(query))


def _chunks(ids: list[int], size: int = 900) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _queries(
    table: Table, *, chosen: dict[str, list[int]], filtered: bool
) -> list[Select[Any]] | None:
    """The statements selecting the table's rows to export; ``None``: the table is left out.
    Unfiltered, every row travels. Filtered, a row travels when it belongs to a chosen record
    or party (by a foreign key), or is a document a chosen record or reading names."""
    order = list(table.primary_key.columns)
    if not filtered or table.name in reference_tables():
        return [select(table).order_by(*order)]
    if table.name in chosen:
        ids = chosen[table.name]
        return [select(table).where(table.c.id.in_(c)).order_by(*order) for c in _chunks(ids)]
    links = [fk for fk in table.foreign_keys if fk.column.table.name in ("records", "parties")]
    if not links:
        return None
    statements = []
    for fk in links:
        parents = chosen.get(fk.column.table.name, [])
        statements += [
            select(table).where(fk.parent.in_(c)).order_by(*order) for c in _chunks(parents)
        ]
    return statements


def _stream(session: Session, table: Table, queries: list[Select[Any]]) -> Iterator[dict[str, Any]]:
    # a row reached through two foreign keys (or chunks) travels once
    keys = [c.name for c in table.primary_key.columns]
    seen: set[tuple[Any, ...]] = set()
    for query in queries:
        for row in session.execute(query.execution_options(yield_per=_BATCH)).mappings():
            if len(queries) > 1:
                key = tuple(row[k] for k in keys)
                if key in seen:
                    continue
                seen.add(key)
            yield dict(row)


def _write_table(path: Path, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            values = {c.name: to_json(c, row[c.name]) for c in table.columns}
            out.write(json.dumps(values, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count


def _sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _write_registrations(path: Path, session: Session, record_ids: list[int]) -> int:
    names = [c["name"] for c in flat.columns()]
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(names)
        for row in flat.rows(session, record_ids=record_ids):
            writer.writerow([_cell(row.get(n)) for n in names])
            count += 1
    return count


def _document_ids(session: Session, record_ids: list[int]) -> list[int]:
    found: set[int] = set()
    for chunk in _chunks(record_ids):
        found |= set(
            session.scalars(
                select(RecordRow.source_document_id).where(
                    RecordRow.id.in_(chunk), RecordRow.source_document_id.is_not(None)
                )
            )
        )
        found |= set(
            session.scalars(
                select(FieldProvenance.source_document_id).where(
                    FieldProvenance.record_id.in_(chunk),
                    FieldProvenance.source_document_id.is_not(None),
                )
            )
        )
    return sorted(found)


def _party_ids(session: Session, table: Table, record_ids: list[int]) -> list[int]:
    return sorted(
        pid
        for chunk in _chunks(record_ids)
        for pid in session.scalars(select(table.c.id).where(table.c.record_id.in_(chunk)))
    )


def export_store(
    session: Session, *, out_dir: Path, office: str | None = None, since: date | None = None
) -> ExportSummary:
    """Write the export folder; audited as one event (the rows hold personal data)."""
    filtered = office is not None or since is not None
    tables_dir = out_dir / "tables"
    codes_dir = out_dir / "codes"
    tables_dir.mkdir(parents=True, exist_ok=True)
    codes_dir.mkdir(parents=True, exist_ok=True)
    record_ids = _selected_records(session, office=office, since=since)
    tables = {t.name: t for t in exchanged_tables()}
    chosen = {"records": record_ids}
    if filtered:
        chosen["parties"] = _party_ids(session, tables["parties"], record_ids)
        chosen["source_documents"] = _document_ids(session, record_ids)
    summary = ExportSummary(out_dir=out_dir, records=len(record_ids))
    resources: list[dict[str, Any]] = []
    for table in tables.values():
        queries = _queries(table, chosen=chosen, filtered=filtered)
        if queries is None:
            summary.left_out.append(table.name)
            continue
        path = tables_dir / f"{table.name}.jsonl"
        summary.rows[table.name] = _write_table(path, table, _stream(session, table, queries))
        resources.append(
            {
                "name": table.name,
                "path": f"tables/{path.name}",
                "format": "jsonl",
                "mediatype": "application/x-ndjson",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "hash": _sha256(path),
                "rows": summary.rows[table.name],
                "schema": table_schema(table),
            }
        )
    flat_path = out_dir / "registrations.csv"
    summary.rows["registrations"] = _write_registrations(flat_path, session, record_ids)
    resources.append(
        {
            "name": "registrations",
            "path": flat_path.name,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "description": "one row per registration: written values with their national codes",
            "hash": _sha256(flat_path),
            "rows": summary.rows["registrations"],
            "schema": flat.table_schema(),
        }
    )
    for name, table_spec in code_tables().items():
        path = codes_dir / table_spec.file
        path.write_text(code_table_text(name), encoding="utf-8")
        resources.append(
            {
                "name": f"code-{name}",
                "path": f"codes/{path.name}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": f"{table_spec.standard} ({table_spec.scope})",
                "hash": _sha256(path),
            }
        )
    package = {
        "profile": "data-package",
        "name": "hunyin-export",
        "title": "楚雄州婚姻登记档案 consolidated records",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "hunyin:format": PROFILE,
        "hunyin:selection": {
            "office": office,
            "since": since.isoformat() if since else None,
            "left_out": summary.left_out,
        },
        "resources": resources,
    }
    (out_dir / PACKAGE).write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    append_events(
        session,
        events=[
            system_event(
                actor="system:export",
                action="export",
                purpose="records handed to another department",
                subject=f"{summary.records} records",
                details={
                    "office": office,
                    "since": since.isoformat() if since else None,
                    "rows": summary.rows,
                },
            )
        ],
    )
    return summary
