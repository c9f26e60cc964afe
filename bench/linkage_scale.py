"""``make bench-linkage-scale``: the person linkage's time and peak memory against store size.

Generated histories of increasing size (the ledger generator, about 2.4 parties per couple) are
imported once each into a SQLite store kept under ``--out`` (the import links them; its time is
not measured), then the whole index is rebuilt (``link_records``: features, training, Splink
prediction, writing the index) in a fresh child process per size and mode:

- ``chunked``: one prediction slice per ``HUNYIN_LINK_CHUNK_PARTIES`` (its default, or
  ``--chunk-parties``, so that small stores are cut too);
- ``whole``: one slice whatever the size, the baseline.

Reported per size and mode: medians over ``--runs`` of wall seconds and peak resident memory of
the child, then the growth exponents between the smallest and the largest size (1.0 is linear)
and what the marginal cost per party between them comes to for a prefecture and the province.
"""

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.backfill import ledgers

REPO = Path(__file__).resolve().parent.parent
PARTIES_PER_COUPLE = 2.4
# The environment's HUNYIN_LINK_CHUNK_PARTIES per mode: None keeps the chunked default.
MODES: dict[str, str | None] = {"chunked": None, "whole": str(10**12)}
PREFECTURE_PARTIES = 2_400_000
PROVINCE_PARTIES = 16 * PREFECTURE_PARTIES


def ensure_store(root: Path, *, parties: int, seed: int) -> Path:
    """A SQLite store of a generated history of about ``parties`` parties (built once)."""
    couples = round(parties / PARTIES_PER_COUPLE)
    store = root / f"store-{couples}.db"
    done = store.with_suffix(".done")
    if done.exists():
        return store
    from batch.ledgers import import_ledgers
    from warehouse.store import prepare

    store.unlink(missing_ok=True)
    url = prepare(f"sqlite:///{store}")
    paths = ledgers(root / f"ledgers-{couples}", couples=couples, seed=seed, variations=0.25)
    started = time.perf_counter()
    summary = import_ledgers(url, paths)
    seconds = time.perf_counter() - started
    print(f"store of {couples:,} couples: {summary.counts()} in {seconds:.0f} s", flush=True)
    done.touch()
    return store


def link_once(store: Path) -> None:
    """In the child: rebuild the index of ``store``; print its figures as one JSON line."""
    from warehouse.db import transaction
    from warehouse.linkage import link_records
    from warehouse.linkage.backend import chunks

    before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with transaction(f"sqlite:///{store}") as session:
        result = link_records(session)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {
        "parties": result.parties,
        "chunks": chunks(result.parties),
        "predictions": result.predictions,
        "trained": result.trained,
        "seconds": seconds,
        "peak_rss_gib": peak_kib / 2**20,
        "start_rss_gib": before_kib / 2**20,
    }
    print(json.dumps(figures))


