"""The whole batch graph materialized through Dagster, on a small real batch."""

import pytest
from dagster import DagsterInstance, materialize
from sqlalchemy import func, select

from assets.resources import FakeOcrResource, OcrResource
from hunyin.settings import Settings
from ocr.pagexml import schema_errors
from pipelines.definitions import graph, resources
from tests.assets.conftest import BATCH
from warehouse.db import transaction
from warehouse.models import PartyRow, RecordRow, SourceDocument


def _materialize(settings: Settings, ocr: OcrResource) -> dict[str, object]:
    instance = DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("batches", [BATCH])
    result = materialize(
        graph(), partition_key=BATCH, instance=instance, resources=resources(settings, ocr=ocr)
    )
    assert result.success
    return result.output_for_node("consolidated_store")  # type: ignore[no-any-return]


def _outcomes(url: str) -> dict[str, str | None]:
    with transaction(url) as session:
        rows = session.execute(select(SourceDocument.path, SourceDocument.outcome)).all()
    return {path.rsplit("/", 1)[-1]: outcome for path, outcome in rows}


def test_junk_is_quarantined_and_ledgers_load_without_real_ocr(settings: Settings) -> None:
    summary = _materialize(settings, FakeOcrResource(workers=1))
    outcomes = _outcomes(settings.db_url)
    assert outcomes["empty.jpg"] == outcomes["notes.txt"] == outcomes["fake.pdf"] == "quarantined"
    assert outcomes["00002.png"] in {"records", "blank"}
    assert summary["ledger_rows_read"] == 6  # the file has a header and six rows
    assert summary["quarantined_files"] == 3


@pytest.mark.ocr
def test_a_real_page_is_read_loaded_and_linked_once(settings: Settings) -> None:
    first = _materialize(settings, OcrResource(workers=1))
    assert first["records_inserted"] == 1
    with transaction(settings.db_url) as session:
        record = session.scalar(select(RecordRow).where(RecordRow.source_kind == "scan"))
        parties = session.scalar(select(func.count()).select_from(PartyRow))
    assert record is not None and record.certificate_no == "J532301-2018-000588"
    _page_file_written_and_linked(settings)
    second = _materialize(settings, OcrResource(workers=1))
    assert second["records_inserted"] == 0 and second["ledger_rows_imported"] == 0
    with transaction(settings.db_url) as session:
        assert session.scalar(select(func.count()).select_from(PartyRow)) == parties


def _page_file_written_and_linked(settings: Settings) -> None:
    """The page's PAGE XML file beside the stored page, valid, linked from the reports."""
    page_file = settings.var_dir / "page-xml" / "532301" / "t1" / "00002.png.p1.xml"
    assert schema_errors(page_file.read_bytes()) == []
    for report in ("batch-532301-t1.html", "overall.html"):
        html = (settings.var_dir / "reports" / report).read_text(encoding="utf-8")
        assert 'href="../page-xml/532301/t1/00002.png.p1.xml"' in html
