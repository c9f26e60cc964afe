"""Jobs: the whole batch graph, from intake to the quality report.

A batch an office hands in goes ahead of a backfill: the run queue orders runs by
``dagster/priority``, and Celery orders steps by ``dagster-celery/run_priority``. Runs carry the
backfill's lower priority unless the inbox sensor (an office's own batch) says otherwise, so a
backfill launched from the UI is behind by default.
"""

from dagster import AssetSelection, define_asset_job

from assets.partitions import batches

OFFICE_PRIORITY = 5
BACKFILL_PRIORITY = 0


def priority_tags(*, backfill: bool) -> dict[str, str]:
    """The tags that place a run ahead of (office batch) or behind (backfill) others."""
    value = str(BACKFILL_PRIORITY if backfill else OFFICE_PRIORITY)
    return {"dagster/priority": value, "dagster-celery/run_priority": value}


batch_job = define_asset_job(
    name="batch_job",
    selection=AssetSelection.all(),
    partitions_def=batches,
    description="Read, validate, load, link and report one intake batch.",
    tags=priority_tags(backfill=True),
)
