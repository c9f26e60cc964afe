"""Reading many pages in worker processes, each loading its engines once.

The workers live and die with the run: an interrupted or failing run terminates them at once
(a pool waiting for its queued pages would keep reading for minutes), and on Linux each worker
asks the kernel to kill it should its parent die without a word (SIGKILL).
"""

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ocr.engines import OcrEngine
from ocr.reading import PageReading, read_page

EngineFactory = Callable[[], list[OcrEngine]]
PageTask = tuple[str, int]  # path, 1-based page
PageResult = PageReading | str  # the reading, or why the page could not be read

_engines: list[OcrEngine] = []
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    if sys.platform != "linux":
        return
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took hold
        os._exit(1)


def _init(factory: EngineFactory) -> None:
    _engines[:] = factory()


def _init_worker(factory: EngineFactory) -> None:
    _die_with_parent()
    # Ctrl-C reaches the whole process group: the parent alone handles it, and ends the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The pool ends its workers with SIGTERM, which must simply end them: a handler inherited
    # from the parent (Dagster's, inside a run) would raise in the worker and print a traceback.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _init(factory)


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
    # Leaving the block terminates the workers, whether the pages are all read or not.
    with multiprocessing.Pool(
        workers, initializer=_init_worker, initargs=(engine_factory,)
    ) as pool:
        yield from pool.imap(_read, tasks)


def read_pages(
    tasks: Sequence[PageTask], *, engine_factory: EngineFactory, workers: int
) -> list[PageResult]:
    """Each page's reading in task order; one process per worker, engines loaded once each."""
    return list(iter_pages(tasks, engine_factory=engine_factory, workers=workers))
