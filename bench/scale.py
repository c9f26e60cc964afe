"""``python -m bench.scale``: one generated batch read in process, by one and by two workers.

What ``make bench-scale`` runs. The same batch job reads the same generated batch (at least 200
pages, real engines) three times, each into a fresh store and Dagster home: (a) with the
in-process executor, (b) with the Celery executor and one worker, (c) with two workers, on this
machine. Each worker runs one OCR step at a time with one thread, as does the in-process run,
so (a) and (b) differ only by the queue. Reported per mode: pages/s over the reading (from the
slicing step's end to the last slice's end, from Dagster's event log), the whole run's wall
time, and CPU seconds per page of every process involved; then the efficiency of (c) against
(b) and the queue's cost per page, (b) against (a).
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
KEY = "532301-scale"
MODES = (("a", "in process", 0), ("b", "one worker", 1), ("c", "two workers", 2))


@dataclass(frozen=True, slots=True)
class Measure:
    mode: str
    label: str
    pages: int
    reading_s: float
    run_s: float
    cpu_s: float
    io_bytes: int = 0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.reading_s


def ensure_batch(root: Path, *, pages: int, seed: int) -> Path:
    """The generated batch under ``root`` (made once, then reused): one page per record."""
    batch = root / "inbox" / "532301" / "scale"
    done = root / f"batch-{pages}-{seed}.done"
    if done.exists():
        return batch
    from synth.scans.batchgen import generate

    shutil.rmtree(root / "inbox", ignore_errors=True)
    generated = root / "generated"
    shutil.rmtree(generated, ignore_errors=True)
    generate(generated, count=pages, seed=seed, junk=False)
    # The answer key and manifest stay beside the batch, not in it.
    for sidecar in ("truth.jsonl", "manifest.json"):
        (generated / sidecar).replace(root / sidecar)
    batch.parent.mkdir(parents=True, exist_ok=True)
    generated.replace(batch)
    done.touch()
    return batch


def _env(work: Path, root: Path, *, executor: str, broker: str, slice_pages: int) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DAGSTER_HOME": str(work / "dagster"),
        "HUNYIN_DB_URL": f"sqlite:///{work / 'store.db'}",
        "HUNYIN_VAR_DIR": str(work / "var"),
        "HUNYIN_INBOX_DIR": str(root / "inbox"),
        "HUNYIN_EXECUTOR": executor,
        "HUNYIN_BROKER_URL": broker,
        "HUNYIN_OCR_SLICE_PAGES": str(slice_pages),
        "HUNYIN_OCR_WORKERS": "1",
        "HUNYIN_OCR_THREADS": "1",
        "HUNYIN_AUDIT_SAMPLE_RATE": "0",
    }


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(
    mode: str, label: str, workers: int, *, root: Path, broker: str, slice_pages: int
) -> Measure:
    """One run of the batch job in a fresh store and Dagster home."""
    from bench.workers import start_worker, stop_worker

    work = root / "runs" / mode
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = _env(
        work,
        root,
        executor="celery" if workers else "in_process",
        broker=broker,
        slice_pages=slice_pages,
    )
    subprocess.run(
        [sys.executable, "-m", "pipelines.instance"], cwd=REPO, env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    cpu_before = _children_cpu()
    started = [
        start_worker(f"w{n}", env=env, cwd=REPO, log=work / f"w{n}.log")
        for n in range(1, workers + 1)
    ]
    try:
        wall = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bench.scale", "--orchestrate", KEY],
            cwd=REPO, env=env, capture_output=True, text=True,
        )  # fmt: skip
        wall = time.perf_counter() - wall
    finally:
        for worker in started:
            stop_worker(worker)
    if done.returncode != 0:
        raise SystemExit(f"mode {mode} failed:\n{done.stderr[-4000:]}")
    spans = json.loads(done.stdout.strip().splitlines()[-1])
    return Measure(
        mode=mode,
        label=label,
        pages=spans["pages"],
        reading_s=spans["reading_s"],
        run_s=wall,
        cpu_s=_children_cpu() - cpu_before,
        io_bytes=sum(f.stat().st_size for f in (work / "var" / "io").rglob("*") if f.is_file()),
    )


def orchestrate(key: str) -> None:
    """Run the batch in this process (settings from the environment); print its spans."""
    from dagster import DagsterEventType, DagsterInstance

    from pipelines.definitions import batch_job_target
    from pipelines.runs import run_batch

    with DagsterInstance.get() as instance:
        instance.add_dynamic_partitions("batches", [key])
        success, run_id = run_batch(batch_job_target, instance=instance, partition_key=key)
        if not success:
            raise SystemExit(f"run {run_id} failed")
        sliced, read_end, pages = 0.0, 0.0, 0
        for entry in instance.all_logs(run_id):
            event = entry.dagster_event
            if event is None or event.event_type != DagsterEventType.STEP_SUCCESS:
                continue
            step = event.step_key or ""
            if step == "ocr_readings.slice_pages":
                sliced = entry.timestamp
            elif step.startswith("ocr_readings.read_slice"):
                read_end = max(read_end, entry.timestamp)
        for entry in instance.all_logs(run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION):
            materialization = entry.asset_materialization
            if materialization and materialization.asset_key.to_user_string() == "ocr_readings":
                pages = int(materialization.metadata["pages"].value)  # type: ignore[arg-type]
    print(json.dumps({"run_id": run_id, "pages": pages, "reading_s": read_end - sliced}))


def report(runs: dict[str, list[Measure]]) -> dict[str, Any]:
    """Medians per mode, the efficiency of two workers against one, the queue's cost."""
    median = {
        mode: Measure(
            mode=mode,
            label=found[0].label,
            pages=found[0].pages,
            reading_s=statistics.median(m.reading_s for m in found),
            run_s=statistics.median(m.run_s for m in found),
            cpu_s=statistics.median(m.cpu_s for m in found),
            io_bytes=found[0].io_bytes,
        )
        for mode, found in runs.items()
    }
    a, b, c = median["a"], median["b"], median["c"]
    print(f"\nbatch {KEY}: {a.pages} pages, medians of {len(runs['a'])} run(s) per mode")
    print(f"{'mode':<18}{'pages/s':>9}{'reading s':>11}{'run s':>9}{'CPU s/page':>12}")
    for m in (a, b, c):
        print(
            f"({m.mode}) {m.label:<14}{m.pages_per_s:>9.3f}{m.reading_s:>11.1f}"
            f"{m.run_s:>9.1f}{m.cpu_s / m.pages:>12.2f}"
        )
    efficiency = c.pages_per_s / b.pages_per_s
    queue_s = (b.reading_s - a.reading_s) / a.pages
    print(f"efficiency (c)/(b): {efficiency:.2f} (2.00 would be perfect scaling)")
    print(f"queue cost per page, (b) against (a): {queue_s * 1000:+.0f} ms of wall time")
    print(f"shared I/O folder: {b.io_bytes / b.pages / 1024:.0f} KiB per page")
    capacity = plan(cpu_s_per_page=b.cpu_s / b.pages, scaling=efficiency / 2)
    return {
        "capacity": capacity,
        "pages": a.pages,
        "modes": {m.mode: {**asdict(m), "pages_per_s": m.pages_per_s} for m in (a, b, c)},
        "efficiency_c_over_b": efficiency,
        "queue_cost_s_per_page": queue_s,
        "runs": {mode: [asdict(m) for m in found] for mode, found in runs.items()},
    }


