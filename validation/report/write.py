"""``write_report``: the steward's quality report of a batch, or of the whole store, as HTML."""

from datetime import datetime
from importlib.resources import files
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask_in_text
from hunyin.labels import label
from hunyin.settings import get_settings
from validation.cross import check_store
from validation.docs import DOCS_INDEX
from validation.report import plots
from validation.report.names import count_names, in_chinese
from validation.report.pagefiles import PageFiles, pages_table
from validation.report.queries import gather
from validation.report.summary import (
    accuracy,
    batches_table,
    counted,
    files_table,
    issues_frame,
    status_counts,
)

_env = Environment(
    loader=FileSystemLoader(str(files("validation.report").joinpath("templates"))),
    autoescape=select_autoescape(["html"]),
)


def html_table(frame: pl.DataFrame, *, limit: int = 50) -> Markup:
    """A small HTML table of the first ``limit`` rows, every cell escaped."""
    if frame.is_empty():
        return Markup('<p class="none">此范围内没有数据。</p>')
    frame = in_chinese(frame)
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if v is None else v)}</td>" for v in row) + "</tr>"
        for row in frame.head(limit).iter_rows()
    )
    return Markup(f"<table><tr>{head}</tr>{body}</table>")


def _cross_table(session: Session, batch: str | None) -> pl.DataFrame:
    found = check_store(session, batch=batch)
    rows = [
        (i.rule, i.severity, i.office_code, ", ".join(map(str, i.record_ids)), i.message)
        for i in found
    ]
    names = ["rule", "severity", "office", "records", "message"]
    return pl.DataFrame(rows, schema=dict.fromkeys(names, pl.String), orient="row")


def render_report(
    *,
    session: Session,
    batch: str | None,
    docs_href: str | None = None,
    pages: Markup | None = None,
) -> str:
    """The report of ``batch`` (``None``: the whole store) as one self-contained HTML page."""
    data = gather(session, batch=batch)
    issues = issues_frame(data)
    counts = status_counts(data)
    batches = batches_table(data)
    by_rule = counted(issues, "rule", "severity")
    by_office = counted(issues, "office_code", "severity")
    anomalies = counted(issues.filter(pl.col("severity") == "anomaly"), "era", "rule")
    corrections = counted(data.corrections, "field", "engine")
    named = count_names(counts)
    status_frame = pl.DataFrame({"status": list(named), "count": list(named.values())})
    zone = ZoneInfo(get_settings().office_timezone)
    html = _env.get_template("report.html").render(
        scope=f"批次 {batch}" if batch else "全部批次",
        docs_href=docs_href,
        written=f"{datetime.now(zone):%Y-%m-%d %H:%M}（{label('time_zones', zone.key)}）",
        counts=named,
        open_tasks=data.open_tasks,
        status_plot=plots.bars(status_frame, label="status", value="count", title="处理结果"),
        trend_plot=plots.trend(batches),
        confidence_plot=plots.confidence(data.confidence),
        rule_plot=plots.bars(
            in_chinese(by_rule, headers=False),
            label="rule",
            value="count",
            title="按规则的未通过数",
        ),
        office_plot=plots.stacked(
            in_chinese(by_office, headers=False),
            index="office_code",
            columns="severity",
            title="按登记机关的未通过数",
        ),
        era_plot=plots.stacked(
            in_chinese(anomalies, headers=False),
            index="era",
            columns="rule",
            title="各时期的法律异常",
        ),
        corrections_plot=plots.stacked(
            in_chinese(corrections, headers=False),
            index="field",
            columns="engine",
            title="按字段和引擎的更正数",
        ),
        tables={
            "files": html_table(files_table(data)),
            "batches": html_table(batches.drop("first", "last")),
            "rules": html_table(by_rule),
            "offices": html_table(by_office),
            "eras": html_table(anomalies),
            "cross": html_table(_cross_table(session, batch)),
            "event_counts": html_table(counted(data.events, "event_type")),
            "events": html_table(data.events, limit=200),
            "corrections": html_table(accuracy(data)),
            "pages": pages or Markup("<p>本报告没有对应的页面文件。</p>"),
        },
    )
    # The page is built from codes and counts only; masking again guards against a reason or
    # a message that quoted a number.
    return mask_in_text(html)


def write_report(
    *, session: Session, out_dir: Path, batch: str | None, page_files: PageFiles | None = None
) -> Path:
    """Write the report of ``batch`` (``None``: the whole store) and return the HTML file;
    with ``page_files``, each scanned page links its PAGE XML file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / (f"batch-{batch.replace('/', '_')}.html" if batch else "overall.html")
    # Data Docs live beside the reports (both under the var folder) when the suites have run
    docs = out_dir.parent / "gx" / DOCS_INDEX
    href = f"../gx/{DOCS_INDEX}" if docs.is_file() else None
    pages = (
        pages_table(session, batch=batch, where=page_files, report_dir=out_dir)
        if page_files
        else None
    )
    html = render_report(session=session, batch=batch, docs_href=href, pages=pages)
    path.write_text(html, encoding="utf-8")
    return path
