"""Asset checks on a batch's validated records: nothing lost, Great Expectations suites."""

from dagster import AssetCheckResult, AssetCheckSeverity, AssetIn, asset_check

from assets.records import Results, validated_records
from hunyin.intake import BatchIntake
from hunyin.pages import PageRef
from pipelines.resources import InboxResource
from validation.gx import run_suites


@asset_check(
    asset=validated_records,
    additional_ins={"intake": AssetIn("intake"), "pages": AssetIn("pages")},
    description="Every file taken in ends as records, blank or quarantined",
)
def every_file_accounted_for(
    validated_records: Results, intake: BatchIntake, pages: list[PageRef]
) -> AssetCheckResult:
    expected = {s.file for s in intake.quarantined} | {p.file for p in pages}
    seen = {r.source.file for r in validated_records}
    missing = sorted(expected - seen)
    return AssetCheckResult(
        passed=not missing,
        metadata={"expected_files": len(expected), "missing": ", ".join(missing[:20])},
    )


@asset_check(asset=validated_records, description="Great Expectations suites on masked columns")
def expectations(inbox: InboxResource, validated_records: Results) -> AssetCheckResult:
    result = run_suites(records=validated_records, batch="batch", gx_dir=inbox.var / "gx")
    return AssetCheckResult(
        passed=result.success,
        severity=AssetCheckSeverity.WARN,
        metadata={"evaluated": result.evaluated, "failed": result.failed},
    )
