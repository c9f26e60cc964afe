"""How the batch job runs its steps, chosen by one setting.

``in_process`` (the embedded default, `make demo`) and ``multiprocess`` need nothing outside the
machine. ``celery`` hands each step to Celery workers through the broker; OCR slices go to the
``ocr`` queue, everything else to ``dagster``. A worker takes one step at a time
(``worker_prefetch_multiplier`` 1, so it does not hoard long steps) and acknowledges it only when
done, so a step whose worker process dies is handed out again instead of being lost.
"""

from typing import Any

from dagster import ExecutorDefinition, in_process_executor, multiprocess_executor
from dagster_celery import celery_executor

from hunyin.settings import Settings

# Queues a worker serves: OCR slices, and the light steps around them.
WORKER_QUEUES = ("ocr", "dagster")


def celery_config(settings: Settings) -> dict[str, Any]:
    """The executor's configuration; workers build their Celery app from the same."""
    return {
        "broker": settings.broker_url,
        "backend": settings.broker_url,
        "config_source": {
            "worker_prefetch_multiplier": 1,
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            "broker_transport_options": {
                "visibility_timeout": settings.broker_visibility_timeout,
                "max_retries": 3,
                "interval_start": 0,
                "interval_step": 0.2,
                "interval_max": 0.5,
            },
            "result_expires": 86400,
        },
    }


def executor_for(settings: Settings) -> ExecutorDefinition:
    """The executor the settings name."""
    if settings.executor == "celery":
        return celery_executor.configured(celery_config(settings))
    if settings.executor == "multiprocess":
        return multiprocess_executor.configured({"max_concurrent": settings.ocr_pool_size})
    return in_process_executor
