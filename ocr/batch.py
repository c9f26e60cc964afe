"""A whole scan tree: intake of every file, pages read in worker processes, results in order."""

import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from hunyin.schema import Outcome, Record, Source
from hunyin.settings import get_settings
from ocr.engines import OcrEngine, default_engines
from ocr.extraction import extract_page
from ocr.intake import FileInventory, inventory
from ocr.reading import read_page

# Files a batch carries about itself (its manifest and answer key), not scans to read.
SIDECARS = frozenset({"manifest.json", "truth.jsonl"})

Task = tuple[str, str, str, int]  # absolute path, relative path, sha256, page
EngineFactory = Callable[[], list[OcrEngine]]

_engines: list[OcrEngine] = []


def _threads(workers: int) -> int:
    return max(1, (os.cpu_count() or 1) // workers)


def _init_worker(threads: int) -> None:
    """Loads the engines once per worker process."""
    _engines[:] = default_engines(threads=threads)


def read_one(task: Task) -> Record | Outcome:
    """Read and extract one page; any failure becomes a quarantined outcome, never a crash."""
    path, rel, sha, page = task
    source = Source(file=rel, page=page, sha256=sha)
    try:
        reading = read_page(Path(path), page=page, engines=_engines)
        return extract_page(reading, source=source)
    except Exception as exc:  # one bad page must not stop the batch
        return Outcome(status="quarantined", source=source, reason=f"unreadable page: {exc}"[:300])


def scan_files(root: Path) -> list[Path]:
    """Every file under ``root`` in a stable order, hidden files and batch sidecars left out."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and not (p.parent == root and p.name in SIDECARS)
    )


def plan(root: Path) -> list[FileInventory]:
    """The inventory of every scan file under ``root``."""
    limit = get_settings().max_image_pixels
    return [inventory(p, root=root, max_pixels=limit) for p in scan_files(root)]


def extract_tree(root: Path, *, workers: int, progress: bool) -> Iterator[Record | Outcome]:
    """Every file under ``root`` yields at least one item: records, blank or quarantined."""
    from tqdm import tqdm

    files = plan(root)
    slots: list[Record | Outcome | Task] = []
    for item in files:
        if item.outcome is not None:
            slots.append(item.outcome)
        else:
            slots.extend(
                (str(root / item.file), item.file, item.sha256, n) for n in range(1, item.pages + 1)
            )
    bar = tqdm(total=len(slots), unit="page", disable=not progress, file=sys.stderr)
    try:
        if workers <= 1:
            _engines[:] = _engines or default_engines(threads=_threads(1))
            for slot in slots:
                yield slot if isinstance(slot, Record | Outcome) else read_one(slot)
                bar.update()
            return
        with ProcessPoolExecutor(
            workers, initializer=_init_worker, initargs=(_threads(workers),)
        ) as pool:
            futures: list[Record | Outcome | Future[Record | Outcome]] = [
                s if isinstance(s, Record | Outcome) else pool.submit(read_one, s) for s in slots
            ]
            for future in futures:
                yield future if isinstance(future, Record | Outcome) else future.result()
                bar.update()
    finally:
        bar.close()