def measure(store: Path, *, mode: str, work: Path, chunk_parties: int | None) -> dict[str, Any]:
    """One rebuild of ``store``'s index in a fresh child process."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "HUNYIN_VAR_DIR": str(work)}
    env.pop("HUNYIN_LINK_CHUNK_PARTIES", None)
    per_slice = MODES[mode] or (str(chunk_parties) if chunk_parties else None)
    if per_slice is not None:
        env["HUNYIN_LINK_CHUNK_PARTIES"] = per_slice
    done = subprocess.run(
        [sys.executable, "-m", "bench.linkage_scale", "--link", str(store)],
        cwd=REPO, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"linking {store.name} ({mode}) failed:\n{done.stderr[-4000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _exponent(small: dict[str, Any], large: dict[str, Any], key: str) -> float:
    """How ``key`` grows with parties between two sizes: 1.0 is linear, 2.0 quadratic."""
    return math.log(large[key] / small[key]) / math.log(large["parties"] / small["parties"])


def report(found: dict[str, dict[int, list[dict[str, Any]]]]) -> dict[str, Any]:
    """Medians per size and mode, growth exponents, and the largest size's cost per party."""
    medians: dict[str, list[dict[str, Any]]] = {}
    print(f"\n{'mode':<9}{'parties':>10}{'chunks':>8}{'seconds':>10}{'s/100k':>8}{'peak GiB':>10}")
    for mode, sizes in found.items():
        medians[mode] = []
        for runs in sizes.values():
            row = {
                **runs[0],
                "runs": len(runs),
                "seconds": statistics.median(r["seconds"] for r in runs),
                "peak_rss_gib": statistics.median(r["peak_rss_gib"] for r in runs),
            }
            medians[mode].append(row)
            print(
                f"{mode:<9}{row['parties']:>10,}{row['chunks']:>8}{row['seconds']:>10.1f}"
                f"{row['seconds'] / row['parties'] * 1e5:>8.1f}{row['peak_rss_gib']:>10.2f}"
            )
    summary: dict[str, Any] = {"medians": medians, "raw": found}
    chunked = medians.get("chunked", [])
    if len(chunked) > 1:
        small, large = chunked[0], chunked[-1]
        growth = {k: _exponent(small, large, k) for k in ("seconds", "peak_rss_gib")}
        summary |= {"growth_exponent_chunked": growth}
        print(
            f"growth from {small['parties']:,} to {large['parties']:,} parties (chunked): time"
            f" ^{growth['seconds']:.2f}, peak memory ^{growth['peak_rss_gib']:.2f} (1.00: linear)"
        )
        # The marginal cost per party between the two sizes: the fixed costs (the interpreter,
        # training on capped samples) are paid once, not once per party.
        added = large["parties"] - small["parties"]
        per_party = {k: (large[k] - small[k]) / added for k in ("seconds", "peak_rss_gib")}
        for name, parties in (("prefecture", PREFECTURE_PARTIES), ("province", PROVINCE_PARTIES)):
            more = parties - large["parties"]
            print(
                f"at the marginal cost per party, the {name} ({parties / 1e6:.1f} M parties)"
                f" links in {(large['seconds'] + more * per_party['seconds']) / 60:.0f} min with"
                f" {large['peak_rss_gib'] + more * per_party['peak_rss_gib']:.1f} GiB peak"
            )
    if "whole" in medians and "chunked" in medians:
        for c, w in zip(medians["chunked"], medians["whole"], strict=True):
            print(
                f"{c['parties']:>10,} parties: chunked/whole time"
                f" {c['seconds'] / w['seconds']:.2f},"
                f" peak memory {c['peak_rss_gib'] / w['peak_rss_gib']:.2f}"
            )
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.linkage_scale", description=__doc__)
    parser.add_argument(
        "--parties",
        default="50000,100000,200000,400000",
        help="comma-separated sizes of the generated histories, in parties",
    )
    parser.add_argument("--modes", default="chunked,whole", help="chunked, whole or both")
    parser.add_argument(
        "--chunk-parties",
        type=int,
        default=None,
        help="parties per slice in the chunked mode (default: HUNYIN_LINK_CHUNK_PARTIES's)",
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per size and mode (medians)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=REPO / "var" / "bench" / "linkage-scale")
    parser.add_argument(
        "--prepare", action="store_true", help="only build the stores, measure nothing"
    )
    parser.add_argument("--link", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.link:
        link_once(args.link)
        return
    root = args.out.resolve()
    root.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.parties.split(",")]
    modes = [m for m in args.modes.split(",") if m]
    stores = {size: ensure_store(root, parties=size, seed=args.seed) for size in sizes}
    if args.prepare:
        return
    found: dict[str, dict[int, list[dict[str, Any]]]] = {m: {s: [] for s in sizes} for m in modes}
    for _ in range(args.runs):
        for size in sizes:
            for mode in modes:
                figures = measure(
                    stores[size], mode=mode, work=root / "var", chunk_parties=args.chunk_parties
                )
                print(
                    f"{mode} {figures['parties']:,} parties, {figures['chunks']} chunk(s):"
                    f" {figures['seconds']:.1f} s, {figures['peak_rss_gib']:.2f} GiB peak",
                    flush=True,
                )
                found[mode][size].append(figures)
    summary = report(found)
    (root / "result.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
