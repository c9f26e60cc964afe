"""The quality report: plots in the page, counts right, and no whole ID number anywhere."""

from datetime import date
from pathlib import Path

from sqlalchemy import select

from hunyin.domain.idnumber import ids_in_text
from hunyin.schema import FieldReading, Issue
from tests.english import english_sentences
from tests.factories import record
from validation.docs import DOCS_INDEX
from validation.report import write_report
from validation.report.pagefiles import PageFiles
from warehouse.db import transaction
from warehouse.documents import register_document
from warehouse.loading import Keyed, upsert_records
from warehouse.models import FieldProvenance


def _load(url: str) -> None:
    readings = [
        FieldReading(field="male.id_number", value=None, engine="rapidocr", confidence=0.62),
        FieldReading(field="male.name", value=None, engine="tesseract", confidence=0.91),
    ]
    doubtful = record(
        file="a.jpg",
        status="needs_review",
        readings=readings,
        issues=[Issue(field="male.id_number", rule="id-check", message="check", severity="error")],
    )
    old = record(
        file="b.jpg",
        registration_date=date(1978, 3, 1),
        certificate_no="(78)楚民结字第0001号",
        issues=[Issue(field="female.birth_date", rule="min-age", message="m", severity="anomaly")],
    )
    with transaction(url) as session:
        doc = register_document(
            session,
            sha256="a" * 64,
            path="532301/a.jpg",
            kind="scan",
            batch="b1",
            size_bytes=10,
            pages=1,
            outcome="records",
        )
        register_document(
            session,
            sha256="b" * 64,
            path="532301/bad.pdf",
            kind="scan",
            batch="b1",
            size_bytes=3,
            outcome="quarantined",
            reason="not a scan: content is neither JPEG, PNG, TIFF nor PDF",
        )
        items = [
            Keyed(key="k1", record=doubtful, source_document_id=doc),
            Keyed(key="k2", record=old),
        ]
        upsert_records(session, items=items, source_kind="scan", batch="b1", engine="ocr")
        read = session.scalars(
            select(FieldProvenance).where(FieldProvenance.field == "male.id_number")
        ).first()
        assert read is not None
        session.add(
            FieldProvenance(
                record_id=read.record_id,
                field="male.id_number",
                value="532301199111152090",
                engine="steward",
                previous_value=read.value,
                corrected_by="steward1",
            )
        )


def test_report_has_plots_counts_and_no_id_number(store_url: str, tmp_path: Path) -> None:
    _load(store_url)
    with transaction(store_url) as session:
        batch_page = write_report(session=session, out_dir=tmp_path, batch="b1")
        overall = write_report(session=session, out_dir=tmp_path, batch=None)
    for page in (batch_page, overall):
        html = page.read_text(encoding="utf-8")
        assert html.count('src="data:image/png;base64,') >= 4
        assert ids_in_text(html) == []
        # reasons and rules by their Chinese names, and no English sentence anywhere
        assert "不是扫描件" in html and "法定婚龄" in html and "身份证号校验码不符" in html
        assert english_sentences(html) == []
        # one reading by rapidocr, corrected once: none of its readings of the field held
        assert "<td>男方·身份证件号</td><td>rapidocr</td><td>1</td><td>1</td><td>0.0</td>" in html
    assert batch_page.name == "batch-b1.html" and overall.name == "overall.html"


def test_report_of_an_empty_batch(store_url: str, tmp_path: Path) -> None:
    with transaction(store_url) as session:
        page = write_report(session=session, out_dir=tmp_path, batch="nothing")
    assert "此范围内没有数据。" in page.read_text(encoding="utf-8")


def test_report_links_the_data_docs_beside_it(store_url: str, tmp_path: Path) -> None:
    docs = tmp_path / "gx" / DOCS_INDEX
    docs.parent.mkdir(parents=True)
    docs.write_text("<html></html>")
    with transaction(store_url) as session:
        page = write_report(session=session, out_dir=tmp_path / "reports", batch=None)
    assert f'href="../gx/{DOCS_INDEX}"' in page.read_text(encoding="utf-8")


def test_report_links_each_pages_file_and_its_versions(store_url: str, tmp_path: Path) -> None:
    _load(store_url)
    # the store holds the scan at 532301/a.jpg below the working folder: that is the inbox here
    where = PageFiles(var_dir=tmp_path / "var", inbox_dir=Path.cwd())
    machine = tmp_path / "var" / "page-xml" / "532301" / "a.jpg.p1.xml"
    machine.parent.mkdir(parents=True)
    machine.write_text("<PcGts/>", encoding="utf-8")
    machine.with_name("a.jpg.p1.v2.xml").write_text("<PcGts/>", encoding="utf-8")
    with transaction(store_url) as session:
        batch_page = write_report(
            session=session, out_dir=tmp_path / "var" / "reports", batch="b1", page_files=where
        )
    html = batch_page.read_text(encoding="utf-8")
    assert 'href="../page-xml/532301/a.jpg.p1.xml">机器读数</a>' in html
    assert 'href="../page-xml/532301/a.jpg.p1.v2.xml">第2版</a>' in html
