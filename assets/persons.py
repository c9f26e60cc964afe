"""The person index: the batch's new parties linked to the persons already known."""

from dagster import AssetExecutionContext, asset

from assets.partitions import batches
from assets.resources import StoreResource
from warehouse.db import transaction
from warehouse.linkage import link_pending


@asset(partitions_def=batches, group_name="store", deps=["consolidated_store"])
def person_index(context: AssetExecutionContext, store: StoreResource) -> None:
    """Parties joined into persons: by identity number first, then by probability."""
    with transaction(store.url()) as session:
        result = link_pending(session)
    context.add_output_metadata(
        {
            "parties_linked": result.linked,
            "linked_by_id": result.linked_by_id,
            "linked_probable": result.linked_probable,
            "persons_created": result.persons_created,
        }
    )
