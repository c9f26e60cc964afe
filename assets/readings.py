"""OCR readings: every page through the engines, in parallel worker processes."""

from dagster import AssetExecutionContext, asset

from assets.partitions import batches
from hunyin.pages import PageRef
from ocr.parallel import PageResult, read_pages
from pipelines.resources import OcrResource


@asset(partitions_def=batches, group_name="scans")
def ocr_readings(
    context: AssetExecutionContext, ocr: OcrResource, pages: list[PageRef]
) -> list[tuple[PageRef, PageResult]]:
    """Text lines with boxes and confidences per engine, for each page still to read."""
    results = read_pages(
        [(str(p.path), p.page) for p in pages],
        engine_factory=ocr.engine_factory(),
        workers=ocr.workers,
    )
    context.add_output_metadata(
        {
            "pages": len(pages),
            "blank": sum(1 for r in results if not isinstance(r, str) and r.blank),
            "unreadable": sum(1 for r in results if isinstance(r, str)),
        }
    )
    return list(zip(pages, results, strict=True))
