"""The page a record was read from, with the regions of its doubtful fields outlined."""

import io
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from ocr.media import load_page

# Wide pages are scaled down for the browser; the outlines are scaled with them.
MAX_WIDTH = 1400


def outlined_page(path: Path, *, page: int, regions: list[dict[str, Any]]) -> bytes:
    """PNG bytes of page ``page`` of ``path`` with a red box around each region."""
    image = Image.fromarray(load_page(path, page=page)).convert("RGB")
    draw = ImageDraw.Draw(image)
    width = max(2, image.width // 400)
    for box in regions:
        corners = (box["x0"], box["y0"], box["x1"], box["y1"])
        draw.rectangle(corners, outline=(220, 0, 0), width=width)
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# A field's crop is shown enlarged beside its input; a margin keeps the label in view.
CROP_MARGIN = 24
CROP_WIDTH = 520


def field_crop(path: Path, *, page: int, box: dict[str, Any]) -> bytes:
    """PNG bytes of one field's region of the page, with a margin, enlarged for reading."""
    image = Image.fromarray(load_page(path, page=page)).convert("RGB")
    left = max(0, int(box["x0"]) - CROP_MARGIN)
    top = max(0, int(box["y0"]) - CROP_MARGIN)
    right = min(image.width, int(box["x1"]) + CROP_MARGIN)
    bottom = min(image.height, int(box["y1"]) + CROP_MARGIN)
    crop = image.crop((left, top, max(right, left + 1), max(bottom, top + 1)))
    scale = CROP_WIDTH / crop.width
    crop = crop.resize((CROP_WIDTH, max(1, round(crop.height * scale))))
    out = io.BytesIO()
    crop.save(out, format="PNG")
    return out.getvalue()
