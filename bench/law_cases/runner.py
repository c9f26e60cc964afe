"""Running the law cases: a fresh store, the registry served over real HTTP on it, every
family drawn from one seed, and the summary printed as JSON."""

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from bench.database import SERVER_URL, throwaway_database
from bench.law_cases.desk import (
    COUNTIES,
    PREFECTURE,
    TAIWAN_OFFICE,
    Client,
    Desk,
    Outcome,
)
from bench.law_cases.families import (
    FAMILIES,
)
from bench.threaded_server import served_in_thread
from registry.users import create_user
from warehouse.db import transaction
from warehouse.store import prepare


def run_cases(desk: Desk, *, seed: int, per_family: int) -> list[Outcome]:
    """Every family ``per_family`` times, from one seed; the outcomes in order."""
    rng = random.Random(seed)
    with transaction(desk.url) as session:
        for office in (*COUNTIES, PREFECTURE, TAIWAN_OFFICE):
            token = create_user(session, name=f"law{office}", office_code=office, role="registrar")
            desk.tokens[office] = {"Authorization": f"Bearer {token}"}
    outcomes = []
    for _ in range(per_family):
        for family, make in FAMILIES.items():
            try:
                outcome = make(desk, rng)
            except Exception as exc:  # a case that breaks the runner is a failed case, not a crash
                outcome = Outcome(family, "crashed", [f"{type(exc).__name__}: {exc}"])
            outcome.problems += [f"not in Chinese: {m}" for m in desk.untranslated]
            desk.untranslated.clear()
            outcomes.append(outcome)
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    failed = [o for o in outcomes if o.problems]
    return {
        "cases": len(outcomes),
        "passed": len(outcomes) - len(failed),
        "failed": [{"family": o.family, "case": o.name, "problems": o.problems} for o in failed],
    }


@contextmanager
def served(url: str) -> Iterator[tuple[Client, Callable[[date], None]]]:
    """The registry on ``url`` over real HTTP on a free local port, and its office clock."""
    import httpx

    from registry.app import create_app

    app = create_app(db_url=url)

    def set_today(day: date) -> None:
        app.state.today = lambda: day

    with served_in_thread(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client, set_today


@contextmanager
def fresh_store(kind: str) -> Iterator[str]:
    """A fresh, migrated store: a throwaway PostgreSQL database or a temporary SQLite file."""
    if kind == "postgres":
        with throwaway_database(SERVER_URL, prefix="hunyin_law_cases") as url:
            yield prepare(url)
        return
    with tempfile.TemporaryDirectory() as folder:
        yield prepare(f"sqlite:///{Path(folder) / 'hunyin.db'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--per-family", type=int, default=10)
    args = parser.parse_args(argv)
    with fresh_store(args.store) as url, served(url) as (client, set_today):
        desk = Desk(client=client, url=url, set_today=set_today)
        result = summary(run_cases(desk, seed=args.seed, per_family=args.per_family))
    print(json.dumps({"seed": args.seed, "store": args.store, **result}, ensure_ascii=False))
    return 1 if result["failed"] else 0
