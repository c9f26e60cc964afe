"""The baseline: a plain full-page RapidOCR pass (its own defaults, no page handling), either
page after page in one process with RapidOCR's own threading, or spread over worker processes."""

from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from hunyin.schema import Outcome, Record, Source
from ocr import pagefix
from ocr.engines.base import TextLine, bounding_box
from ocr.engines.rapid import rapidocr_params
from ocr.extraction import extract_page
from ocr.media import load_page
from ocr.reading import EngineReading, PageReading

_engine: list[Any] = []
_NAME = "rapidocr-plain"


def _init(threads: int | None) -> None:
    from rapidocr import RapidOCR

    _engine[:] = [RapidOCR(params=rapidocr_params(threads))]


def _read(task: tuple[str, str, int]) -> Record | Outcome:
    path, rel, page = task
    image = load_page(Path(path), page=page)
    out = _engine[0](image)
    lines = [
        TextLine(str(t), float(s), bounding_box(np.asarray(q)))
        for q, t, s in zip(
            out.boxes if out.boxes is not None else [],
            out.txts or (),
            out.scores or (),
            strict=False,
        )
    ]
    h, w = image.shape[:2]
    reading = PageReading(
        width=w,
        height=h,
        blank=not lines,
        skew=0.0,
        upside_down=False,
        rules=pagefix.horizontal_rules(image),
        readings=(EngineReading(_NAME, version("rapidocr"), tuple(lines)),),
    )
    return extract_page(reading, source=Source(file=rel, page=page))


def run_baseline(
    tasks: list[tuple[str, str, int]], *, workers: int, threads: int | None
) -> list[Record | Outcome]:
    """Read every (path, relative path, page) task with the plain pass, in order, in
    ``workers`` processes of ``threads`` each (``None``: onnxruntime's default, every core).
    Even one worker is a process of its own: onnxruntime's threads must never live in a process
    that later forks workers."""
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(threads,)) as pool:
        return list(pool.map(_read, tasks))
