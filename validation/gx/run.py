"""Run the expectation suite on one batch in a file-backed GX context and rebuild Data Docs."""

import logging
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import great_expectations as gx
from great_expectations.checkpoint import UpdateDataDocsAction
from great_expectations.data_context.types.base import ProgressBarsConfig

from hunyin.codes import offices
from validation.docs import DOCS_INDEX
from validation.gx.columns import Records, derived

log = logging.getLogger(__name__)
SUITE = "records"


@dataclass(frozen=True, slots=True)
class GxResult:
    """The outcome of the suite on a batch, and where its Data Docs are."""

    success: bool
    evaluated: int
    failed: int
    docs: Path | None


def _expectations() -> list[Any]:
    text = files("validation.data").joinpath("expectations.toml").read_text(encoding="utf-8")
    out = []
    for spec in tomllib.loads(text)["expectation"]:
        kwargs = {k: v for k, v in spec.items() if k not in ("type", "value_set_from")}
        if spec.get("value_set_from") == "offices":
            kwargs["value_set"] = sorted({o.code for o in offices()})
        out.append(getattr(gx.expectations, spec["type"])(**kwargs))
    return out


def _context(gx_dir: Path) -> Any:
    """The file-backed context under ``gx_dir``, quiet: no usage reports, no progress bars."""
    gx_dir.mkdir(parents=True, exist_ok=True)
    context: Any = gx.get_context(mode="file", project_root_dir=gx_dir)
    if context.variables.analytics_enabled is not False:
        context.variables.analytics_enabled = False
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        context.variables.save()
    return context


def run_suites(*, records: Records, batch: str, gx_dir: Path) -> GxResult:
    """Validate ``records`` of ``batch`` and update the Data Docs under ``gx_dir``."""
    frame = derived(records)
    if frame.empty:
        return GxResult(success=True, evaluated=0, failed=0, docs=None)
    context = _context(gx_dir)
    source = context.data_sources.add_or_update_pandas(name="records")
    asset = source.add_dataframe_asset(name=batch.replace("/", "_"))
    definition = asset.add_batch_definition_whole_dataframe("whole batch")
    suite = context.suites.add_or_update(
        gx.ExpectationSuite(name=SUITE, expectations=_expectations())
    )
    validation = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"{SUITE} {asset.name}", data=definition, suite=suite)
    )
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=f"batch {asset.name}",
            validation_definitions=[validation],
            actions=[UpdateDataDocsAction(name="data docs")],
        )
    )
    outcome = checkpoint.run(batch_parameters={"dataframe": frame})
    results = [r for v in outcome.run_results.values() for r in v.results]
    failed = sum(not r.success for r in results)
    log.info("GX suite on batch %s: %d of %d expectations failed", batch, failed, len(results))
    return GxResult(
        success=outcome.success,
        evaluated=len(results),
        failed=failed,
        docs=gx_dir / DOCS_INDEX,
    )
