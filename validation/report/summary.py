"""Tables of the quality report, computed from the gathered frames."""

from datetime import date

import polars as pl

from hunyin.domain.law import min_ages
from validation.catalog import in_period
from validation.report.queries import ReportData


def era_of(day: date | None) -> str:
    """The marriage-law era of a date, labelled by its years (e.g. ``1981–2020``)."""
    for era in min_ages():
        if day is not None and in_period(day, era.valid_from, era.valid_to):
            end = era.valid_to.year if era.valid_to else ""
            return f"{era.valid_from.year}–{end}"
    return "unknown"


def issues_frame(data: ReportData) -> pl.DataFrame:
    """One row per issue recorded on a record: batch, office, era, rule, severity, field."""
    rows = [
        (batch, office, era_of(day), issue.get("rule"), issue.get("severity"), issue.get("field"))
        for batch, office, day, issues in data.issues.iter_rows()
        for issue in issues or []
    ]
    names = ["batch", "office_code", "era", "rule", "severity", "field"]
    return pl.DataFrame(rows, schema=dict.fromkeys(names, pl.String), orient="row")


def status_counts(data: ReportData) -> dict[str, int]:
    """Records accepted, waiting for review, rejected; files quarantined and blank."""
    records = dict(data.batches.group_by("status").agg(pl.col("records").sum()).iter_rows())
    files = dict(data.documents.group_by("outcome").agg(pl.col("files").sum()).iter_rows())
    return {
        "accepted": records.get("accepted", 0),
        "to review": records.get("needs_review", 0),
        "rejected": records.get("rejected", 0),
        "merged copies": records.get("duplicate", 0),
        "files quarantined": files.get("quarantined", 0),
        "blank pages or files": files.get("blank", 0),
    }


def files_table(data: ReportData) -> pl.DataFrame:
    """Files and pages by kind and outcome, with the reasons for those refused."""
    return (
        data.documents.with_columns(
            pl.col("reason").fill_null(""), pl.col("outcome").fill_null("pending")
        )
        .group_by("kind", "outcome", "reason")
        .agg(pl.col("files").sum(), pl.col("pages").sum())
        .sort("kind", "outcome", "files", descending=[False, False, True])
    )


def _share(status: str) -> pl.Expr:
    return pl.col("records").filter(pl.col("status") == status).sum() / pl.col("records").sum()


def batches_table(data: ReportData) -> pl.DataFrame:
    """Per batch, in order of loading: records, shares accepted and to review, throughput."""
    seconds = (pl.col("last") - pl.col("first")).dt.total_seconds().clip(lower_bound=1)
    return (
        data.batches.group_by("batch")
        .agg(
            pl.col("records").sum(),
            _share("accepted").round(3).alias("accepted_share"),
            _share("needs_review").round(3).alias("review_share"),
            pl.col("first").min(),
            pl.col("last").max(),
        )
        .with_columns((pl.col("records") / seconds * 60).round(1).alias("records_per_minute"))
        .sort("first")
        .with_columns(pl.col("batch").fill_null("(none)"))
    )


def accuracy(data: ReportData) -> pl.DataFrame:
    """Per field and engine: readings, steward corrections, and the share left uncorrected."""
    readings = data.confidence.group_by("field", "engine").len("readings")
    corrected = data.corrections.group_by("field", "engine").len("corrections")
    return (
        readings.join(corrected, on=["field", "engine"], how="full", coalesce=True)
        .fill_null(0)
        .with_columns(
            (1 - pl.col("corrections") / pl.col("readings").clip(lower_bound=1))
            .clip(lower_bound=0)
            .round(3)
            .alias("accuracy")
        )
        .filter(pl.col("corrections") > 0)
        .sort("accuracy", "field")
    )


def counted(frame: pl.DataFrame, *by: str) -> pl.DataFrame:
    """Rows counted by ``by``, largest first."""
    return (
        frame.group_by(*by).len("count").sort("count", *by, descending=[True, *[False] * len(by)])
    )
