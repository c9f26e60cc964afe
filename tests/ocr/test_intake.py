"""Intake sniffs content and refuses each kind of junk with a clear reason."""

from pathlib import Path

import pytest
from PIL import Image

from ocr.intake import FileInventory, inventory

LIMIT = 60_000_000


def _inventory(path: Path) -> FileInventory:
    return inventory(path, root=path.parent, max_pixels=LIMIT)


def _png(path: Path, size: tuple[int, int] = (300, 400)) -> Path:
    Image.new("RGB", size, "white").save(path, "PNG")
    return path


def test_good_image_named_wrongly_is_sniffed(tmp_path: Path) -> None:
    item = _inventory(_png(tmp_path / "scan.pdf"))
    assert item.outcome is None
    assert item.media_type == "image/png"
    assert item.pages == 1
    assert item.file == "scan.pdf"
    assert len(item.sha256) == 64


def test_multi_page_tiff_and_pdf_count_their_pages(tmp_path: Path) -> None:
    pages = [Image.new("RGB", (200, 300), c) for c in ("white", "gray", "white")]
    pages[0].save(tmp_path / "box.tif", save_all=True, append_images=pages[1:])
    pages[0].save(tmp_path / "box.pdf", save_all=True, append_images=pages[1:2])
    assert _inventory(tmp_path / "box.tif").pages == 3
    assert _inventory(tmp_path / "box.pdf").pages == 2


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.jpg", b"", "empty file"),
        ("notes.txt", "第3盒缺两卷".encode(), "not a scan"),
        ("fake.pdf", b"%PDF-1.4\nnot really\n", "unreadable pdf"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "unreadable image"),
    ],
)
def test_junk_is_quarantined_with_a_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    item = _inventory(path)
    assert item.outcome is not None
    assert item.outcome.status == "quarantined"
    assert item.outcome.reason.startswith(reason)
    assert item.pages == 0


def test_truncated_image_is_quarantined(tmp_path: Path) -> None:
    whole = Image.effect_noise((600, 800), 60).convert("RGB")
    whole.save(tmp_path / "whole.png")
    (tmp_path / "cut.png").write_bytes((tmp_path / "whole.png").read_bytes()[:5000])
    item = _inventory(tmp_path / "cut.png")
    assert item.outcome is not None
    assert item.outcome.reason.startswith("unreadable image")


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    Image.new("1", (9000, 9000)).save(tmp_path / "bomb.png")
    item = _inventory(tmp_path / "bomb.png")
    assert item.outcome is not None
    assert item.outcome.reason.startswith("image too large")
