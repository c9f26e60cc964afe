"""``make bench-linkage``: link a whole prefecture's history and serve status queries from it.

Builds a throwaway PostgreSQL store with the ledger generator and the bulk importer, links it
(time, peak memory), scores the index against the generator's truth (events with and without ID
numbers apart), then drives ``GET /api/v1/status`` of ``hunyin serve`` with concurrent clients
beside a raw indexed SQL look-up of the same keys; beside it links and scores a noisy history (a
share of rows written as clerks did: variant characters, lunar and year-only birth dates,
abbreviated ethnonyms). Prints the figures; drops the databases.
With ``--store URL`` only the HTTP and SQL phases run, against a store built and linked before.
"""

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.backfill import import_all, ledgers
from bench.database import SERVER_URL, throwaway_database
from bench.linkage_load import http_load, sql_load
from bench.linkage_scores import evaluate
from hunyin.domain.idnumber import upgrade
from warehouse.db import normalise_url, transaction
from warehouse.linkage import link_records
from warehouse.store import prepare

HUNYIN = str(Path(sys.executable).with_name("hunyin"))


def build_store(url: str, *, couples: int, folder: Path, variations: float = 0.0) -> Path:
    """Import the generated prefecture (generated once per size, shared with bench-backfill)."""
    paths = ledgers(folder, couples=couples, seed=2026, variations=variations)
    summary, seconds = import_all(url, paths)
    print(f"imported {summary.counts()} in {seconds:.0f} s", file=sys.stderr)
    return folder / "persons.jsonl"


def _link(url: str) -> None:
    with transaction(url) as session:
        link_records(session)


def timed_link(url: str) -> dict[str, float]:
    """Run the batch linkage in a child process: wall time and its peak resident memory."""
    start = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(target=_link, args=(url,))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit("linkage failed")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": time.perf_counter() - start, "peak_rss_gib": peak_kib / 2**20}


def sample_numbers(url: str, *, count: int) -> list[str]:
    """Printed numbers (15 and 18 digits) of random parties, as registrars would type them."""
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id_number FROM parties WHERE id18 IS NOT NULL ORDER BY random() LIMIT :n"),
            {"n": count},
        )
        numbers = [r[0] for r in rows]
    engine.dispose()
    return numbers


@contextmanager
def serving(url: str, *, port: int, workers: int | None, role: str = "registrar") -> Iterator[str]:
    """``hunyin serve`` on ``port`` until the block ends; yields the token of a user of ``role``
    at 532301 (a registrar by default)."""
    added = subprocess.run(
        [
            HUNYIN,
            "user",
            "add",
            "--name",
            f"bench-{uuid.uuid4().hex[:8]}",  # a kept store is served again and again
            "--office",
            "532301",
            "--role",
            role,
            "--db",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    token = added.stdout.strip().splitlines()[-1]
    workers_option = ["--workers", str(workers)] if workers else []
    server = subprocess.Popen(
        [HUNYIN, "serve", "--db", url, "--port", str(port), *workers_option],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # A loaded machine takes its time to start the workers: wait for it, but never load a
        # server that is not answering.
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"hunyin serve did not start on port {port}") from None
                time.sleep(0.2)
        yield token
    finally:
        server.terminate()
        server.wait(timeout=30)


def build_and_score(
    url: str, *, couples: int, folder: Path, variations: float = 0.0
) -> dict[str, Any]:
    """Import, link and score the generated prefecture into the empty store at ``url``."""
    report: dict[str, Any] = {}
    prepare(url)
    start = time.perf_counter()
    truth_path = build_store(url, couples=couples, folder=folder, variations=variations)
    report["build_seconds"] = time.perf_counter() - start
    report["link"] = timed_link(url)
    truth = (json.loads(line) for line in truth_path.open(encoding="utf-8"))
    with transaction(url) as session:
        report["quality"] = asdict(evaluate(session, truth=truth))
    return report


def serve_and_query(url: str, args: argparse.Namespace) -> dict[str, Any]:
    """The status endpoint under load, beside the raw indexed look-up of the same keys."""
    report: dict[str, Any] = {}
    numbers = sample_numbers(url, count=5000)
    with serving(url, port=args.port, workers=args.workers) as token:
        base = f"http://127.0.0.1:{args.port}"
        http_load(base=base, token=token, numbers=numbers[:200], clients=4, seconds=2)
        figures = http_load(
            base=base, token=token, numbers=numbers, clients=args.clients, seconds=args.seconds
        )
    report["http_status"] = asdict(figures)
    keys = [k for n in numbers if (k := upgrade(n))]
    raw = sql_load(
        url=url.replace("+psycopg", ""), keys=keys, clients=args.clients, seconds=args.seconds
    )
    report["sql_baseline"] = asdict(raw)
    return report


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every figure of the benchmark, as one JSON-able dict."""
    if args.store:
        # Only the HTTP phase, against a store built and linked before: minutes saved per run.
        return {"store": make_url(args.store).database, **serve_and_query(args.store, args)}
    report: dict[str, Any] = {"couples": args.couples}
    with throwaway_database(args.pg, prefix="hunyin_bench_linkage") as url:
        report |= build_and_score(url, couples=args.couples, folder=args.folder)
        report |= serve_and_query(url, args)
    if args.noisy_couples:
        with throwaway_database(args.pg, prefix="hunyin_bench_linkage_noisy") as url:
            report["noisy"] = {
                "couples": args.noisy_couples,
                "variations": args.variations,
                **build_and_score(
                    url,
                    couples=args.noisy_couples,
                    folder=args.folder.with_name(args.folder.name + "-noisy"),
                    variations=args.variations,
                ),
            }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-linkage", description=__doc__)
    parser.add_argument("--couples", type=int, default=int(os.environ.get("COUPLES", 1_000_000)))
    parser.add_argument(
        "--pg",
        default=SERVER_URL,
        help="PostgreSQL server URL (a database is created and dropped on it)",
    )
    parser.add_argument("--folder", type=Path, default=Path("var/bench/backfill"))
    parser.add_argument(
        "--noisy-couples",
        type=int,
        default=int(os.environ.get("NOISY_COUPLES", 100_000)),
        help="size of the noisy history linked beside the clean one (0: none)",
    )
    parser.add_argument(
        "--variations", type=float, default=0.25, help="share of the noisy history's rows"
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--workers", type=int, default=None, help="server processes (default: hunyin serve's)"
    )
    parser.add_argument(
        "--store",
        default=None,
        help="URL of an already built and linked store: only load it over HTTP (kept, not dropped)",
    )
    report = run(parser.parse_args(argv))
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
