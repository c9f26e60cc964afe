"""One rule for which files are scans, and one guarded path from a page's reading to its item."""

import copy
from pathlib import Path

import pytest
from dagster import build_asset_context

from assets.records import extracted_records
from assets.resources import InboxResource
from batch import extract
from batch.extract import page_item, plan
from batch.intake import BatchIntake, take_in
from batch.pages import PageRef, ReadPage
from hunyin.inbox import Batch, files_of
from hunyin.schema import Outcome, Record, Source
from ocr.pagexml import schema_errors
from ocr.reading import PageReading
from tests.ocr.pages import MODERN, line, reading, table_lines, table_rules

SOURCE = Source(file="2018/00002.png", page=1, sha256="ab" * 32)


def _misread(**wrong: str) -> dict[str, object]:
    record = copy.deepcopy(MODERN)
    for dotted, value in wrong.items():
        role, _, name = dotted.rpartition("__")
        (record[role] if role else record)[name] = value
    return record


def test_the_inbox_and_extract_agree_on_which_files_are_scans(
    tmp_path: Path, samples_dir: Path
) -> None:
    scan = (samples_dir / "scans/532301/2018/00002.png").read_bytes()
    for rel in ("2018/00002.png", ".thumbnails/00002.png", "2018/.00002.png", "sub/manifest.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(scan if rel.endswith(".png") else b"{}")
    (tmp_path / "manifest.json").write_text("{}")
    (tmp_path / "truth.jsonl").write_text("{}\n")
    batch = Batch(office_code="532301", name="t1", path=tmp_path)
    inbox = [p.relative_to(tmp_path).as_posix() for p in files_of(batch)]
    assert inbox == ["2018/00002.png", "sub/manifest.json"]
    assert [f.file for f in plan(tmp_path)] == inbox
    assert [s.file for s in take_in(batch, max_pixels=10**8).scans] == inbox


def test_misread_dates_are_doubts_on_their_fields() -> None:
    page = reading(
        table_lines(_misread(registration_date="20B年08月13日", male__birth_date="1991-13-15")),
        rules=table_rules(),
    )
    item = page_item(page, source=SOURCE)
    assert isinstance(item, Record)
    assert item.status == "needs_review" and item.source == SOURCE
    assert item.registration_date is None
    # The birth date nobody can read is filled in from the valid ID number, still a doubt.
    assert str(item.male.birth_date) == "1991-11-15"
    assert "date-from-id" in {i.rule for i in item.issues if i.field == "male.birth_date"}
    doubts = {i.field: i.message for i in item.issues if i.rule == "format"}
    assert "20B年08月13日" in doubts["registration_date"]
    assert "1991-13-15" in doubts["male.birth_date"]


def test_a_form_whose_extraction_raises_goes_to_review_with_what_was_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def trips(reading: PageReading, *, source: Source) -> Record:
        raise ValueError("Invalid isoformat string: '20B年08月13日'")

    monkeypatch.setattr(extract, "extract_page", trips)
    page = reading(table_lines(_misread(male__birth_date="1991-13-15")), rules=table_rules())
    item = page_item(page, source=SOURCE)
    assert isinstance(item, Record)
    assert item.status == "needs_review" and item.source == SOURCE
    assert (item.male.name, str(item.female.birth_date)) == (
        "程辉忠",
        MODERN["female"]["birth_date"],
    )
    assert item.male.birth_date is None
    failed = [i for i in item.issues if i.rule == "extraction-failed"]
    assert any(i.field is None and "20B年" in i.message for i in failed)
    assert "male.birth_date" in {i.field for i in item.issues}


def test_a_page_with_no_form_is_quarantined_with_the_reason() -> None:
    page = reading([line("照片", 100, 100), line("20B年08月13日", 100, 200)])
    item = page_item(page, source=SOURCE)
    assert isinstance(item, Outcome) and item.status == "quarantined"
    assert "no registration form" in item.reason


def test_the_asset_chain_keeps_the_batch_going_past_a_page_that_trips_extraction(
    tmp_path: Path,
) -> None:
    ref = PageRef(file=SOURCE.file, path=Path(SOURCE.file), sha256=SOURCE.sha256 or "", page=1)
    broken = reading(table_lines(_misread(registration_date="2018年13月40日")), rules=table_rules())
    good = reading(table_lines(MODERN), rules=table_rules())
    pages = [
        ReadPage(ref=ref, result=broken),
        ReadPage(
            ref=PageRef(file="b.png", path=Path("b.png"), sha256="cd" * 32, page=1), result=good
        ),
        ReadPage(
            ref=PageRef(file="c.png", path=Path("c.png"), sha256="ef" * 32, page=1),
            result="unreadable",
        ),
    ]
    intake = BatchIntake(batch_key="532301-t1", root=Path("."))
    context = build_asset_context(partition_key="532301-t1")
    # the pages' paths are relative to the working folder: that is the inbox here
    inbox = InboxResource(inbox_dir=str(Path.cwd()), var_dir=str(tmp_path))
    results = extracted_records(context, inbox=inbox, intake=intake, ocr_readings=pages)
    assert [i.status for i in results.items] == ["needs_review", "accepted", "quarantined"]
    assert results.missing_files() == []
    written = sorted(p.relative_to(tmp_path / "page-xml") for p in tmp_path.rglob("*.xml"))
    assert [str(p) for p in written] == ["2018/00002.png.p1.xml", "b.png.p1.xml", "c.png.p1.xml"]
    assert all(schema_errors((tmp_path / "page-xml" / p).read_bytes()) == [] for p in written)
