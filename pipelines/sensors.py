"""The inbox sensor: a new batch folder becomes a partition and a run.

A province's inbox holds thousands of batch folders. The cursor keeps each office folder's
modification time, which changes only when a batch folder is added or removed, so a tick lists
only the offices that changed, and never the files inside a batch.
"""

import json

from dagster import RunRequest, SensorEvaluationContext, SensorResult, sensor

from assets.partitions import batches
from assets.resources import InboxResource
from hunyin.inbox import discover, office_folders
from pipelines.jobs import batch_job, priority_tags

PARTITIONS = batches.name or "batches"


@sensor(job=batch_job, minimum_interval_seconds=30)
def inbox_sensor(context: SensorEvaluationContext, inbox: InboxResource) -> SensorResult:
    """Add a partition per batch folder not seen before and request one run for it, ahead of
    any backfill."""
    seen: dict[str, int] = json.loads(context.cursor) if context.cursor else {}
    stamps = office_folders(inbox.inbox)
    changed = [office for office, stamp in stamps.items() if seen.get(office) != stamp]
    new = [
        b.key
        for b in discover(inbox.inbox, offices=changed)
        if not context.instance.has_dynamic_partition(PARTITIONS, b.key)
    ]
    return SensorResult(
        run_requests=[
            RunRequest(partition_key=key, run_key=key, tags=priority_tags(backfill=False))
            for key in new
        ],
        dynamic_partitions_requests=[batches.build_add_request(new)] if new else [],
        cursor=json.dumps(stamps, sort_keys=True),
    )
