"""Jobs: the whole batch graph, from intake to the quality report; the archive's fixity.

A batch an office hands in goes ahead of a backfill: the run queue takes runs with the higher
``dagster/priority`` first, and the broker orders steps by ``dagster-celery/run_priority``, which
on Redis is the other way round (Celery's priority 0 is the first taken there). Runs carry the
backfill's priorities unless the inbox sensor (an office's own batch) says otherwise, so a
backfill launched from the UI is behind by default.
"""

from dagster import AssetSelection, define_asset_job

from assets.partitions import batches

FIXITY = AssetSelection.groups("archive")

# (run queue: higher first; Redis broker: lower first)
OFFICE_PRIORITY = {"dagster/priority": "5", "dagster-celery/run_priority": "0"}
BACKFILL_PRIORITY = {"dagster/priority": "0", "dagster-celery/run_priority": "4"}


def priority_tags(*, backfill: bool) -> dict[str, str]:
    """The tags that place a run ahead of (office batch) or behind (backfill) others."""
    return dict(BACKFILL_PRIORITY if backfill else OFFICE_PRIORITY)


batch_job = define_asset_job(
    name="batch_job",
    selection=AssetSelection.all() - FIXITY,
    partitions_def=batches,
    description="Read, validate, load, link and report one intake batch.",
    tags=priority_tags(backfill=True),
)

fixity_job = define_asset_job(
    name="fixity_job",
    selection=FIXITY,
    description="Hash every stored source file again; the check lists altered and missing ones.",
)
