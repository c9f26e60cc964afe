"""The baseline: a plain full-page RapidOCR pass (its own defaults, no page handling)."""

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from hunyin.schema import Outcome, Record, Source
from ocr import pagefix
from ocr.engines.rapid import RapidOcrEngine
from ocr.extraction import extract_page
from ocr.media import load_page
from ocr.reading import EngineReading, PageReading

_engine: list[RapidOcrEngine] = []


def _init(threads: int) -> None:
    _engine[:] = [RapidOcrEngine(threads=threads)]


def _read(task: tuple[str, str, int]) -> Record | Outcome:
    path, rel, page = task
    image = load_page(Path(path), page=page)
    engine = _engine[0]
    lines = engine.read_full(image)
    h, w = image.shape[:2]
    reading = PageReading(
        width=w,
        height=h,
        blank=not lines,
        skew=0.0,
        upside_down=False,
        rules=pagefix.horizontal_rules(image),
        readings=(EngineReading(engine.name, engine.version, tuple(lines)),),
    )
    return extract_page(reading, source=Source(file=rel, page=page))


def run_baseline(
    tasks: list[tuple[str, str, int]], *, workers: int, threads: int
) -> list[Record | Outcome]:
    """Read every (path, relative path, page) task with the plain pass, in order."""
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(threads,)) as pool:
        return list(pool.map(_read, tasks))
