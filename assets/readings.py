"""OCR readings: every page through the engines, in parallel worker processes."""

from dagster import AssetExecutionContext, asset

from assets.partitions import batches
from assets.resources import OcrResource
from batch.pages import PageRef, ReadPage
from ocr.parallel import read_pages


@asset(partitions_def=batches, group_name="scans")
def ocr_readings(
    context: AssetExecutionContext, ocr: OcrResource, pages: list[PageRef]
) -> list[ReadPage]:
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
    return [ReadPage(ref=p, result=r) for p, r in zip(pages, results, strict=True)]
