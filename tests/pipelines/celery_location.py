"""A code location for the distributed tests: the batch job with a scripted OCR engine.

Celery workers rebuild the job from this module, so the engine must be importable here. Each
generated page says which record it holds by its width (``WIDTH + serial``); the engine "reads"
that record's lines. One page can be made to hold its worker until the test releases it, so a
test can kill the worker while it is mid-slice.
"""

import os
import time
from pathlib import Path

import numpy as np
from dagster import JobDefinition
from PIL import Image

from assets.resources import OcrResource
from hunyin.settings import get_settings
from ocr.engines import FakeEngine, OcrEngine, TextLine
from ocr.parallel import EngineFactory
from pipelines.definitions import build_definitions

WIDTH = 900
GATE_DIR_ENV = "HUNYIN_TEST_GATE_DIR"
GATE_PAGE_ENV = "HUNYIN_TEST_GATE_PAGE"
_SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def write_page(path: Path, serial: int) -> None:
    """A page that is not blank and whose width names its record."""
    image = np.full((1200, WIDTH + serial, 3), 245, np.uint8)
    for y in range(100, 520, 60):
        image[y : y + 40, 100:700] = 20  # a bar of ink where each line is
    Image.fromarray(image).save(path)


def record_lines(serial: int) -> list[TextLine]:
    """The lines of an application form for record ``serial``."""
    male = _SURNAMES[serial % 20] + _GIVEN[serial // 20 % 20]
    female = _SURNAMES[(serial + 7) % 20] + _GIVEN[(serial // 20 + 3) % 20]
    rows = [
        ("登记机关", "楚雄市民政局"),
        ("登记日期", f"2018年{serial % 12 + 1:02d}月{serial % 28 + 1:02d}日"),
        ("结婚证字号", f"J532301-2018-{serial + 1:06d}"),
        ("男方：", None),
        ("姓名", male),
        ("女方：", None),
        ("姓名", female),
    ]
    lines = []
    for row, (label, value) in enumerate(rows):
        y = 100 + 60 * row
        lines.append(TextLine(label, 0.99, (100, y, 220, y + 40)))
        if value:
            lines.append(TextLine(value, 0.99, (300, y, 700, y + 40)))
    return lines


class ScriptedEngine(FakeEngine):
    """Reads the record the page's width names; may hold at the gated page."""

    def __init__(self) -> None:
        super().__init__([], name="scripted")

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        serial = image.shape[1] - WIDTH
        _hold_at_gate(serial)
        self._lines = record_lines(serial)
        return super().detect(image)


def _hold_at_gate(serial: int) -> None:
    """At the gated page: say which process reads it, then wait until the test releases it."""
    gate = os.environ.get(GATE_DIR_ENV)
    if not gate or os.environ.get(GATE_PAGE_ENV) != str(serial):
        return
    folder = Path(gate)
    (folder / f"reading-{os.getpid()}").touch()
    while not (folder / "release").exists():
        time.sleep(0.05)


def scripted_engines() -> list[OcrEngine]:
    return [ScriptedEngine()]


class ScriptedOcrResource(OcrResource):
    def engine_factory(self) -> EngineFactory:
        return scripted_engines


defs = build_definitions(
    get_settings(),
    ocr=ScriptedOcrResource(workers=1, slice_pages=get_settings().ocr_slice_pages),
)


def batch_job_target() -> JobDefinition:
    """The batch job with the scripted engine, as orchestrator and workers rebuild it."""
    return defs.resolve_job_def("batch_job")
