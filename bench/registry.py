"""``make bench-registry``: request latencies and the same-couple race, on a throwaway
PostgreSQL database served over real HTTP.

Prints one JSON object: median and 95th-percentile milliseconds of status queries,
eligibility checks and registrations, and how many rounds of ten simultaneous registrations
of one couple ended with exactly one 201 and nine 409.
"""

import argparse
import json
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta
from typing import Any

import httpx

from bench.database import SERVER_URL, throwaway_database
from bench.threaded_server import served_in_thread
from hunyin.codes import offices
from hunyin.domain.dates import office_today
from hunyin.domain.idnumber import check_character
from registry.app import create_app
from registry.users import create_user
from warehouse.db import transaction

DAY = office_today()  # live registrations are dated today at the office
# The county offices of the day: since 2025 every office may register the couple.
OFFICES = tuple(o.code for o in offices() if o.valid_on(DAY))


def _id_number(born: date, *, male: bool, seq: int) -> str:
    first17 = f"532301{born:%Y%m%d}{(seq * 2 + male) % 1000:03d}"
    return first17 + check_character(first17)


def _couple(n: int, office: str) -> dict[str, Any]:
    born = date(1990, 1, 1) + timedelta(days=n % 3000)
    seq = n // 3000 + 1
    parties = [
        {"name": f"男{n}", "sex": "男", "id_number": _id_number(born, male=True, seq=seq)},
        {"name": f"女{n}", "sex": "女", "id_number": _id_number(born, male=False, seq=seq)},
    ]
    for party in parties:
        party["hukou_code"] = "532326"
    return {"kind": "marriage", "office_code": office, "date": DAY.isoformat(), "parties": parties}


def _serve(db_url: str) -> AbstractContextManager[str]:
    return served_in_thread(create_app(db_url=db_url))


def _timed(calls: int, call: Callable[[int], httpx.Response]) -> dict[str, float]:
    spent = []
    for n in range(calls):
        start = time.perf_counter()
        call(n).raise_for_status()
        spent.append((time.perf_counter() - start) * 1000)
    spent.sort()
    return {
        "median_ms": round(statistics.median(spent), 1),
        "p95_ms": round(spent[int(0.95 * len(spent)) - 1], 1),
    }


def _race(base: str, tokens: list[str], couple: int) -> Counter[str]:
    """The answers of one round: status and error code (``201``, ``409 conflict``, ...)."""
    barrier, statuses = threading.Barrier(len(tokens)), Counter[str]()

    def fire(token: str, office: str) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            barrier.wait()
            response = client.post(
                "/api/v1/registrations",
                json=_couple(couple, office),
                headers={"Authorization": f"Bearer {token}"},
            )
            code = response.json().get("error", {}).get("code") if response.is_error else None
            statuses[f"{response.status_code} {code}" if code else str(response.status_code)] += 1

    threads = [
        threading.Thread(target=fire, args=pair) for pair in zip(tokens, OFFICES, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def run(*, admin_url: str, calls: int, rounds: int) -> dict[str, Any]:
    """Measure on a fresh database; returns the figures."""
    with throwaway_database(admin_url) as url, _serve(url) as base:
        with transaction(url) as session:
            tokens = [
                create_user(session, name=f"r{o}", office_code=o, role="registrar") for o in OFFICES
            ]
        auth = {"Authorization": f"Bearer {tokens[0]}"}
        with httpx.Client(base_url=base, headers=auth, timeout=60) as client:
            figures: dict[str, Any] = {
                "registration": _timed(
                    calls,
                    lambda n: client.post("/api/v1/registrations", json=_couple(n, OFFICES[0])),
                ),
                "eligibility": _timed(
                    calls,
                    lambda n: client.post(
                        "/api/v1/eligibility", json=_couple(n + calls, OFFICES[0])
                    ),
                ),
                "status": _timed(
                    calls,
                    lambda n: client.get(
                        "/api/v1/status",
                        params={"id_number": _couple(n, OFFICES[0])["parties"][0]["id_number"]},
                    ),
                ),
            }
        outcomes = [_race(base, tokens, 10 * calls + r) for r in range(rounds)]
        answers = Counter(", ".join(f"{n}x {k}" for k, n in sorted(o.items())) for o in outcomes)
        figures["race"] = {
            "rounds": rounds,
            "one_201_nine_409": sum(
                sum(n for k, n in o.items() if k.startswith("201")) == 1
                and sum(n for k, n in o.items() if k.startswith("409")) == 9
                for o in outcomes
            ),
            "answers": dict(answers),
        }
        return figures


def main() -> None:
    """Run the measurement with the command line's sizes and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200, help="requests per timed operation")
    parser.add_argument("--rounds", type=int, default=20, help="rounds of ten racing registrations")
    args = parser.parse_args()
    admin_url = SERVER_URL
    print(json.dumps(run(admin_url=admin_url, calls=args.calls, rounds=args.rounds), indent=2))


if __name__ == "__main__":
    main()
