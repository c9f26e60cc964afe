"""A record's own page of its scan, rendered from the source, never the source file itself.

A PDF or a multi-page TIFF holds several records, often of several offices; only the page the
record was read from ever leaves the service (``original-office-archive``). A ledger record has
no scan: its row is the record's data, shown by the review document.
"""

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from sqlalchemy.orm import Session

from ocr.media import load_page
from registry.errors import ApiError
from warehouse.models import RecordRow, SourceDocument

# Wide pages are scaled down for the browser; the outlines are scaled with them.
MAX_WIDTH = 1400
_NO_SCAN = {
    "ledger": "a ledger record has no scan: its row is the record's data (see the review record)",
    "live": "a live registration has no scan",
}


def scan_source(session: Session, row: RecordRow) -> Path:
    """The file ``row`` was read from, or a 404 saying why there is no scan to show."""
    reason = _NO_SCAN.get(row.source_kind)
    if reason is not None:
        raise ApiError(404, reason, code="no_scan")
    document = (
        session.get(SourceDocument, row.source_document_id) if row.source_document_id else None
    )
    if document is None or document.kind != "scan":
        raise ApiError(404, "this record was not read from a scan", code="no_scan")
    path = Path(document.path)
    if not path.is_file():
        raise ApiError(404, "the scan file is not at its recorded place", code="no_scan")
    return path


def _page_image(path: Path, *, page: int) -> Image.Image:
    try:
        return Image.fromarray(load_page(path, page=page)).convert("RGB")
    except Exception as exc:  # a damaged file must not become a 500: the archive is told why
        raise ApiError(404, "the scan page cannot be rendered", code="no_scan") from exc


def page_png(path: Path, *, page: int, regions: Sequence[Mapping[str, Any]] = ()) -> bytes:
    """PNG bytes of page ``page`` of ``path`` alone, a red box around each region."""
    image = _page_image(path, page=page)
    draw = ImageDraw.Draw(image)
    width = max(2, image.width // 400)
    for box in regions:
        corners = (box["x0"], box["y0"], box["x1"], box["y1"])
        draw.rectangle(corners, outline=(220, 0, 0), width=width)
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# A field's crop is shown enlarged beside its input; a margin keeps the label in view.
CROP_MARGIN = 24
CROP_WIDTH = 520


def field_crop(path: Path, *, page: int, box: dict[str, Any]) -> bytes:
    """PNG bytes of one field's region of the page, with a margin, enlarged for reading."""
    image = _page_image(path, page=page)
    left = max(0, int(box["x0"]) - CROP_MARGIN)
    top = max(0, int(box["y0"]) - CROP_MARGIN)
    right = min(image.width, int(box["x1"]) + CROP_MARGIN)
    bottom = min(image.height, int(box["y1"]) + CROP_MARGIN)
    crop = image.crop((left, top, max(right, left + 1), max(bottom, top + 1)))
    scale = CROP_WIDTH / crop.width
    crop = crop.resize((CROP_WIDTH, max(1, round(crop.height * scale))))
    out = io.BytesIO()
    crop.save(out, format="PNG")
    return out.getvalue()
