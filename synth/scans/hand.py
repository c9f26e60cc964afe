"""Values written by hand: a clerk's face, size, slant, jitter, baseline drift, pressure and ink,
drawn character by character, with faded strokes and now and then a crossed-out correction.

Faces are handwriting and brush typefaces from Debian packages (see ``vocab.toml``), grouped
into a tuning set and a held-out set so that a measurement can use hands nothing was tuned on.
A face without a glyph for some character (the Japanese brush faces lack many simplified
characters) falls back to the next face of its group that has one, as a clerk's hand would
still write it.
"""

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# Ballpoint blue, blue-black fountain ink, black ink, brown-faded ink.
INKS = ((30, 45, 140), (25, 30, 80), (20, 20, 20), (70, 50, 40))
_FALLBACK = ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0)


@lru_cache(maxsize=32)
def _cmap(path: str, index: int) -> frozenset[int]:
    font = TTFont(path, fontNumber=index, lazy=True)
    return frozenset(font.getBestCmap() or {})


@lru_cache(maxsize=8192)
def has_glyph(face: tuple[str, int], ch: str) -> bool:
    """True when the face draws the character itself: some faces map characters they lack to
    an empty outline, so the mask must hold ink too."""
    return ord(ch) in _cmap(*face) and _font(face, 32).getmask(ch).getbbox() is not None


@dataclass(frozen=True, slots=True)
class Hand:
    """One clerk's writing: faces (first preferred), size factor, slant (shear), how much each
    character wanders, ink, pressure and how often a stroke fades or a character is corrected."""

    faces: tuple[tuple[str, int], ...]
    size: float
    slant: float
    jitter: float
    drift: float
    spacing: float
    ink: tuple[int, int, int]
    pressure: float
    fade: float
    corrections: float


def installed(faces: list[list[object]]) -> list[tuple[str, int]]:
    """The configured faces that are installed here."""
    return [(str(p), int(str(i))) for p, i in faces if Path(str(p)).exists()]


def clerk(rng: random.Random, faces: list[tuple[str, int]]) -> Hand:
    """A random clerk writing in one of ``faces`` (the others stand in for missing glyphs)."""
    first = rng.choice(faces)
    return Hand(
        faces=(first, *[f for f in faces if f != first], _FALLBACK),
        size=rng.uniform(0.9, 1.25),
        slant=rng.uniform(-0.25, 0.1),
        jitter=rng.uniform(0.03, 0.12),
        drift=rng.uniform(0.02, 0.08),
        spacing=rng.uniform(-0.05, 0.2),
        ink=rng.choice(INKS),
        pressure=rng.uniform(0.65, 1.0),
        fade=rng.uniform(0.0, 0.25),
        corrections=0.02,
    )


def _face_for(hand: Hand, ch: str) -> tuple[str, int]:
    return next((f for f in hand.faces if has_glyph(f, ch)), hand.faces[-1])


@lru_cache(maxsize=256)
def _font(face: tuple[str, int], px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(face[0], px, index=face[1])


def _glyph(hand: Hand, ch: str, px: int, rng: random.Random) -> Image.Image:
    """One character as an alpha mask: sheared by the clerk's slant, turned a little, with the
    pen's pressure as its darkness and faded patches where the ink ran thin."""
    font = _font(_face_for(hand, ch), px)
    pad = px // 2
    tile = Image.new("L", (px * 2, px * 2), 0)
    ImageDraw.Draw(tile).text((pad, pad), ch, font=font, fill=255)
    shear = hand.slant + rng.uniform(-hand.jitter, hand.jitter)
    tile = tile.transform(
        tile.size,
        Image.Transform.AFFINE,
        (1, shear, -shear * px, 0, 1, 0),
        resample=Image.Resampling.BILINEAR,
    )
    tile = tile.rotate(rng.uniform(-8, 8) * hand.jitter / 0.1, resample=Image.Resampling.BILINEAR)
    alpha = np.asarray(tile, dtype=np.float32) * hand.pressure * rng.uniform(0.85, 1.0)
    if rng.random() < hand.fade:
        noise = np.random.default_rng(rng.randrange(1 << 30)).random(alpha.shape) * 255
        patches = np.asarray(
            Image.fromarray(noise.astype(np.uint8)).filter(ImageFilter.GaussianBlur(px / 8)),
            dtype=np.float32,
        )
        alpha *= np.clip((patches - 100) / 40, 0.25, 1.0)
    return Image.fromarray(np.clip(alpha, 0, 255).astype(np.uint8))


def write(
    image: Image.Image, x: float, y: float, text: str, *, px: int, hand: Hand, rng: random.Random
) -> None:
    """Write ``text`` by hand at pixel (x, y), the top left of the first character."""
    size = max(8, round(px * hand.size))
    baseline, cx = 0.0, x
    for ch in text:
        if ch == " ":
            cx += size * 0.4
            continue
        baseline += rng.gauss(0, hand.drift * size)
        baseline = max(-0.25 * size, min(0.25 * size, baseline))
        char_px = max(8, round(size * rng.uniform(1 - hand.jitter, 1 + hand.jitter)))
        glyph = _glyph(hand, ch, char_px, rng)
        pad = char_px // 2
        top = y + baseline + (size - char_px) / 2 + rng.gauss(0, hand.jitter * size * 0.3)
        image.paste(
            Image.new("RGB", glyph.size, hand.ink), (round(cx) - pad, round(top) - pad), glyph
        )
        advance = _font(_face_for(hand, ch), char_px).getlength(ch)
        cx += advance * (1 + hand.spacing + rng.uniform(-hand.jitter, hand.jitter))
    if text.strip() and rng.random() < hand.corrections:
        _correction(image, x, y, cx, size, hand, rng)


def _correction(
    image: Image.Image, x0: float, y: float, x1: float, size: int, hand: Hand, rng: random.Random
) -> None:
    """A short stroke through the writing, as a clerk scores out and rewrites a slip: the
    value stays legible underneath, as on the archive's corrected forms."""
    draw = ImageDraw.Draw(image)
    xa = rng.uniform(x0, max(x0, x1 - size))
    angle = rng.uniform(-0.15, 0.15)
    length = size * rng.uniform(0.8, 1.6)
    ya = y + size * rng.uniform(0.3, 0.7)
    draw.line(
        [(xa, ya), (xa + length, ya + length * math.sin(angle))],
        fill=hand.ink,
        width=max(1, size // 20),
    )
