"""A whole scan tree: intake of every file, pages read in worker processes, results in order."""

import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from hunyin.schema import Outcome, Record, Source
from hunyin.settings import get_settings
from ocr.engines import default_engines
from ocr.extraction import extract_page
from ocr.intake import FileInventory, inventory
from ocr.parallel import PageResult, iter_pages

# Files a batch carries about itself (its manifest and answer key), not scans to read.
SIDECARS = frozenset({"manifest.json", "truth.jsonl"})
# Told of every page read, with what became of it (e.g. to write its PAGE XML file).
PageSink = Callable[[PageResult, Record | Outcome], None]


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


def _item(result: PageResult, source: Source) -> Record | Outcome:
    if isinstance(result, str):
        return Outcome(status="quarantined", source=source, reason=result)
    try:
        return extract_page(result, source=source)
    except Exception as exc:  # a page the extractor trips on is reported, the batch goes on
        return Outcome(status="quarantined", source=source, reason=f"extraction failed: {exc}")


def extract_tree(
    root: Path, *, workers: int, progress: bool, on_page: PageSink | None = None
) -> Iterator[Record | Outcome]:
    """Every file under ``root`` yields at least one item: records, blank or quarantined;
    ``on_page`` hears of every page read."""
    from tqdm import tqdm

    files = plan(root)
    tasks = [
        (str(root / f.file), n) for f in files if f.outcome is None for n in range(1, f.pages + 1)
    ]
    factory = partial(default_engines, threads=1 if workers > 1 else None)
    results = iter_pages(tasks, engine_factory=factory, workers=workers)
    refused = sum(f.outcome is not None for f in files)
    with tqdm(
        total=len(tasks) + refused, unit="page", disable=not progress, file=sys.stderr
    ) as bar:
        for item in files:
            if item.outcome is not None:
                yield item.outcome
                bar.update()
                continue
            for page in range(1, item.pages + 1):
                source = Source(file=item.file, page=page, sha256=item.sha256)
                result = next(results)
                extracted = _item(result, source)
                if on_page is not None:
                    on_page(result, extracted)
                yield extracted
                bar.update()
