"""Page handling on pixels: seal suppression, blank test, skew and turn, table rules."""

import math

import cv2
import numpy as np

from ocr.engines.base import Box

# A seal pixel is clearly redder than it is green or blue; paper, even yellowed, is not.
_REDNESS = 35
# Ink darker than this stays, even under a seal: it is the text the seal was pressed over.
_TEXT_INK = 100


def _paper(image: np.ndarray) -> np.ndarray:
    """The paper colour: the median of the page's brighter pixels."""
    small = image[::8, ::8].reshape(-1, 3)
    bright = small[small.min(axis=1) > np.percentile(small.min(axis=1), 50)]
    return np.median(bright if len(bright) else small, axis=0).astype(np.uint8)


def suppress_seal(image: np.ndarray) -> np.ndarray:
    """The page with red seal ink turned to paper colour, so that seal lettering neither
    covers nor joins the text lines. Dark text under the seal stays. (Grey seals are left:
    on grey scans their ink cannot be told from text by colour.)"""
    red, green, blue = cv2.split(image)
    redness = cv2.subtract(red, cv2.max(green, blue))
    mask = cv2.threshold(redness, _REDNESS, 1, cv2.THRESH_BINARY)[1]
    if not mask.any():
        return image
    # Grown by a pixel to take the seal's anti-aliased rims, which are only faintly red.
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    keep_dark = cv2.threshold(red, _TEXT_INK, 1, cv2.THRESH_BINARY)[1]
    seal = cv2.bitwise_and(mask, keep_dark).astype(bool)
    out = image.copy()
    out[seal] = _paper(image)
    return out


def looks_blank(image: np.ndarray) -> bool:
    """True when hardly any pixel is darker than the paper around it (no ink at all)."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    small = cv2.resize(gray, (400, int(400 * gray.shape[0] / gray.shape[1])))
    paper = cv2.medianBlur(small, 31)
    ink = (paper.astype(np.int16) - small.astype(np.int16)) > 60
    return float(ink.mean()) < 0.0005


def skew_degrees(quads: list[np.ndarray]) -> float:
    """The median slope of long text lines, in degrees (positive: falling to the right)."""
    angles = []
    for q in quads:
        dx, dy = q[1][0] - q[0][0], q[1][1] - q[0][1]
        height = abs(q[3][1] - q[0][1])
        if dx > 3 * max(height, 1):
            angles.append(math.degrees(math.atan2(dy, dx)))
    return float(np.median(angles)) if angles else 0.0


def rotate(image: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """The image turned by ``degrees`` around its centre on white, and the 2×3 matrix used."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    turned = cv2.warpAffine(
        image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)
    )
    return turned, matrix


def flip_boxes(boxes: list[Box], *, width: int, height: int) -> list[Box]:
    """Boxes of a page turned by 180°."""
    return [(width - x1, height - y1, width - x0, height - y0) for x0, y0, x1, y1 in boxes]


def horizontal_rules(image: np.ndarray) -> tuple[int, ...]:
    """The y positions of long horizontal lines (table rules and writing lines)."""
    # Half size is plenty for lines that span the page, and four times cheaper.
    scale = 0.5 if image.shape[1] > 1200 else 1.0
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = gray.shape
    dark = (gray < 150).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 15, 10), 1))
    lines = cv2.morphologyEx(dark, cv2.MORPH_OPEN, kernel)
    # Rules are thin; a solid dark block (a bold title, a smudge) is not one.
    tall = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h // 200, 5)))
    lines = cv2.subtract(lines, cv2.morphologyEx(lines, cv2.MORPH_OPEN, tall))
    # A rule left a little slanted spreads over a few rows: count it over a band of rows.
    band = max(h // 400, 3)
    counts = np.convolve(lines.sum(axis=1).astype(float), np.ones(2 * band + 1), mode="same")
    rows = np.flatnonzero(counts > 0.4 * w)
    rules: list[int] = []
    start = prev = -10
    for y in rows.tolist():
        if y - prev > band:
            if prev >= 0:
                rules.append((start + prev) // 2)
            start = y
        prev = y
    if prev >= 0:
        rules.append((start + prev) // 2)
    return tuple(int(y / scale) for y in rules)
