"""Intake of one file: what it is, how many pages, or why it is refused (sniffed, not named)."""

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from hunyin.digest import sha256_of
from hunyin.schema import Outcome, Source
from ocr.media import PDF_DPI, media_type_of


@dataclass(frozen=True, slots=True)
class FileInventory:
    """One input file: identity, kind, page count, and an outcome when it is unusable."""

    file: str
    sha256: str
    size_bytes: int
    media_type: str | None
    pages: int
    outcome: Outcome | None = None


def _image_pages(path: Path, max_pixels: int) -> int:
    """Page count of an image file after decoding every frame; raises ``ValueError`` if bad."""
    with warnings.catch_warnings():
        # Size is checked here against our own limit, before any pixel is decoded.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            for index in range(frames):
                image.seek(index)
                width, height = image.size
                if width * height > max_pixels:
                    raise ValueError(
                        f"image too large ({width}×{height} pixels, possible decompression bomb)"
                    )
                image.load()
            return frames


def _pdf_pages(path: Path, max_pixels: int) -> int:
    from pdf2image import pdfinfo_from_path

    info = pdfinfo_from_path(str(path))
    pages = int(info["Pages"])
    if pages < 1:
        raise ValueError("no pages")
    width_pt, _, height_pt, *_ = str(info.get("Page size", "0 x 0")).split()
    pixels = float(width_pt) * float(height_pt) * (PDF_DPI / 72) ** 2
    if pixels > max_pixels:
        raise ValueError(f"page too large ({pixels:.0f} pixels at {PDF_DPI} dpi)")
    return pages


def inventory(path: Path, *, root: Path, max_pixels: int) -> FileInventory:
    """Identify one file under ``root``; never raises for bad content."""
    rel = path.relative_to(root).as_posix()
    size = path.stat().st_size
    sha = sha256_of(path)

    def refused(reason: str, media: str | None = None) -> FileInventory:
        outcome = Outcome(status="quarantined", source=Source(file=rel, sha256=sha), reason=reason)
        return FileInventory(rel, sha, size, media, 0, outcome)

    if size == 0:
        return refused("empty file")
    media = media_type_of(path)
    if media is None:
        return refused("not a scan: content is neither JPEG, PNG, TIFF nor PDF")
    try:
        if media == "application/pdf":
            pages = _pdf_pages(path, max_pixels)
        else:
            pages = _image_pages(path, max_pixels)
    except Exception as exc:  # every decoder error means the same thing here: unusable
        kind = "pdf" if media == "application/pdf" else "image"
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if detail.startswith(("image too large", "page too large")):
            return refused(detail, media)
        return refused(f"unreadable {kind}: {detail[:200]}", media)
    return FileInventory(rel, sha, size, media, pages)
