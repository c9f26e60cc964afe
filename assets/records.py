"""Extracted and validated records of a batch, with the checks that guard them."""

from dagster import AssetExecutionContext, asset

from assets.partitions import batches
from hunyin.intake import BatchIntake
from hunyin.pages import PageRef
from hunyin.routing import route
from hunyin.schema import Outcome, Record, Source
from ocr.extraction import extract_page
from ocr.parallel import PageResult
from validation.rules import check_record

Results = list[Record | Outcome]


@asset(partitions_def=batches, group_name="scans")
def extracted_records(
    context: AssetExecutionContext,
    intake: BatchIntake,
    ocr_readings: list[tuple[PageRef, PageResult]],
) -> Results:
    """Fields read from each page by their printed labels; junk files carried as outcomes."""
    results: Results = [s.outcome for s in intake.scans if s.outcome is not None]
    for ref, reading in ocr_readings:
        source = Source(file=ref.file, page=ref.page, sha256=ref.sha256)
        if isinstance(reading, str):
            results.append(Outcome(status="quarantined", source=source, reason=reading))
        else:
            results.append(extract_page(reading, source=source))
    context.add_output_metadata(_counts(results))
    return results


@asset(partitions_def=batches, group_name="scans")
def validated_records(context: AssetExecutionContext, extracted_records: Results) -> Results:
    """Records after the record rules: an ``error`` sends a record to review."""
    validated: Results = [
        route(r, rule_issues=check_record(r)) if isinstance(r, Record) else r
        for r in extracted_records
    ]
    context.add_output_metadata(_counts(validated))
    return validated


def _counts(results: Results) -> dict[str, int]:
    counts = {"accepted": 0, "needs_review": 0, "blank": 0, "quarantined": 0}
    for item in results:
        counts[item.status] += 1
    return counts
