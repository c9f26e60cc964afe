"""Outside systems behind small resources, each with a real and a fake implementation."""

from functools import partial
from pathlib import Path

from dagster import ConfigurableResource

from ocr.engines import FakeEngine, OcrEngine, default_engines
from ocr.parallel import EngineFactory
from warehouse.store import prepare


class StoreResource(ConfigurableResource):
    """The consolidated store at a SQLAlchemy URL (SQLite embedded, PostgreSQL shared)."""

    db_url: str

    def url(self) -> str:
        """The URL, with the schema upgraded and reference data in place."""
        return prepare(self.db_url)


class InboxResource(ConfigurableResource):
    """Where archivists drop batches, and where reports and Data Docs are written."""

    inbox_dir: str
    var_dir: str

    @property
    def inbox(self) -> Path:
        return Path(self.inbox_dir)

    @property
    def var(self) -> Path:
        return Path(self.var_dir)


class OcrResource(ConfigurableResource):
    """The real engines: PP-OCR models through RapidOCR, Tesseract as the second opinion.

    ``workers`` processes read the pages of one step (in-process runs); ``threads`` bounds
    what one reading process may use; ``slice_pages`` is how many pages make one step.
    """

    workers: int = 2
    threads: int | None = None
    slice_pages: int = 25

    def engine_factory(self) -> EngineFactory:
        """A picklable factory, called once in each worker process."""
        return partial(default_engines, threads=self.threads or (1 if self.workers > 1 else None))


def _no_text() -> list[OcrEngine]:
    return [FakeEngine([])]


class FakeOcrResource(OcrResource):
    """An engine that finds no text on any page, for asset tests that need no real OCR."""

    def engine_factory(self) -> EngineFactory:
        return _no_text
