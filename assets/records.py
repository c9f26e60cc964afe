"""Extracted and validated records of a batch, with the checks that guard them."""

from dagster import AssetExecutionContext, asset

from assets.partitions import batches
from assets.resources import InboxResource
from batch.extract import page_item
from batch.intake import BatchIntake
from batch.pages import ReadPage
from batch.pagexml import write_stored_page
from batch.results import BatchResults
from hunyin.schema import Record, Source
from validation.routing import route
from validation.rules import check_record


@asset(partitions_def=batches, group_name="scans")
def extracted_records(
    context: AssetExecutionContext,
    inbox: InboxResource,
    intake: BatchIntake,
    ocr_readings: list[ReadPage],
) -> BatchResults:
    """Fields read from each page by their printed labels; junk files carried as outcomes;
    each page's text as a PAGE XML file under ``var/page-xml``."""
    refused = [s.outcome for s in intake.scans if s.outcome is not None]
    results = BatchResults(
        items=list(refused),
        expected_files={o.source.file for o in refused} | {p.ref.file for p in ocr_readings},
    )
    for page in ocr_readings:
        ref = page.ref
        source = Source(file=ref.file, page=ref.page, sha256=ref.sha256)
        item = page_item(page.result, source=source)
        results.items.append(item)
        write_stored_page(
            var_dir=inbox.var, inbox_dir=inbox.inbox, scan=ref.path, result=page.result, item=item
        )
    context.add_output_metadata(results.counts())
    return results


@asset(partitions_def=batches, group_name="scans")
def validated_records(
    context: AssetExecutionContext, extracted_records: BatchResults
) -> BatchResults:
    """Records after the record rules: an ``error`` sends a record to review."""
    validated = BatchResults(
        items=[
            route(r, rule_issues=check_record(r)) if isinstance(r, Record) else r
            for r in extracted_records.items
        ],
        expected_files=extracted_records.expected_files,
    )
    context.add_output_metadata(validated.counts())
    return validated
