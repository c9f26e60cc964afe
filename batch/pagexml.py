"""PAGE XML files of a batch's pages: beside the JSON Lines of ``hunyin extract``, and under
``var/page-xml`` for every page the batch graph stores."""

from pathlib import Path

from batch.extract import PageSink
from hunyin.schema import Outcome, Record
from ocr.pagexml import build_page, page_xml_name, stored_page_file, write_page
from ocr.parallel import PageResult


def _document(result: PageResult, item: Record | Outcome, *, image_filename: str) -> bytes:
    reading = None if isinstance(result, str) else result
    return build_page(reading, item, image_filename=image_filename)


def page_writer(out_dir: Path) -> PageSink:
    """A sink writing each page's file under ``out_dir``, at the scan's place in the tree."""

    def write(result: PageResult, item: Record | Outcome) -> None:
        name = page_xml_name(item.source.file, item.source.page or 1)
        write_page(out_dir / name, _document(result, item, image_filename=item.source.file))

    return write


def write_stored_page(
    *, var_dir: Path, inbox_dir: Path, scan: Path, result: PageResult, item: Record | Outcome
) -> Path | None:
    """The file of a page the batch graph read, where reports and corrections find it."""
    path = stored_page_file(
        var_dir=var_dir, inbox_dir=inbox_dir, scan=scan, page=item.source.page or 1
    )
    if path is None:
        return None
    return write_page(path, _document(result, item, image_filename=str(scan.resolve())))
