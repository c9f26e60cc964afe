"""Jobs: the whole batch graph, from intake to the quality report."""

from dagster import AssetSelection, define_asset_job

from assets.partitions import batches

batch_job = define_asset_job(
    name="batch_job",
    selection=AssetSelection.all(),
    partitions_def=batches,
    description="Read, validate, load, link and report one intake batch.",
)
