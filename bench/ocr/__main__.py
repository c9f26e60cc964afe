"""``python -m bench.ocr``: the reading benchmark (what ``make bench-ocr`` runs).

Reads the bundled samples (with their truth) and freshly generated synthetic batches unlike
them (values typed, and values written by hand in faces the reader was not tuned on), with
the production path and with a plain full-page RapidOCR pass, and prints field accuracy, ID
accuracy, share accepted, error rate among accepted fields and pages per second.

The plain pass runs twice: as a plain script would (RapidOCR's defaults, page after page in one
process, onnxruntime using every core) — the baseline the speed target is stated against — and
spread over the same worker processes as the production path, one thread each.
"""

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from batch.extract import extract_tree, plan
from bench.ocr.baseline import run_baseline
from bench.ocr.score import score
from hunyin.schema import Outcome, Record
from synth.scans.batchgen import generate


class _Clock:
    """Wall time and CPU time of this process and its finished workers (and their children),
    so that the cost per page can be compared even when other work shares the machine."""

    def __init__(self) -> None:
        self._wall = time.perf_counter()
        self._cpu = self._used()

    @staticmethod
    def _used() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def read(self) -> tuple[float, float]:
        """Seconds of wall time and of CPU time since the clock started."""
        return time.perf_counter() - self._wall, self._used() - self._cpu


def _accounted(items: list[Record | Outcome], manifest: list[dict[str, Any]]) -> tuple[int, int]:
    """Manifest files whose outputs are exactly what the manifest says, and all files."""
    by_file: dict[str, list[Record | Outcome]] = {}
    for item in items:
        by_file.setdefault(item.source.file, []).append(item)
    good = 0
    for entry in manifest:
        got = by_file.get(entry["file"], [])
        if "quarantine" in entry:
            good += (
                len(got) == 1
                and got[0].status == "quarantined"
                and got[0].reason.startswith(entry["quarantine"])
            )
        elif entry["records"] == 0:
            good += bool(got) and all(g.status == "blank" for g in got)
        else:
            good += sum(isinstance(g, Record) for g in got) == entry["records"]
    return good, len(manifest)


def _measure(
    name: str, root: Path, *, workers: int, runs: int, passes_wanted: list[str]
) -> dict[str, Any]:
    """Every pass over one batch, timed ``runs`` times each, alternating so that outside load
    falls on all alike; the median speed and CPU per page of each are kept."""
    truths = [
        json.loads(line) for line in (root / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    tasks = [
        (str(root / f.file), f.file, n)
        for f in plan(root)
        if f.outcome is None
        for n in range(1, f.pages + 1)
    ]
    every: dict[str, Callable[[], list[Record | Outcome]]] = {
        "ours": lambda: list(extract_tree(root, workers=workers, progress=False)),
        "plain": lambda: run_baseline(tasks, workers=1, threads=None),
        "plain_w": lambda: run_baseline(tasks, workers=workers, threads=1),
    }
    passes = {key: run for key, run in every.items() if key in passes_wanted}
    items: dict[str, list[Record | Outcome]] = {}
    speeds: dict[str, list[float]] = {key: [] for key in passes}
    costs: dict[str, list[float]] = {key: [] for key in passes}
    for _ in range(runs):
        for key, run in passes.items():
            clock = _Clock()
            items[key] = run()
            wall, cpu = clock.read()
            speeds[key].append(len(tasks) / wall)
            costs[key].append(cpu / len(tasks))
    good, total = _accounted(items["ours"], manifest)
    scores = {
        key: score([i for i in items[key] if isinstance(i, Record)], truths) for key in passes
    }
    return {
        "batch": name,
        "files_accounted": f"{good}/{total}",
        "passes": list(passes),
        "errors": {
            "by_field": scores["ours"].by_field(),
            "accepted_wrong": [asdict(m) for m in scores["ours"].misses if m.accepted],
            "misses": [asdict(m) for m in scores["ours"].misses],
        },
        **{
            key: {
                **scores[key].as_dict(),
                "pages_per_s": round(statistics.median(speeds[key]), 3),
                "cpu_s_per_page": round(statistics.median(costs[key]), 3),
            }
            for key in passes
        },
    }


def _print_errors(errors: dict[str, Any]) -> None:
    """Which core fields the production path reads wrong, and every wrong accepted value."""
    print(f"{'wrong fields (ours)':28}{'wrong':>10}{'accepted':>10}")
    for dotted, row in errors["by_field"].items():
        print(f"  {dotted:26}{row['wrong']:>10}{row['accepted_wrong']:>10}")
    for miss in errors["accepted_wrong"]:
        print(
            f"  accepted wrong: {miss['file']} p{miss['page']} {miss['field']}: "
            f"read {miss['got']!r}, truth {miss['expected']!r}"
        )


def _print(result: dict[str, Any], *, errors: bool) -> None:
    print(f"\n== {result['batch']}  (files accounted for: {result['files_accounted']})")
    keys = [
        "records",
        "field_accuracy",
        "id_accuracy",
        "share_accepted",
        "accepted_field_error_rate",
        "pages_per_s",
        "cpu_s_per_page",
    ]
    passes = result["passes"]
    print(f"{'':28}" + "".join(f"{p:>10}" for p in passes))
    for key in keys:
        print(f"{key:28}" + "".join(f"{result[p][key]:>10}" for p in passes))
    for plain in passes[1:]:
        ratio = result["ours"]["pages_per_s"] / max(result[plain]["pages_per_s"], 1e-9)
        cost = result[plain]["cpu_s_per_page"] / max(result["ours"]["cpu_s_per_page"], 1e-9)
        print(f"{'speed ratio ours/' + plain:28}{ratio:>10.2f}")
        print(f"{'cpu cost ratio ' + plain + '/ours':28}{cost:>10.2f}")
    if errors:
        _print_errors(result["errors"])


def main() -> int:
    """Run both batches and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__)
    parser.add_argument("--samples", type=Path, default=Path("samples/scans"))
    parser.add_argument("--no-samples", action="store_true", help="only the generated batch")
    parser.add_argument("--count", type=int, default=40, help="records in the generated batch")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument(
        "--former-towns",
        type=float,
        default=None,
        help="share of generated hukous naming a township no longer in townships.csv",
    )
    parser.add_argument(
        "--hands",
        default="typeset,held_out",
        help="comma-separated fills of the generated batches: typeset, tune (handwriting faces "
        "the reader may be tuned on), held_out (handwriting faces kept for measurement)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each pass (median kept)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--passes",
        default="ours,plain,plain_w",
        help="comma-separated passes to run: ours (always), plain, plain_w",
    )
    parser.add_argument(
        "--errors", action="store_true", help="also print the wrong fields of the production path"
    )
    args = parser.parse_args()
    wanted = ["ours", *(p for p in args.passes.split(",") if p in ("plain", "plain_w"))]
    results = []
    if not args.no_samples and (args.samples / "truth.jsonl").exists():
        results.append(
            _measure(
                f"samples ({args.samples})",
                args.samples,
                workers=args.workers,
                runs=args.runs,
                passes_wanted=wanted,
            )
        )
    for hands in args.hands.split(","):
        with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
            generate(
                Path(tmp),
                count=args.count,
                seed=args.seed,
                former_towns=args.former_towns,
                hands=hands,
            )
            results.append(
                _measure(
                    f"generated {hands} (seed {args.seed})",
                    Path(tmp),
                    workers=args.workers,
                    runs=args.runs,
                    passes_wanted=wanted,
                )
            )
    for result in results:
        _print(result, errors=args.errors)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
