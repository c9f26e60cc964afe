"""The consolidated store: the batch's records and ledgers backfilled, idempotently."""

from dagster import AssetExecutionContext, asset

from assets.partitions import batches
from assets.resources import StoreResource
from batch.dedupe import merge_duplicates
from batch.intake import BatchIntake
from batch.ledgers import import_batch
from batch.results import BatchResults
from batch.scans import load_scan_results
from hunyin.settings import get_settings
from warehouse.db import transaction


@asset(partitions_def=batches, group_name="store")
def consolidated_store(
    context: AssetExecutionContext,
    store: StoreResource,
    intake: BatchIntake,
    validated_records: BatchResults,
) -> dict[str, int]:
    """Scans upserted on (file SHA-256, page), ledger rows on their natural key, copies merged."""
    url = store.url()
    with transaction(url) as session:
        scans = load_scan_results(
            session,
            results=validated_records.items,
            batch=context.partition_key,
            audit_rate=get_settings().audit_sample_rate,
        )
    ledgers, refused = import_batch(
        url,
        paths=[f.path for f in intake.ledgers if not f.refused],
        office_code=context.partition_key.split("-", 1)[0],
        batch=context.partition_key,
    )
    with transaction(url) as session:
        merged = merge_duplicates(session, batch=context.partition_key)
    summary = {
        "duplicates_merged": merged,
        "records_inserted": scans.load.inserted,
        "records_updated": scans.load.updated,
        "records_unchanged": scans.load.unchanged,
        "blank_pages": scans.blank_pages,
        "quarantined_files": scans.quarantined_files,
        "audit_sampled": scans.audit_sampled,
        "ledger_rows_read": ledgers.rows_read,
        "ledger_rows_imported": ledgers.imported,
        "ledger_rows_present": ledgers.already_present,
        "ledger_rows_to_review": ledgers.to_review,
        "ledger_rows_quarantined": ledgers.quarantined,
        "ledger_files_refused": len(refused),
    }
    context.add_output_metadata(summary)
    return summary
