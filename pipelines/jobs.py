"""Jobs: the whole batch graph, from intake to the quality report; the archive's fixity."""

from dagster import AssetSelection, define_asset_job

from assets.partitions import batches

FIXITY = AssetSelection.groups("archive")

batch_job = define_asset_job(
    name="batch_job",
    selection=AssetSelection.all() - FIXITY,
    partitions_def=batches,
    description="Read, validate, load, link and report one intake batch.",
)

fixity_job = define_asset_job(
    name="fixity_job",
    selection=FIXITY,
    description="Hash every stored source file again; the check lists altered and missing ones.",
)
