"""Asset checks on a batch's validated records: nothing lost, Great Expectations suites."""

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    asset_check,
)

from assets.partitions import batches
from assets.records import validated_records
from assets.resources import InboxResource
from batch.results import BatchResults
from validation.gx import run_suites


@asset_check(
    asset=validated_records,
    partitions_def=batches,
    description="Every file taken in ends as records, blank or quarantined",
)
def every_file_accounted_for(validated_records: BatchResults) -> AssetCheckResult:
    missing = validated_records.missing_files()
    return AssetCheckResult(
        passed=not missing,
        metadata={
            "expected_files": len(validated_records.expected_files),
            "missing": ", ".join(missing[:20]),
        },
    )


@asset_check(
    asset=validated_records,
    partitions_def=batches,
    description="Great Expectations suites on masked columns",
)
def expectations(
    context: AssetCheckExecutionContext, inbox: InboxResource, validated_records: BatchResults
) -> AssetCheckResult:
    result = run_suites(
        records=validated_records.items, batch=context.partition_key, gx_dir=inbox.var / "gx"
    )
    return AssetCheckResult(
        passed=result.success,
        severity=AssetCheckSeverity.WARN,
        metadata={
            "evaluated": result.evaluated,
            "failed": result.failed,
            "data_docs": str(result.docs) if result.docs else "",
        },
    )
