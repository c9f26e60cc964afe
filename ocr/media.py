"""Content sniffing and page loading for JPEG, PNG, TIFF (multi-page) and PDF."""

from pathlib import Path

import numpy as np
from PIL import Image

# PDF pages are rendered at the resolution archives scan at.
PDF_DPI = 200

_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"%PDF-", "application/pdf"),
)


def sniff(head: bytes) -> str | None:
    """The media type from the first bytes of a file; ``None`` for anything but a scan."""
    return next((media for magic, media in _MAGIC if head.startswith(magic)), None)


def media_type_of(path: Path) -> str | None:
    """The sniffed media type of a file."""
    with path.open("rb") as handle:
        return sniff(handle.read(16))


def load_page(path: Path, *, page: int) -> np.ndarray:
    """Page ``page`` (1-based) of a scan as an RGB array."""
    if media_type_of(path) == "application/pdf":
        from pdf2image import convert_from_path

        images = convert_from_path(path, dpi=PDF_DPI, first_page=page, last_page=page)
        return np.asarray(images[0].convert("RGB"))
    with Image.open(path) as image:
        image.seek(page - 1)
        if image.mode in ("I;16", "I;16B", "I"):
            # 16-bit grey scans: scale to 8 bits before colour conversion.
            grey = np.asarray(image, dtype=np.float64)
            grey = 255 * grey / max(float(grey.max()), 1.0)
            return np.repeat(grey.astype(np.uint8)[..., None], 3, axis=2)
        return np.asarray(image.convert("RGB"))
