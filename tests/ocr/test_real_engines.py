"""The real engines on a few sample pages, end to end through ``hunyin extract``."""

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from cli.main import main

pytestmark = pytest.mark.ocr

# A modern table with a seal, an upside-down reissue form inside a PDF, and junk.
PICKED = (
    "532301/2018/00002.png",
    "532322/box-0008.pdf",
    "532301/bad/empty.jpg",
    "532301/bad/notes.txt",
)


@pytest.fixture(scope="module")
def extraction(
    samples_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[dict[str, Any]], Path]:
    """The JSON lines of ``hunyin extract --page-xml`` and the folder of PAGE files."""
    root = tmp_path_factory.mktemp("scans")
    for name in PICKED:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(samples_dir / "scans" / name, root / name)
    out = root.parent / "out.jsonl"
    pages = root.parent / "page-xml"
    assert (
        main(["extract", str(root), "--out", str(out), "--workers", "1", "--page-xml", str(pages)])
        == 0
    )
    lines = out.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines], pages


@pytest.fixture(scope="module")
def extracted(extraction: tuple[list[dict[str, Any]], Path]) -> list[dict[str, Any]]:
    return extraction[0]


def _truth(samples_dir: Path, name: str, page: int) -> dict[str, Any]:
    rows = (samples_dir / "scans" / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return next(r for r in map(json.loads, rows) if r["file"] == name and r["page"] == page)


def test_every_file_is_accounted_for(extracted: list[dict[str, Any]]) -> None:
    by_file: dict[str, list[str]] = {}
    for item in extracted:
        by_file.setdefault(item["source"]["file"], []).append(item["status"])
    assert by_file["532301/bad/empty.jpg"] == ["quarantined"]
    assert by_file["532301/bad/notes.txt"] == ["quarantined"]
    assert len(by_file["532322/box-0008.pdf"]) == 2
    assert len(extracted) == 5


@pytest.mark.parametrize(
    ("name", "page"), [("532301/2018/00002.png", 1), ("532322/box-0008.pdf", 1)]
)
def test_fields_match_the_truth(
    extracted: list[dict[str, Any]],
    samples_dir: Path,
    name: str,
    page: int,
) -> None:
    got = next(i for i in extracted if i["source"] == {**i["source"], "file": name, "page": page})
    truth = _truth(samples_dir, name, page)
    for key in ("record_type", "registration_date", "office_code", "certificate_no", "registrar"):
        assert got[key] == truth[key], key
    for role in ("male", "female"):
        for key in ("name", "sex", "birth_date", "id_number", "ethnicity", "hukou"):
            assert got[role][key] == truth[role][key], f"{role}.{key}"
    assert got["status"] == "accepted"


def test_every_page_read_has_a_valid_page_xml_file_with_its_fields(
    extraction: tuple[list[dict[str, Any]], Path],
) -> None:
    from lxml import etree

    from ocr.pagexml import NS, schema_errors

    pages = extraction[1]
    written = sorted(p.relative_to(pages).as_posix() for p in pages.rglob("*.xml"))
    assert written == [
        "532301/2018/00002.png.p1.xml",
        "532322/box-0008.pdf.p1.xml",
        "532322/box-0008.pdf.p2.xml",
    ]
    for name in written:
        document = (pages / name).read_bytes()
        assert schema_errors(document) == []
    modern = etree.fromstring((pages / written[0]).read_bytes())
    fields = {
        a.get("value") for a in modern.iter(f"{{{NS}}}UserAttribute") if a.get("name") == "field"
    }
    assert {"male.name", "female.name", "certificate_no", "registration_date"} <= fields
