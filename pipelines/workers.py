"""The Celery app a worker machine runs, built from the same settings as the executor.

    celery -A pipelines.workers worker -Q ocr,dagster --concurrency N

with N = cores / ``HUNYIN_OCR_THREADS``. Each task is one Dagster step; the worker reports its
events to the Dagster instance and writes its outputs to the shared I/O folder.
"""

from dagster_celery.executor import CeleryExecutor
from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_task

# The job's code loaded before the pool forks, so that every pool process starts warm.
import pipelines.definitions  # noqa: F401
from hunyin.settings import get_settings
from pipelines.executors import celery_config

_config = celery_config(get_settings())
app = make_app(
    CeleryExecutor.for_cli(
        broker=_config["broker"],
        backend=_config["backend"],
        config_source=_config["config_source"],
    ).app_args()
)
execute_plan = create_task(app)
