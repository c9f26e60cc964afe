"""Outside systems behind small resources, each with a real and a fake implementation."""

from pathlib import Path

from dagster import ConfigurableResource

from ocr.engines import OcrEngine
from warehouse.store import prepare


class StoreResource(ConfigurableResource):  # type: ignore[type-arg]
    """The consolidated store at a SQLAlchemy URL (SQLite embedded, PostgreSQL shared)."""

    db_url: str

    def url(self) -> str:
        """The URL, with the schema upgraded and reference data in place."""
        return prepare(self.db_url)


class InboxResource(ConfigurableResource):  # type: ignore[type-arg]
    """Where archivists drop batches, and where reports and Data Docs are written."""

    inbox_dir: str
    var_dir: str

    @property
    def inbox(self) -> Path:
        return Path(self.inbox_dir)

    @property
    def var(self) -> Path:
        return Path(self.var_dir)


class OcrResource(ConfigurableResource):  # type: ignore[type-arg]
    """The real engines: PP-OCR models through RapidOCR, Tesseract as the second opinion."""

    workers: int = 2

    def engines(self) -> list[OcrEngine]:
        from ocr.engines import default_engines

        return default_engines()


class FakeOcrResource(OcrResource):
    """Engines that return scripted readings, for fast asset tests."""

    def engines(self) -> list[OcrEngine]:
        from ocr.engines import FakeEngine

        return [FakeEngine()]
