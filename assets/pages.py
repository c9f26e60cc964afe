"""Pages: the pages of the batch's usable scans that are still to be read."""

from dagster import AssetExecutionContext, Config, asset

from assets.partitions import batches
from assets.resources import StoreResource
from batch.intake import BatchIntake
from batch.pages import PageRef, pages_to_read
from warehouse.db import transaction


class PagesConfig(Config):
    reprocess: bool = False
    """Read every page again, even of files already read."""


@asset(partitions_def=batches, group_name="scans")
def pages(
    context: AssetExecutionContext, config: PagesConfig, store: StoreResource, intake: BatchIntake
) -> list[PageRef]:
    """Pages to read; files already read in an earlier run are skipped unless reprocessing."""
    with transaction(store.url()) as session:
        todo = pages_to_read(session, intake=intake, reprocess=config.reprocess)
    context.add_output_metadata({"pages": len(todo), "files": len({p.sha256 for p in todo})})
    return todo
