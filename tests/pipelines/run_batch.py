"""Run one batch of the test code location, as an orchestrating process of its own.

    python -m tests.pipelines.run_batch PARTITION_KEY

Prints ``{"success": ..., "run_id": ...}``; the settings and ``DAGSTER_HOME`` come from the
environment, the same the workers see.
"""

import json
import sys

from dagster import DagsterInstance

from pipelines.runs import run_batch
from tests.pipelines.celery_location import batch_job_target


def main(key: str) -> int:
    with DagsterInstance.get() as instance:
        instance.add_dynamic_partitions("batches", [key])
        success, run_id = run_batch(batch_job_target, instance=instance, partition_key=key)
    print(json.dumps({"success": success, "run_id": run_id}))
    return 0 if success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
