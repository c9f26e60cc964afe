"""The consolidated registrations as one table: written values, national codes beside them,
anomaly notes, and the provenance of every value (``registrations.toml``)."""

import tomllib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hunyin.codes import code_tables, county_code_in, office_by_code
from warehouse.models import FieldProvenance, PartyRow, RecordRow, SourceDocument

ROLES = ("male", "female")
# A county office registers mainland residents only: foreign-related and Taiwan cases go to
# the offices the province designates (婚姻登记条例 art. 2; domain.md, jurisdiction).
_MAINLAND = "CHN"


@lru_cache(maxsize=1)
def _spec() -> dict[str, list[dict[str, str]]]:
    text = files("warehouse.exchange").joinpath("registrations.toml").read_text("utf-8")
    return tomllib.loads(text)


def columns() -> list[dict[str, str]]:
    """Every column of the table in order, party columns once per role."""
    spec = _spec()
    party = [
        {**c, "name": f"{role}_{c['name']}", "written": f"{role}_{c['written']}"}
        if "written" in c
        else {**c, "name": f"{role}_{c['name']}"}
        for role in ROLES
        for c in spec["party"]
    ]
    return [*spec["record"], *party, *spec["tail"]]


def table_schema() -> dict[str, Any]:
    """The Frictionless Table Schema of the table, each coded column naming its standard."""
    tables = code_tables()
    fields = []
    for column in columns():
        field: dict[str, Any] = {
            "name": column["name"],
            "type": column["type"],
            "description": column["description"],
        }
        if "code" in column:
            table = tables[column["code"]]
            field["standard"] = table.standard
            field["codeTable"] = f"codes/{table.file}"
        fields.append(field)
    return {"fields": fields, "primaryKey": ["record_id"], "missingValues": [""]}


def _party(row: PartyRow | None, *, office_code: str | None) -> dict[str, Any]:
    tables = code_tables()
    if row is None:
        return {}
    office = office_by_code(office_code) if office_code else None
    county_office = office is not None and office.level == "county"
    return {
        "name": row.name,
        "sex": row.sex,
        "sex_code": tables["sex"].code_of(row.sex),
        "birth_date": row.birth_date.isoformat() if row.birth_date else None,
        "id_number": row.id_number,
        "id18": row.id18,
        "ethnicity": row.ethnicity,
        "ethnicity_code": tables["ethnicity"].code_of(row.ethnicity),
        "nationality_code": _MAINLAND if county_office else None,
        "hukou": row.hukou,
        "hukou_county_code": county_code_in(row.hukou),
        "occupation": row.occupation,
        "education": row.education,
        "prior_status": row.prior_status,
        "prior_status_code": tables["marital_status"].code_of(row.prior_status),
    }


def _provenance(rows: Sequence[FieldProvenance]) -> dict[str, list[dict[str, Any]]]:
    by_field: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in rows:
        by_field[p.field].append(
            {
                "value": p.value,
                "engine": p.engine,
                "engine_version": p.engine_version,
                "confidence": p.confidence,
                "page": p.page,
                "region": p.region,
                "previous_value": p.previous_value,
                "corrected_by": p.corrected_by,
                "recorded_at": p.recorded_at.isoformat() if p.recorded_at else None,
            }
        )
    return dict(by_field)


def rows(session: Session, *, record_ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    """One row per registration, in record order."""
    chunk = 500
    for start in range(0, len(record_ids), chunk):
        ids = list(record_ids[start : start + chunk])
        records = session.scalars(
            select(RecordRow)
            .where(RecordRow.id.in_(ids))
            .options(selectinload(RecordRow.parties))
            .order_by(RecordRow.id)
        ).all()
        provenance: dict[int, list[FieldProvenance]] = defaultdict(list)
        for p in session.scalars(
            select(FieldProvenance)
            .where(FieldProvenance.record_id.in_(ids))
            .order_by(FieldProvenance.id)
        ):
            provenance[p.record_id].append(p)
        doc_ids = {r.source_document_id for r in records if r.source_document_id}
        docs = {
            d.id: d
            for d in session.scalars(select(SourceDocument).where(SourceDocument.id.in_(doc_ids)))
        }
        for record in records:
            yield _row(record, provenance[record.id], docs.get(record.source_document_id or 0))


def _row(
    record: RecordRow, provenance: Sequence[FieldProvenance], doc: SourceDocument | None
) -> dict[str, Any]:
    parties = {p.role: p for p in record.parties}
    issues = list(record.issues or [])
    row: dict[str, Any] = {
        "record_id": record.id,
        "record_type": record.record_type,
        "status": record.status,
        "registration_date": record.registration_date.isoformat()
        if record.registration_date
        else None,
        "office_code": record.office_code,
        "office_name": record.office_name,
        "certificate_no": record.certificate_no,
        "registrar": record.registrar,
    }
    for role in ROLES:
        for name, value in _party(parties.get(role), office_code=record.office_code).items():
            row[f"{role}_{name}"] = value
    row["anomaly_notes"] = "\n".join(
        f"{i.get('rule')}: {i.get('message')}" for i in issues if i.get("severity") == "anomaly"
    )
    row["issues"] = issues
    row["source"] = {
        "kind": record.source_kind,
        "natural_key": record.natural_key,
        "document_sha256": doc.sha256 if doc else None,
        "document_path": doc.path if doc else None,
        # a ledger record's page column holds its row in the ledger
        "page": record.page if record.source_kind != "ledger" else None,
        "row": record.page if record.source_kind == "ledger" else None,
        "batch": record.batch,
    }
    row["provenance"] = _provenance(provenance)
    return row
