"""The main job over the bundled samples, in-process, on the embedded store."""

import os
from collections.abc import Callable
from pathlib import Path

from dagster import DagsterInstance, DagsterRunStatus, RunsFilter

from hunyin.errors import HunyinError
from hunyin.inbox import Batch, discover, fingerprint
from hunyin.settings import Settings
from pipelines.instance import write_home
from pipelines.samples import build_inbox, samples_dir
from warehouse.db import transaction
from warehouse.store import prepare
from warehouse.summary import StoreSummary, summarise

# Step events stay in the Dagster UI; the terminal gets one line per batch and the summary.
_QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def run_demo(*, settings: Settings, say: Callable[[str], None]) -> StoreSummary:
    """Lay out the sample inbox, run every batch through the graph, and summarise the store."""
    from pipelines.definitions import build_definitions

    home = settings.var_dir / "dagster"
    write_home(settings, home)
    os.environ.setdefault("DAGSTER_HOME", str(home.resolve()))
    copied = build_inbox(samples=samples_dir(), inbox=settings.inbox_dir)
    say(f"inbox {settings.inbox_dir}: {len(copied)} new files")
    prepare(settings.db_url)
    defs = build_definitions(settings)
    job = defs.resolve_job_def("batch_job")
    instance = DagsterInstance.get()
    batches = discover(settings.inbox_dir)
    instance.add_dynamic_partitions("batches", [b.key for b in batches])
    for number, batch in enumerate(batches, start=1):
        tags = {"hunyin/fingerprint": fingerprint(batch)}
        if _already_done(instance, batch=batch, tags=tags):
            say(f"[{number}/{len(batches)}] batch {batch.key}: unchanged since its last run")
            continue
        say(f"[{number}/{len(batches)}] batch {batch.key}")
        result = job.execute_in_process(
            partition_key=batch.key, instance=instance, run_config=_QUIET, tags=tags
        )
        if not result.success:
            raise HunyinError(f"batch {batch.key} failed; see the run in the Dagster UI")
    with transaction(settings.db_url) as session:
        return summarise(session)


def _already_done(instance: DagsterInstance, *, batch: Batch, tags: dict[str, str]) -> bool:
    """A successful run of this batch with the same files: running it again would change nothing."""
    done = instance.get_runs(
        filters=RunsFilter(
            tags={"dagster/partition": batch.key, **tags}, statuses=[DagsterRunStatus.SUCCESS]
        ),
        limit=1,
    )
    return bool(done)


def describe(summary: StoreSummary, *, settings: Settings) -> list[str]:
    """The closing lines: what was done and where to look next."""
    reports = Path(settings.var_dir) / "reports"
    return [
        "",
        "hunyin demo: done",
        f"  files taken in:      {summary.files} ({_fmt(summary.files_by_outcome)})",
        f"  pages:               {summary.pages}",
        f"  scanned records:     {_fmt(summary.scan_records)}",
        f"  ledger rows:         {_fmt(summary.ledger_rows)}",
        f"  open review tasks:   {summary.open_reviews}",
        f"  persons indexed:     {summary.persons}",
        f"  store:               {settings.db_url}",
        f"  quality report:      {reports / 'overall.html'}",
        f"  page text (PAGE):    {Path(settings.var_dir) / 'page-xml'}",
        "",
        "next:",
        "  make ui                      # the Dagster UI on http://127.0.0.1:3000",
        "  .venv/bin/hunyin user add --name me --office 532301 --role registrar",
        "  .venv/bin/hunyin serve       # the registry on http://127.0.0.1:8000",
        "  .venv/bin/hunyin status --name 朱涛正 --birth-date 1975-10-31 --json",
        "  .venv/bin/hunyin fixity --json             # every stored file still the one read?",
        "  .venv/bin/hunyin export --out var/export   # the records for other departments",
    ]


def _fmt(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
