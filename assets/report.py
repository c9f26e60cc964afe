"""The quality report of a batch and of the whole store, for data stewards."""

from dagster import AssetExecutionContext, MetadataValue, asset

from assets.partitions import batches
from assets.resources import InboxResource, StoreResource
from validation.report import write_report
from validation.report.pagefiles import PageFiles
from warehouse.db import transaction


@asset(partitions_def=batches, group_name="quality", deps=["person_index"])
def quality_report(
    context: AssetExecutionContext, store: StoreResource, inbox: InboxResource
) -> None:
    """An HTML report per batch and overall, with plots, every ID number masked."""
    out_dir = inbox.var / "reports"
    pages = PageFiles(var_dir=inbox.var, inbox_dir=inbox.inbox)
    with transaction(store.url()) as session:
        batch_page = write_report(
            session=session, out_dir=out_dir, batch=context.partition_key, page_files=pages
        )
        overall = write_report(session=session, out_dir=out_dir, batch=None, page_files=pages)
    context.add_output_metadata(
        {
            "report": MetadataValue.url(batch_page.resolve().as_uri()),
            "overall": MetadataValue.url(overall.resolve().as_uri()),
        }
    )
