"""Wiring only: the asset graph, its checks, job, sensor and resources."""

from collections.abc import Sequence

from dagster import (
    AssetChecksDefinition,
    AssetsDefinition,
    Definitions,
    load_asset_checks_from_modules,
    load_assets_from_modules,
)

from assets import checks, fixity, intake, pages, persons, readings, records, report, store
from assets.resources import InboxResource, OcrResource, StoreResource
from hunyin.settings import Settings, get_settings
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
    """The resources for the given settings; tests pass a fake OCR resource."""
    return {
        "store": StoreResource(db_url=settings.db_url),
        "inbox": InboxResource(inbox_dir=str(settings.inbox_dir), var_dir=str(settings.var_dir)),
        "ocr": ocr or OcrResource(workers=settings.ocr_workers),
    }


def build_definitions(settings: Settings, *, ocr: OcrResource | None = None) -> Definitions:
    """The project's definitions for the given settings (the demo and tests pass their own)."""
    return Definitions(
        assets=load_assets_from_modules([*ASSET_MODULES, *ARCHIVE_MODULES]),
        asset_checks=load_asset_checks_from_modules([checks, *ARCHIVE_MODULES]),
        jobs=[batch_job, fixity_job],
        schedules=[fixity_schedule],
        sensors=[inbox_sensor],
        resources=resources(settings, ocr=ocr),
    )


defs = build_definitions(get_settings())
