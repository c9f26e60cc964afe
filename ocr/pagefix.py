"""Page handling on pixels: seal suppression, blank test, skew and turn, table rules."""

import math

import cv2
import numpy as np

from ocr.engines.base import Box, bounding_box

# Red ink of a seal: hue near 0/180 on OpenCV's 0–180 scale, clearly saturated. Blue and black
# handwriting fills stay untouched.
_RED_HUE = 12
_RED_SAT = 50


def suppress_seal(image: np.ndarray) -> np.ndarray:
    """The page with red (seal) ink turned to paper white, so it cannot cover text lines."""
    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((hue <= _RED_HUE) | (hue >= 180 - _RED_HUE)) & (sat >= _RED_SAT) & (val >= 90)
    if not red.any():
        return image
    out = image.copy()
    out[red] = 255
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


def move_boxes(quads: list[np.ndarray], matrix: np.ndarray) -> list[Box]:
    """Quadrilaterals carried through an affine matrix, as axis-aligned boxes."""
    return [bounding_box(q @ matrix[:, :2].T + matrix[:, 2]) for q in quads]


def flip_boxes(boxes: list[Box], *, width: int, height: int) -> list[Box]:
    """Boxes of a page turned by 180°."""
    return [(width - x1, height - y1, width - x0, height - y0) for x0, y0, x1, y1 in boxes]


def horizontal_rules(image: np.ndarray) -> tuple[int, ...]:
    """The y positions of long horizontal lines (table rules and writing lines)."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    dark = (gray < 150).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 15, 10), 1))
    lines = cv2.morphologyEx(dark, cv2.MORPH_OPEN, kernel)
    # A rule left a little slanted spreads over a few rows: count it over a band of rows.
    band = max(h // 400, 3)
    counts = np.convolve(lines.sum(axis=1).astype(float), np.ones(2 * band + 1), mode="same")
    rows = np.flatnonzero(counts > 0.4 * w)
    rules: list[int] = []
    start = prev = -10
    for y in rows:
        if y - prev > band:
            if prev >= 0:
                rules.append((start + prev) // 2)
            start = y
        prev = y
    if prev >= 0:
        rules.append((start + prev) // 2)
    return tuple(int(y) for y in rules)
