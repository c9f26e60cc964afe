"""Wiring only: the asset graph, its checks, job, sensor and resources."""

from dagster import Definitions, load_asset_checks_from_modules, load_assets_from_modules

from assets import checks, intake, pages, persons, readings, records, report, store
from hunyin.settings import Settings, get_settings
from pipelines.jobs import batch_job
from pipelines.resources import InboxResource, OcrResource, StoreResource
from pipelines.sensors import inbox_sensor

ASSET_MODULES = [intake, pages, readings, records, store, persons, report]


def build_definitions(settings: Settings, *, ocr: OcrResource | None = None) -> Definitions:
    """The project's definitions for the given settings (the demo and tests pass their own)."""
    return Definitions(
        assets=load_assets_from_modules(ASSET_MODULES),
        asset_checks=load_asset_checks_from_modules([checks]),
        jobs=[batch_job],
        sensors=[inbox_sensor],
        resources={
            "store": StoreResource(db_url=settings.db_url),
            "inbox": InboxResource(
                inbox_dir=str(settings.inbox_dir), var_dir=str(settings.var_dir)
            ),
            "ocr": ocr or OcrResource(workers=settings.ocr_workers),
        },
    )


defs = build_definitions(get_settings())
