"""``make bench-histories``: whole histories at the window, through the contract commands only.

Generates a prefecture's ledgers (a clean run, and beside it a noisy one in which a share of
rows is written as clerks did), then does what a new user would: ``hunyin import-ledger`` into
an empty store, ``hunyin user add``, ``hunyin serve``, and ``GET /api/v1/status`` for every
person of the truth file: by number where the person's number was ever written, else by name
and birth date. Scores per run: event recall and precision (events by type, date and
certificate number), the share of answers whose status is exactly right, and how many rows went
to review. Prints JSON.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.linkage import HUNYIN, serving
from synth.ledgers.ledgers import generate, write_ledgers, write_truth

FIRST_ID_CARDS = "1985-01-01"
_STATUS_AFTER = {"marriage": "married", "divorce": "divorced"}


@dataclass(frozen=True, slots=True)
class Figures:
    persons: int
    rows_to_review: int
    rows_quarantined: int
    event_recall: float
    event_precision: float
    status_exact: float
    needs_verification: float
    seconds_import: float


def expected_status(events: list[dict[str, Any]]) -> str:
    """What the true history adds up to (a reissue changes nothing)."""
    steps = [_STATUS_AFTER[e["type"]] for e in events if e["type"] in _STATUS_AFTER]
    return steps[-1] if steps else "unknown"


def query_of(person: dict[str, Any]) -> dict[str, str]:
    """How a registrar asks: the number when the person ever had it written, else name and birth."""
    if any(e["date"] >= FIRST_ID_CARDS for e in person["events"]):
        return {"id_number": person["id_18"]}
    return {"name": person["name"], "birth_date": person["birth_date"]}


def _key(event: dict[str, Any]) -> tuple[Any, ...]:
    return (event["type"], event["date"], event["certificate_no"])


def _ask(http: httpx.Client, person: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    answer = http.get("/api/v1/status", params=query_of(person))
    answer.raise_for_status()
    return person, answer.json()


def score(pairs: Iterator[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, float]:
    """Recall, precision and exact status over (truth person, status document) pairs."""
    true_events = found = answered = persons = exact = doubtful = 0
    for person, doc in pairs:
        persons += 1
        truth = {_key(e) for e in person["events"]}
        given = {_key(e) for e in doc["events"]}
        true_events += len(truth)
        answered += len(given)
        found += len(truth & given)
        exact += doc["status"] == expected_status(person["events"])
        doubtful += doc["status"] == "needs_verification"
    return {
        "persons": persons,
        "event_recall": found / max(true_events, 1),
        "event_precision": found / max(answered, 1),
        "status_exact": exact / max(persons, 1),
        "needs_verification": doubtful / max(persons, 1),
    }


def run_history(folder: Path, *, couples: int, seed: int, variations: float, port: int) -> Figures:
    """Generate one history, import it with the CLI, and ask the service about everyone."""
    prefecture = generate(couples=couples, seed=seed, variations=variations, slips=False)
    paths = write_ledgers(prefecture, folder / "ledgers")
    truth_path = write_truth(prefecture, folder / "persons.jsonl")
    url = f"sqlite:///{folder / 'store.db'}"
    start = time.perf_counter()
    imported = subprocess.run(
        [HUNYIN, "import-ledger", *map(str, paths), "--db", url, "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    counts = json.loads(imported.stdout.strip().splitlines()[-1])
    people = [json.loads(line) for line in truth_path.open(encoding="utf-8")]
    with serving(url, port=port, workers=None) as token:
        headers = {"Authorization": f"Bearer {token}"}
        base = f"http://127.0.0.1:{port}"
        with (
            httpx.Client(base_url=base, headers=headers, timeout=60) as http,
            ThreadPoolExecutor(max_workers=4) as pool,
        ):
            scores = score(pool.map(lambda p: _ask(http, p), people))
    return Figures(
        rows_to_review=counts["to_review"],
        rows_quarantined=counts["quarantined"],
        seconds_import=seconds,
        **scores,  # type: ignore[arg-type]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-histories", description=__doc__)
    parser.add_argument("--couples", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=4711)
    parser.add_argument("--variations", type=float, default=0.25, help="share of noisy rows")
    parser.add_argument("--port", type=int, default=8777)
    args = parser.parse_args(argv)
    report: dict[str, Any] = {"couples": args.couples, "seed": args.seed}
    for label, share in (("clean", 0.0), ("noisy", args.variations)):
        with tempfile.TemporaryDirectory(prefix="hunyin-histories-") as folder:
            figures = run_history(
                Path(folder),
                couples=args.couples,
                seed=args.seed,
                variations=share,
                port=args.port,
            )
        report[label] = asdict(figures)
        print(json.dumps({label: report[label]}), file=sys.stderr)
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
