"""Prefecture-scale backfill: generate the ledgers, import them twice into a fresh PostgreSQL.

Both imports run ``import_ledgers`` as ``hunyin import-ledger`` does, with its defaults, so the
person index is built inside them. Reports per import its counts and seconds (the linking
within them apart), rows/s, what the import left unlinked, and what the second one added
(records, review tasks, quarantined rows, persons: all must be 0); then the share imported,
peak memory and the database size, beside a plain row-by-row ORM insert of a slice as the
baseline. Run with ``make bench-backfill``.
"""

import argparse
import hashlib
import json
import re
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from importlib.resources import files
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy import func, select, text

from batch.ledger_prepare import prepare_ledger
from batch.ledgers import LedgerSummary, import_ledgers
from bench.database import SERVER_URL, throwaway_database
from synth.ledgers.ledgers import generate, write_ledgers, write_truth
from warehouse.db import get_engine, transaction
from warehouse.linkage import pending_records
from warehouse.models import (
    PartyRow,
    PersonLink,
    PersonRow,
    RecordRow,
    ReviewTask,
    SourceDocument,
)
from warehouse.store import prepare

# How a ledger's account (``batch.ledgers``) begins when rows of it were quarantined.
_QUARANTINED = re.compile(r"(\d+) rows quarantined")


def _generator_digest() -> str:
    """A digest of the generator's code and data: a changed generator means new ledgers."""
    package = files("synth.ledgers")
    digest = hashlib.sha256()
    for item in sorted(package.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".py", ".toml")):
            digest.update(item.read_bytes())
    return digest.hexdigest()[:16]


def _generate(folder: Path, couples: int, seed: int, variations: float) -> int:
    prefecture = generate(couples=couples, seed=seed, variations=variations)
    write_ledgers(prefecture, folder)
    write_truth(prefecture, folder / "persons.jsonl")
    return prefecture.rows.height


def ledgers(folder: Path, *, couples: int, seed: int, variations: float = 0.0) -> list[Path]:
    """The generated ledgers, reused when this size, seed and share of clerks' variations
    were generated before.

    Generation runs in a child process, so that the peak memory measured is the import's;
    a spawned one: a child forked after this process used polars would wait forever on the
    thread pool polars started here.
    """
    stamp = folder / "stamp.json"
    wanted = {
        "couples": couples,
        "seed": seed,
        "variations": variations,
        "generator": _generator_digest(),
    }
    if not (stamp.exists() and json.loads(stamp.read_text()) == wanted):
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            rows = pool.submit(_generate, folder, couples, seed, variations).result()
        stamp.write_text(json.dumps(wanted))
        print(f"generated {rows:,} rows in {time.perf_counter() - started:.0f} s")
    return sorted(folder.glob("*-ledger.*"))


def import_all(url: str, paths: list[Path]) -> tuple[LedgerSummary, float]:
    started = time.perf_counter()
    summary = import_ledgers(url, paths)
    return summary, time.perf_counter() - started


def store_counts(url: str) -> dict[str, int]:
    """What the store holds: records, open review tasks, quarantined rows (as the documents'
    accounts give them), persons and links of the index, and records the index lags behind."""
    with transaction(url) as session:
        counts = {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in (
                ("records", RecordRow),
                ("review_tasks", ReviewTask),
                ("persons", PersonRow),
                ("person_links", PersonLink),
            )
        }
        reasons = session.scalars(select(SourceDocument.reason)).all()
        counts["quarantined_rows"] = sum(
            int(m.group(1)) for r in reasons if r and (m := _QUARANTINED.match(r))
        )
        counts["unlinked_records"] = len(pending_records(session))
    return counts


def baseline(url: str, path: Path, rows: int) -> float:
    """Rows/s of a plain ORM insert, one record and its parties flushed at a time."""
    staged = prepare_ledger(path).staged.head(rows)
    started = time.perf_counter()
    with transaction(url) as session:
        for row in staged.iter_rows(named=True):
            record = RecordRow(
                natural_key=row["natural_key"],
                source_kind="ledger",
                page=row["page"],
                status=row["status"],
                issues=json.loads(row["issues"]),
                content_hash=row["content_hash"],
                **{f: row[f] for f in ("record_type", "registration_date", "office_code")},
                **{f: row[f] for f in ("office_name", "certificate_no", "registrar")},
            )
            for role in ("male", "female"):
                values = {k.removeprefix(f"{role}_"): v for k, v in row.items()}
                fields = ("name", "sex", "birth_date", "id_number", "id18", "ethnicity", "hukou")
                record.parties.append(PartyRow(role=role, **{f: values[f] for f in fields}))
            session.add(record)
            session.flush()
    return staged.height / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--couples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--folder", type=Path, default=Path("var/bench/backfill"))
    parser.add_argument("--pg", default=SERVER_URL)
    parser.add_argument("--baseline-rows", type=int, default=20_000)
    args = parser.parse_args()
    paths = ledgers(args.folder, couples=args.couples, seed=args.seed)
    report: dict[str, object] = {"couples": args.couples, "seed": args.seed}
    with throwaway_database(args.pg) as url:
        prepare(url)
        before = store_counts(url)
        for run in ("first", "second"):
            summary, seconds = import_all(url, paths)
            after = store_counts(url)
            report[run] = summary.counts() | {
                "seconds": round(seconds, 1),
                "link_seconds": round(summary.link_seconds, 1),
                "parties_linked": summary.linked.parties,
                "model_trained": summary.linked.trained,
                "rows_per_s": round(summary.rows_read / seconds),
                "store_added": {k: after[k] - before[k] for k in after},
            }
            before = after
            print(f"{run} import: {report[run]}")
        with get_engine(url).connect() as conn:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        report["database_mb"] = round(size / 2**20)
        first = report["first"]
        assert isinstance(first, dict)
        report["imported_share"] = round(first["imported"] / first["rows_read"], 4)
    with throwaway_database(args.pg) as url:
        prepare(url)
        report["baseline_orm_rows_per_s"] = round(baseline(url, paths[0], args.baseline_rows))
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
