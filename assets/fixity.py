"""Fixity of the archive: every stored source file hashed again, and a check with the list."""

from typing import Any

from dagster import (
    AssetCheckResult,
    AssetExecutionContext,
    MetadataValue,
    asset,
    asset_check,
)

from assets.resources import StoreResource
from warehouse.db import transaction
from warehouse.fixity import check_fixity

# Shown in the check's metadata; the whole list is in the asset's value and the audit log.
_LISTED = 50


@asset(group_name="archive")
def source_fixity(context: AssetExecutionContext, store: StoreResource) -> dict[str, Any]:
    """Every stored scan and ledger hashed again against its SHA-256 from intake."""
    with transaction(store.url()) as session:
        report = check_fixity(session)
    result = report.as_json()
    context.add_output_metadata(
        {k: int(result[k]) for k in ("checked", "ok", "altered", "missing")}
    )
    return result


@asset_check(asset=source_fixity, description="No stored source file is altered or missing")
def stored_files_intact(source_fixity: dict[str, Any]) -> AssetCheckResult:
    problems = list(source_fixity["problems"])
    listed = "\n".join(f"{p['outcome']}: {p['path']}" for p in problems[:_LISTED])
    return AssetCheckResult(
        passed=not problems,
        metadata={
            "checked": int(source_fixity["checked"]),
            "altered": int(source_fixity["altered"]),
            "missing": int(source_fixity["missing"]),
            "problems": MetadataValue.md(listed or "none"),
        },
    )
