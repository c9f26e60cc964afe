"""OCR readings: a batch's pages cut into slices, each slice one step any OCR worker may take.

A slice is the unit of distribution and of retry. Workers of the Celery executor take slice
steps from the ``ocr`` queue; the ``ocr`` pool bounds how many run at once across all of them.
A slice's output is a pure function of its pages, and nothing is written to the store until
every slice is gathered, so a slice read twice (a retry, a worker lost mid-slice) writes nothing
twice.
"""

from collections.abc import Iterator

from dagster import (
    DynamicOut,
    DynamicOutput,
    OpExecutionContext,
    graph_asset,
    op,
)

from assets.partitions import batches
from assets.resources import OcrResource
from batch.pages import PageRef, ReadPage
from ocr.parallel import read_pages

OCR_QUEUE = "ocr"
OCR_POOL = "ocr"


@op(out=DynamicOut(list[PageRef]))
def slice_pages(ocr: OcrResource, pages: list[PageRef]) -> Iterator[DynamicOutput[list[PageRef]]]:
    """Consecutive slices of ``slice_pages`` pages; always one, empty if nothing is to read,
    so that the gathering step runs and accounts for the batch."""
    size = ocr.slice_pages
    starts = range(0, len(pages), size) if pages else range(1)
    for number, start in enumerate(starts):
        yield DynamicOutput(pages[start : start + size], mapping_key=f"slice_{number:05d}")


@op(tags={"dagster-celery/queue": OCR_QUEUE}, pool=OCR_POOL)
def read_slice(
    context: OpExecutionContext, ocr: OcrResource, pages: list[PageRef]
) -> list[ReadPage]:
    """Text lines with boxes and confidences per engine, for each page of the slice."""
    results = read_pages(
        [(str(p.path), p.page) for p in pages],
        engine_factory=ocr.engine_factory(),
        workers=ocr.workers,
    )
    context.log.info(f"read {len(pages)} pages")
    return [ReadPage(ref=p, result=r) for p, r in zip(pages, results, strict=True)]


@op
def gather_readings(context: OpExecutionContext, slices: list[list[ReadPage]]) -> list[ReadPage]:
    """The slices' readings in page order: each page of the batch once."""
    readings = [page for part in slices for page in part]
    context.add_output_metadata(
        {
            "pages": len(readings),
            "slices": len(slices),
            "blank": sum(1 for r in readings if not isinstance(r.result, str) and r.result.blank),
            "unreadable": sum(1 for r in readings if isinstance(r.result, str)),
        }
    )
    return readings


@graph_asset(partitions_def=batches, group_name="scans")
def ocr_readings(pages: list[PageRef]) -> list[ReadPage]:
    """Text lines with boxes and confidences per engine, for each page still to read."""
    return gather_readings(slice_pages(pages).map(read_slice).collect())
