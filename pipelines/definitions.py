"""Wiring only: the asset graph, its checks, job, sensor and resources."""

from collections.abc import Sequence

from dagster import (
    AssetChecksDefinition,
    AssetsDefinition,
    Definitions,
    FilesystemIOManager,
    JobDefinition,
    load_asset_checks_from_modules,
    load_assets_from_modules,
)

from assets import checks, fixity, intake, pages, persons, readings, records, report, store
from assets.resources import InboxResource, OcrResource, StoreResource
from hunyin.settings import Settings, get_settings
from pipelines.executors import executor_for
from pipelines.jobs import batch_job, fixity_job
from pipelines.schedules import fixity_schedule
from pipelines.sensors import inbox_sensor

ASSET_MODULES = [intake, pages, readings, records, store, persons, report]
ARCHIVE_MODULES = [fixity]


def graph() -> Sequence[AssetsDefinition | AssetChecksDefinition]:
    """Every asset and asset check of the batch graph, for ``materialize`` (the archive's
    fixity stands apart: it is not partitioned by batch)."""
    return [
        *load_assets_from_modules(ASSET_MODULES),  # type: ignore[list-item]
        *load_asset_checks_from_modules([checks]),
    ]


def resources(settings: Settings, *, ocr: OcrResource | None = None) -> dict[str, object]:
    """The resources for the given settings; tests pass a fake OCR resource.

    Step outputs go through the shared I/O folder, so that any worker can take the next step.
    """
    return {
        "store": StoreResource(db_url=settings.db_url),
        "inbox": InboxResource(inbox_dir=str(settings.inbox_dir), var_dir=str(settings.var_dir)),
        "ocr": ocr or ocr_resource(settings),
        "io_manager": FilesystemIOManager(base_dir=str(settings.io_path.resolve())),
    }


def ocr_resource(settings: Settings) -> OcrResource:
    """Across processes each step is one reading process (the workers are the parallelism);
    in one process, a step's pages are read by a pool of ``ocr_workers``."""
    return OcrResource(
        workers=1 if settings.executor != "in_process" else settings.ocr_workers,
        threads=settings.ocr_threads,
        slice_pages=settings.ocr_slice_pages,
    )


def build_definitions(settings: Settings, *, ocr: OcrResource | None = None) -> Definitions:
    """The project's definitions for the given settings (the demo and tests pass their own)."""
    return Definitions(
        assets=load_assets_from_modules([*ASSET_MODULES, *ARCHIVE_MODULES]),
        asset_checks=load_asset_checks_from_modules([checks, *ARCHIVE_MODULES]),
        jobs=[batch_job, fixity_job],
        schedules=[fixity_schedule],
        sensors=[inbox_sensor],
        resources=resources(settings, ocr=ocr),
        executor=executor_for(settings),
    )


defs = build_definitions(get_settings())


def batch_job_target() -> JobDefinition:
    """The batch job as workers rebuild it (``dagster.reconstructable`` target)."""
    return defs.resolve_job_def("batch_job")