PREFECTURE_PAGES = 1_000_000
PROVINCE_PAGES = 16 * PREFECTURE_PAGES
MACHINE_CORES = 16


def plan(*, cpu_s_per_page: float, scaling: float) -> dict[str, float]:
    """Machines and hours from the measured CPU cost of a page on the worker path and the
    share of each added worker that turned into throughput."""
    per_machine = MACHINE_CORES * min(scaling, 1.0) / cpu_s_per_page * 3600  # pages an hour
    figures = {
        "core_hours_prefecture": PREFECTURE_PAGES * cpu_s_per_page / 3600,
        "pages_per_hour_16_core_machine": per_machine,
        "hours_prefecture_1_machine": PREFECTURE_PAGES / per_machine,
        "hours_province_10_machines": PROVINCE_PAGES / (10 * per_machine),
    }
    print(
        f"capacity: {figures['core_hours_prefecture']:.0f} core-hours per prefecture (1 M pages);"
        f" a {MACHINE_CORES}-core worker machine reads {per_machine:.0f} pages an hour, one"
        f" prefecture in {figures['hours_prefecture_1_machine']:.0f} h; ten machines read the"
        f" province (16 M pages) in {figures['hours_province_10_machines']:.0f} h"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__)
    parser.add_argument("--pages", type=int, default=200, help="pages in the generated batch")
    parser.add_argument("--slice", type=int, default=25, help="pages per OCR step")
    parser.add_argument("--runs", type=int, default=1, help="runs per mode (medians reported)")
    parser.add_argument("--modes", default="a,b,c", help="which of the modes a, b, c to run")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, default=REPO / "var" / "bench" / "scale")
    parser.add_argument("--orchestrate", metavar="KEY", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.orchestrate:
        orchestrate(args.orchestrate)
        return
    from bench.workers import claim_redis_db, release_redis_db

    root = args.out.resolve()
    ensure_batch(root, pages=args.pages, seed=args.seed)
    broker = claim_redis_db()
    chosen = [m for m in MODES if m[0] in args.modes.split(",")]
    runs: dict[str, list[Measure]] = {mode: [] for mode, _, _ in chosen}
    try:
        for _ in range(args.runs):
            for mode, label, workers in chosen:
                found = measure(
                    mode, label, workers, root=root, broker=broker, slice_pages=args.slice
                )
                print(
                    f"({mode}) {label}: {found.pages} pages read in {found.reading_s:.1f} s,"
                    f" {found.cpu_s:.0f} CPU s, run {found.run_s:.0f} s",
                    flush=True,
                )
                runs[mode].append(found)
    finally:
        release_redis_db(broker)
    if len(chosen) < len(MODES):
        (root / f"partial-{args.modes}.json").write_text(
            json.dumps({m: [asdict(x) for x in found] for m, found in runs.items()}, indent=1)
        )
        return
    result = report(runs)
    (root / "result.json").write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
