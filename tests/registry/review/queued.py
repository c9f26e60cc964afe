"""A queued record to review: the sample scan of 楚雄市 with its male ID number misread."""

from pathlib import Path

from sqlalchemy import select

from hunyin.schema import FieldReading, Issue, Record, Region
from tests.factories import record
from validation.rules import check_record
from warehouse.db import transaction
from warehouse.documents import register_document
from warehouse.loading import Keyed, upsert_records
from warehouse.models import RecordRow

TRUE_ID = "532301199111152090"
MISREAD = "532301199111152096"  # the check character read wrong
SCAN = Path("scans") / "532301" / "2018" / "00002.png"


def _misread() -> Record:
    readings = [
        FieldReading(
            field="male.id_number",
            value=MISREAD,
            engine="rapidocr",
            confidence=0.55,
            region=Region(x0=300, y0=300, x1=900, y1=360),
        ),
        FieldReading(field="male.name", value="程辉忠", engine="tesseract", confidence=0.97),
    ]
    base = record(file=str(SCAN), status="needs_review", readings=readings)
    misread = base.model_copy(update={"male": base.male.model_copy(update={"id_number": MISREAD})})
    doubt = Issue(
        field="male.id_number", rule="low-confidence", message="unsure", severity="warning"
    )
    return misread.model_copy(update={"issues": [doubt, *check_record(misread)]})


def queue_misread(url: str, samples_dir: Path, *, batch: str = "b1") -> int:
    """Load the record as the reader left it (needs review) with its scan; returns its id."""
    scan = samples_dir / SCAN
    key = f"scan:{'c' * 64}:1"
    with transaction(url) as session:
        doc = register_document(
            session,
            sha256="c" * 64,
            path=str(scan),
            kind="scan",
            batch=batch,
            size_bytes=scan.stat().st_size,
            pages=1,
            outcome="records",
        )
        item = Keyed(key=key, record=_misread(), source_document_id=doc)
        upsert_records(session, items=[item], source_kind="scan", batch=batch, engine="ocr")
        return int(session.scalar(select(RecordRow.id).where(RecordRow.natural_key == key)) or 0)
