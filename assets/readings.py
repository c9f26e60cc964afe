"""OCR readings: every page through the engines, in parallel worker processes."""

from dagster import AssetExecutionContext, asset

from assets.partitions import batches
from hunyin.pages import PageRef
from ocr.parallel import read_pages
from ocr.reading import PageReading
from pipelines.resources import OcrResource


@asset(partitions_def=batches, group_name="scans")
def ocr_readings(
    context: AssetExecutionContext, ocr: OcrResource, pages: list[PageRef]
) -> list[tuple[PageRef, PageReading]]:
    """Text lines with boxes and confidences per engine, for each page."""
    readings = read_pages(
        [(p.path, p.page) for p in pages], engine_factory=ocr.engines, workers=ocr.workers
    )
    context.add_output_metadata(
        {"pages": len(pages), "blank": sum(1 for r in readings if r.blank)}
    )
    return list(zip(pages, readings, strict=True))
