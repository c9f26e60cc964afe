"""The inbox sensor: a new batch folder becomes a partition and a run."""

from dagster import RunRequest, SensorEvaluationContext, SensorResult, sensor

from assets.partitions import batches
from assets.resources import InboxResource
from hunyin.inbox import discover
from pipelines.jobs import batch_job


@sensor(job=batch_job, minimum_interval_seconds=30)
def inbox_sensor(context: SensorEvaluationContext, inbox: InboxResource) -> SensorResult:
    """Add a partition per batch folder not seen before and request one run for it."""
    known = set(context.instance.get_dynamic_partitions(batches.name or "batches"))
    new = [b.key for b in discover(inbox.inbox) if b.key not in known]
    return SensorResult(
        run_requests=[RunRequest(partition_key=key, run_key=key) for key in new],
        dynamic_partitions_requests=[batches.build_add_request(new)] if new else [],
    )
