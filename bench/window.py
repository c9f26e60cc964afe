"""``make bench-window``: the registration window at peak, loaded with ``wrk`` as a client would.

Builds (once; kept and reused) the generated prefecture in a PostgreSQL database of its own with
``hunyin import-ledger`` as a user runs it, timing the first import (person index included once
the import links), the linking of whatever it left unlinked, and a second import (which must add
nothing). Explains the status statement on the store and counts what one query sends. Then
starts ``hunyin serve`` with its defaults and loads, one after another in the same run,
``/healthz``, the status of random persons by ID number, eligibility checks of random couples
and registrations of new couples, each with ``wrk`` (16 connections, 10 s); prints requests/s,
p50, p99 and the ratio of each to ``/healthz``. Take figures with the machine otherwise idle:
they are only as quiet as it is.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.backfill import ledgers
from bench.database import SERVER_URL
from bench.linkage import serving
from bench.window_bodies import couples_of_store, new_couples, write_lines
from bench.window_profile import explain, statements_per_query
from hunyin.domain.idnumber import upgrade
from warehouse.db import normalise_url, transaction
from warehouse.linkage import link_pending

HUNYIN = str(Path(sys.executable).with_name("hunyin"))
SCRIPTS = Path(__file__).with_name("wrk")
_LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_TOTAL = re.compile(r"(\d+) requests in")
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _hunyin(*args: str) -> tuple[str, float]:
    started = time.perf_counter()
    done = subprocess.run([HUNYIN, *args], check=True, capture_output=True, text=True)
    return done.stdout, time.perf_counter() - started


_BUILT = "built by bench-window"


def _database(server: str, name: str, *, rebuild: bool) -> tuple[str, bool]:
    """The URL of database ``name`` on ``server``, and whether it is built already (a store
    whose build did not finish is dropped and built again)."""
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        note = conn.execute(
            text(
                "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database"
                " WHERE datname = :n"
            ),
            {"n": name},
        ).scalar()
        built = note == _BUILT and not rebuild
        if not built:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(normalise_url(server)).set(database=name).render_as_string(False)
    return url, built


def _mark_built(server: str, name: str) -> None:
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{_BUILT}'"))
    admin.dispose()


def build(url: str, *, couples: int, folder: Path) -> dict[str, Any]:
    """Import the generated ledgers twice with ``hunyin import-ledger``, linking between."""
    paths = [str(p) for p in ledgers(folder, couples=couples, seed=2026)]
    report: dict[str, Any] = {}
    out, seconds = _hunyin("import-ledger", *paths, "--db", url, "--json")
    report["first_import"] = json.loads(out.strip().splitlines()[-1]) | {"seconds": seconds}
    # The index brought up to date: the parties the import left unlinked, if any.
    started = time.perf_counter()
    with transaction(url) as session:
        linked = link_pending(session)
    report["link_after_import"] = {
        "parties": linked.parties,
        "seconds": time.perf_counter() - started,
    }
    out, seconds = _hunyin("import-ledger", *paths, "--db", url, "--json")
    report["second_import"] = json.loads(out.strip().splitlines()[-1]) | {"seconds": seconds}
    return report


def wrk(url: str, *, script: str | None, args: list[str], seconds: int, connections: int) -> dict:
    """One ``wrk`` run: requests/s, p50 and p99 in ms, and the answers that were not 2xx."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        command += ["-s", str(SCRIPTS / script)]
    done = subprocess.run([*command, url, "--", *args], check=True, capture_output=True, text=True)
    latency = {p: float(v) * _UNIT_MS[u] for p, v, u in _LATENCY.findall(done.stdout)}
    rate, total = _RATE.search(done.stdout), _TOTAL.search(done.stdout)
    errors = _NON_2XX.search(done.stdout)
    if rate is None or total is None or not latency:
        raise SystemExit(f"wrk printed no figures:\n{done.stdout}\n{done.stderr}")
    return {
        "requests": int(total.group(1)),
        "requests_per_s": float(rate.group(1)),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def load(url: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Serve the store and load each endpoint, /healthz first, in this one run."""
    numbers, pairs = couples_of_store(url, count=5000)
    write_lines(work / "numbers.txt", numbers)
    write_lines(work / "eligibility.txt", [json.dumps(p, ensure_ascii=False) for p in pairs])
    fresh = new_couples(url, count=args.registrations)
    write_lines(work / "registrations.txt", [json.dumps(p, ensure_ascii=False) for p in fresh])
    figures: dict[str, Any] = {}
    with serving(url, port=args.port, workers=args.workers, role="admin") as token:
        base = f"http://127.0.0.1:{args.port}"
        runs = {
            "healthz": (f"{base}/healthz", None, []),
            "status": (f"{base}/api/v1/status", "status.lua", [str(work / "numbers.txt"), token]),
            "eligibility": (
                f"{base}/api/v1/eligibility",
                "post.lua",
                [str(work / "eligibility.txt"), token, "random"],
            ),
            "registration": (
                f"{base}/api/v1/registrations",
                "post.lua",
                [str(work / "registrations.txt"), token, "each", "2"],
            ),
        }
        # A short warm-up: the workers' first requests load code and fill caches.
        wrk(runs["status"][0], script="status.lua", args=runs["status"][2], seconds=2,
            connections=4)  # fmt: skip
        keys = [k for n in numbers[:50] if (k := upgrade(n))]
        figures["status_profile"] = {
            "explain": explain(url, keys=keys),
            "per_query": statements_per_query(url, token=token, number=numbers[0]),
        }
        for name, (target, script, extra) in runs.items():
            figures[name] = wrk(
                target, script=script, args=extra, seconds=args.seconds, connections=args.clients
            )
    health = figures["healthz"]["requests_per_s"]
    for name in runs:
        row = figures[name]
        row["ratio_to_healthz"] = round(row["requests_per_s"] / health, 3) if health else None
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-window", description=__doc__)
    parser.add_argument("--couples", type=int, default=int(os.environ.get("COUPLES", 1_000_000)))
    parser.add_argument(
        "--pg",
        default=SERVER_URL,
        help="PostgreSQL server URL (the store is a database of its own there, kept)",
    )
    parser.add_argument("--folder", type=Path, default=Path("var/bench/backfill"))
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--registrations", type=int, default=40_000)
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: hunyin serve's)"
    )
    parser.add_argument("--rebuild", action="store_true", help="drop and build the store again")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (make bench-window installs it)")
    name = f"hunyin_window_{args.couples}"
    url, built = _database(args.pg, name, rebuild=args.rebuild)
    report: dict[str, Any] = {"store": name, "couples": args.couples}
    if not built:
        report["build"] = build(url, couples=args.couples, folder=args.folder)
        _mark_built(args.pg, name)
    # Each store its own folder: stores of other sizes may be loaded at the same time.
    work = Path("var/bench/window") / name
    work.mkdir(parents=True, exist_ok=True)
    report["load"] = load(url, args, work)
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    print()
    heading = ("endpoint", "req/s", "p50 ms", "p99 ms", "/healthz", "non-2xx")
    print("{:<14}{:>10}{:>10}{:>10}{:>10}{:>9}".format(*heading))
    for endpoint in ("healthz", "status", "eligibility", "registration"):
        row = report["load"][endpoint]
        print(
            f"{endpoint:<14}{row['requests_per_s']:>10.0f}{row['p50_ms']:>10.1f}"
            f"{row['p99_ms']:>10.1f}{row['ratio_to_healthz']:>10.1%}{row['non_2xx']:>9}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
