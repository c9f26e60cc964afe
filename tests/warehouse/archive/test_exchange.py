"""Exchange: a store exported and imported into an empty SQLite or PostgreSQL store comes back
row for row (records, parties, provenance, documents, codes and every other archive table);
the registrations table carries the national codes beside the written values."""

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from batch.ledgers import import_ledgers
from batch.scans import load_scan_results
from cli.main import main
from hunyin.schema import FieldReading, Issue, Region
from tests.factories import party, record
from warehouse.db import transaction
from warehouse.documents import register_document
from warehouse.exchange.tables import exchanged_tables
from warehouse.models import FieldProvenance, RecordRow
from warehouse.store import prepare

LEDGERS = ("532301-ledger.csv", "532322-ledger.xlsx", "532321-ledger.csv")


def _source_store(tmp_path: Path, samples_dir: Path) -> str:
    """Ledgers of three offices, two scanned records with their readings, one corrected."""
    url = prepare(f"sqlite:///{tmp_path / 'source.db'}")
    import_ledgers(url, [samples_dir / "ledgers" / name for name in LEDGERS])
    scans = [
        record(file="532301/2018/00002.png"),
        record(
            file="532321/1978/00017.jpg",
            status="needs_review",
            registration_date=date(1978, 3, 18),
            office_code="532321",
            office_name="楚雄县民政局",
            certificate_no="(78)楚民结字第0017号",
            male=party("male", id_number=None, ethnicity="彝族", birth_date=date(1959, 5, 1)),
            female=party("female", id_number=None, birth_date=date(1961, 2, 3)),
            issues=[Issue(field=None, rule="min-age", message="女方未满18岁", severity="anomaly")],
        ),
    ]
    for item in scans:
        item.readings = [
            FieldReading(
                field="male.name",
                value=item.male.name,
                engine="rapidocr",
                engine_version="PP-OCRv6",
                confidence=0.9731,
                region=Region(x0=10, y0=20, x1=110, y1=60),
            )
        ]
    with transaction(url) as session:
        for item in scans:
            register_document(
                session,
                sha256=str(item.source.sha256),
                path=f"/archive/{item.source.file}",
                kind="scan",
                batch="532301-t1",
                size_bytes=1234,
                pages=1,
            )
        load_scan_results(session, results=scans, batch="532301-t1", audit_rate=0.0)
        row = session.scalars(select(RecordRow).where(RecordRow.status == "needs_review")).one()
        session.add(
            FieldProvenance(
                record_id=row.id,
                field="female.name",
                value="唐芳",
                engine="steward",
                confidence=1.0,
                previous_value="唐芬",
                corrected_by="steward1",
            )
        )
    return url


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    with transaction(url) as session:
        for table in exchanged_tables():
            order = list(table.primary_key.columns)
            found[table.name] = [tuple(r) for r in session.execute(select(table).order_by(*order))]
    return found


def test_export_then_import_into_an_empty_store_reproduces_every_row(
    tmp_path: Path, samples_dir: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source_store(tmp_path, samples_dir)
    out = tmp_path / "export"
    assert main(["export", "--out", str(out), "--db", source]) == 0
    assert main(["import-export", str(out), "--db", store_url]) == 0
    before, after = _rows(source), _rows(store_url)
    assert {"records", "parties", "field_provenance", "source_documents", "offices"} <= set(before)
    assert len(before["records"]) > 100 and len(before["field_provenance"]) > 40
    for name, rows in before.items():
        assert after[name] == rows, name
    # a second import into the now full store is refused and changes nothing
    assert main(["import-export", str(out), "--db", store_url]) == 1
    assert "not empty" in capsys.readouterr().err
    assert _rows(store_url) == after


def test_registrations_carry_codes_beside_values_anomalies_and_provenance(
    tmp_path: Path, samples_dir: Path
) -> None:
    source = _source_store(tmp_path, samples_dir)
    out = tmp_path / "export"
    assert main(["export", "--out", str(out), "--db", source, "--office", "532321"]) == 0
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    schema = {f["name"]: f for f in resources["registrations"]["schema"]["fields"]}
    assert schema["male_ethnicity_code"]["standard"].startswith("GB/T 3304")
    assert schema["female_prior_status_code"]["standard"].startswith("GB/T 2261.2")
    assert schema["male_hukou_county_code"]["standard"].startswith("GB/T 2260")
    assert schema["male_nationality_code"]["standard"].startswith("GB/T 2659")
    assert (out / resources["code-ethnicity"]["path"]).is_file()
    with (out / "registrations.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["office_code"] for r in rows} == {"532321"}
    scanned = next(r for r in rows if r["certificate_no"] == "(78)楚民结字第0017号")
    assert (scanned["male_ethnicity"], scanned["male_ethnicity_code"]) == ("彝族", "07")
    assert scanned["male_prior_status_code"] == "10"
    assert scanned["male_sex_code"] == "1" and scanned["female_sex_code"] == "2"
    assert scanned["male_hukou_county_code"] == "532301"
    assert scanned["female_hukou_county_code"] == "532324"
    assert scanned["male_nationality_code"] == "CHN"
    assert scanned["anomaly_notes"] == "min-age: 女方未满18岁"
    provenance = json.loads(scanned["provenance"])
    assert provenance["male.name"][0]["engine"] == "rapidocr"
    assert provenance["male.name"][0]["region"] == {"x0": 10, "y0": 20, "x1": 110, "y1": 60}
    assert provenance["female.name"][-1]["corrected_by"] == "steward1"
    assert json.loads(scanned["source"])["document_path"] == "/archive/532321/1978/00017.jpg"
    records = [json.loads(x) for x in (out / "tables/records.jsonl").read_text().splitlines()]
    assert {r["office_code"] for r in records} == {"532321"}
    assert len(records) == len(rows)


def test_a_tampered_export_is_refused_and_nothing_is_loaded(
    tmp_path: Path, samples_dir: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source_store(tmp_path, samples_dir)
    out = tmp_path / "export"
    assert main(["export", "--out", str(out), "--db", source, "--since", "2000-01-01"]) == 0
    parties = out / "tables" / "parties.jsonl"
    parties.write_text(parties.read_text(encoding="utf-8").replace("汉族", "漢族", 1), "utf-8")
    assert main(["import-export", str(out), "--db", sqlite_url]) == 1
    assert "does not match its hash" in capsys.readouterr().err
    assert _rows(sqlite_url)["records"] == []


def test_an_export_missing_a_table_its_rows_need_is_refused(
    tmp_path: Path, samples_dir: Path, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source_store(tmp_path, samples_dir)
    out = tmp_path / "export"
    assert main(["export", "--out", str(out), "--db", source]) == 0
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "records"]
    (out / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert main(["import-export", str(out), "--db", sqlite_url]) == 1
    assert "refuses a row" in capsys.readouterr().err
    assert _rows(sqlite_url)["parties"] == []
