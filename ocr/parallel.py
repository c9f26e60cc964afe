"""Reading many pages in worker processes, each loading its engines once."""

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ocr.engines import OcrEngine
from ocr.reading import PageReading, read_page

EngineFactory = Callable[[], list[OcrEngine]]
PageTask = tuple[str, int]  # path, 1-based page
PageResult = PageReading | str  # the reading, or why the page could not be read

_engines: list[OcrEngine] = []


def _init(factory: EngineFactory) -> None:
    _engines[:] = factory()


def _read(task: PageTask) -> PageResult:
    path, page = task
    try:
        return read_page(Path(path), page=page, engines=_engines)
    except Exception as exc:  # one bad page must not stop the batch: it is reported instead
        return f"unreadable page: {exc}"[:300]


def iter_pages(
    tasks: Sequence[PageTask], *, engine_factory: EngineFactory, workers: int
) -> Iterator[PageResult]:
    """Each page's reading in task order as it is ready; engines loaded once per process."""
    if workers <= 1 or len(tasks) <= 1:
        _init(engine_factory)
        yield from map(_read, tasks)
        return
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(engine_factory,)) as pool:
        yield from pool.map(_read, tasks)


def read_pages(
    tasks: Sequence[PageTask], *, engine_factory: EngineFactory, workers: int
) -> list[PageResult]:
    """Each page's reading in task order; one process per worker, engines loaded once each."""
    return list(iter_pages(tasks, engine_factory=engine_factory, workers=workers))
