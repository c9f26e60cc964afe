"""A whole scan tree: intake of every file, pages read in worker processes, results in order."""

import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from hunyin.inbox import files_under
from hunyin.schema import Outcome, Record, Source
from hunyin.settings import get_settings
from ocr.engines import default_engines
from ocr.extraction import extract_page
from ocr.intake import FileInventory, inventory
from ocr.parallel import PageResult, iter_pages
from ocr.salvage import salvage

# Told of every page read, with what became of it (e.g. to write its PAGE XML file).
PageSink = Callable[[PageResult, Record | Outcome], None]


def plan(root: Path) -> list[FileInventory]:
    """The inventory of every scan file under ``root``."""
    limit = get_settings().max_image_pixels
    return [inventory(p, root=root, max_pixels=limit) for p in files_under(root)]


def page_item(result: PageResult, *, source: Source) -> Record | Outcome:
    """The one guarded path from a page's reading to its item, for the CLI and the assets.

    It never raises: a page the extractor trips on goes to review with what could be read
    when it holds a form, and is quarantined with the reason when it does not.
    """
    if isinstance(result, str):
        return Outcome(status="quarantined", source=source, reason=result)
    try:
        return extract_page(result, source=source)
    except Exception as exc:  # a page the extractor trips on is reported, the batch goes on
        error = exc
    try:
        return salvage(result, source=source, error=error)
    except Exception as exc:  # even the salvage failed: the page is kept with both reasons
        reason = f"extraction failed: {error}; salvage failed: {exc}"
        return Outcome(status="quarantined", source=source, reason=reason)


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
                extracted = page_item(result, source=source)
                if on_page is not None:
                    on_page(result, extracted)
                yield extracted
                bar.update()
