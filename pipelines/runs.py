"""Running one batch through the job on whatever executor the settings name.

The in-process executor runs inside the caller; the others (multiprocess, Celery) need the job
rebuilt by every process that takes a step, so they run a reconstructable target.
"""

from collections.abc import Callable

from dagster import DagsterInstance, JobDefinition, execute_job, reconstructable

from pipelines.jobs import priority_tags


def run_batch(
    target: Callable[[], JobDefinition],
    *,
    instance: DagsterInstance,
    partition_key: str,
    backfill: bool = False,
    tags: dict[str, str] | None = None,
) -> tuple[bool, str]:
    """Run the batch job that ``target`` (a module-level function) builds, for one partition;
    whether it succeeded, and the run's id."""
    run_tags = {"dagster/partition": partition_key, **priority_tags(backfill=backfill)}
    result = execute_job(
        reconstructable(target), instance=instance, tags={**run_tags, **(tags or {})}
    )
    return result.success, result.run_id
