"""Intake: every file of a batch hashed and registered as a source document."""

from dagster import AssetExecutionContext, asset

from assets.partitions import batches
from assets.resources import InboxResource, StoreResource
from batch.intake import BatchIntake, refuse_changed, take_in
from hunyin.inbox import batch_for_key
from hunyin.settings import get_settings
from warehouse.db import transaction
from warehouse.documents import register_document


@asset(partitions_def=batches, group_name="scans")
def intake(
    context: AssetExecutionContext, inbox: InboxResource, store: StoreResource
) -> BatchIntake:
    """Every file of the batch, hashed, registered, junk marked with its reason."""
    batch = batch_for_key(inbox.inbox, context.partition_key)
    taken = take_in(batch, max_pixels=get_settings().max_image_pixels)
    with transaction(store.url()) as session:
        taken = refuse_changed(session, intake=taken)
        for scan in taken.scans:
            register_document(
                session,
                sha256=scan.sha256,
                path=str((batch.path / scan.file).resolve()),
                kind="scan",
                batch=batch.key,
                size_bytes=scan.size_bytes,
                pages=scan.pages,
                outcome=scan.outcome.status if scan.outcome else None,
                reason=scan.outcome.reason if scan.outcome else None,
            )
        for ledger in taken.ledgers:
            register_document(
                session,
                sha256=ledger.sha256,
                path=str(ledger.path.resolve()),
                kind="ledger",
                batch=batch.key,
                size_bytes=ledger.size_bytes,
                outcome="quarantined" if ledger.refused else None,
                reason=ledger.refused,
            )
    context.add_output_metadata(
        {
            "files": taken.files,
            "scans": len(taken.scans),
            "ledgers": len(taken.ledgers),
            "quarantined": len(taken.quarantined),
            "ledgers_refused": sum(1 for ledger in taken.ledgers if ledger.refused),
        }
    )
    return taken
