"""The PAGE XML file of every scanned page in a report, linked from the page beside it."""

import os
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import Session

from hunyin.labels import label
from ocr.pagexml import stored_page_file, versions
from warehouse.models import RecordRow, SourceDocument

# The overall report lists this many pages; each batch's report lists all of its own.
OVERALL_LIMIT = 1_000


@dataclass(frozen=True, slots=True)
class PageFiles:
    """Where the batch graph keeps page files, as seen from the report's folder."""

    var_dir: Path
    inbox_dir: Path


def pages_table(
    session: Session, *, batch: str | None, where: PageFiles, report_dir: Path
) -> Markup:
    """One row per scanned page read: file, page, record status, a link to each version
    (the whole store's report lists the first pages and sends to each batch's report)."""
    docs = (
        select(SourceDocument.id, SourceDocument.path, SourceDocument.pages)
        .where(SourceDocument.kind == "scan", SourceDocument.outcome.in_(("records", "blank")))
        .order_by(SourceDocument.path)
    )
    records = select(
        RecordRow.source_document_id, RecordRow.page, RecordRow.id, RecordRow.status
    ).where(RecordRow.source_kind == "scan")
    if batch is not None:
        docs = docs.where(SourceDocument.batch == batch)
        records = records.where(RecordRow.batch == batch)
    found = {(d, p or 1): (r, s) for d, p, r, s in session.execute(records)}
    rows: list[str] = []
    pages_read = ((d, p, n) for d, p, k in session.execute(docs) for n in range(1, (k or 1) + 1))
    for doc_id, path, page in pages_read:
        if batch is None and len(rows) > OVERALL_LIMIT:
            break
        record_id, status = found.get((doc_id, page), ("", None))
        target = stored_page_file(
            var_dir=where.var_dir, inbox_dir=where.inbox_dir, scan=Path(path), page=page
        )
        links = " ".join(
            f'<a class="page-xml" href="{escape(os.path.relpath(v, report_dir))}">'
            f"{'机器读数' if n == 0 else f'第{n + 1}版'}</a>"
            for n, v in enumerate(versions(target) if target else [])
        )
        rows.append(
            f"<tr><td>{escape(Path(path).name)}</td><td>{page}</td><td>{record_id}</td>"
            f"<td>{escape(label('record_states', status) if status else '无记录')}</td>"
            f"<td>{links or '无文件'}</td></tr>"
        )
    head = "<tr><th>文件</th><th>页</th><th>记录</th><th>状态</th><th>PAGE XML</th></tr>"
    more = ""
    if len(rows) > OVERALL_LIMIT:
        rows = rows[:OVERALL_LIMIT]
        more = f"<p>此处只列出前 {OVERALL_LIMIT} 页；各批次的报告列出本批次的全部页面。</p>"
    return Markup(f"<table>{head}{''.join(rows)}</table>{more}")
