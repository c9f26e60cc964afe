"""What archives do to paper and scanners to pages: seals, yellowing, noise, blur, skew, JPEG."""

import io
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont


def stamp_seal(
    image: Image.Image, *, text: str, font: tuple[str, int], rng: random.Random, red: bool
) -> Image.Image:
    """A round office seal (公章) with a star, pressed over the lower part of the page."""
    w, h = image.size
    r = int(w * rng.uniform(0.09, 0.11))
    cx, cy = int(w * rng.uniform(0.55, 0.75)), int(h * rng.uniform(0.62, 0.85))
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    colour = (205, 40, 45, 170) if red else (90, 90, 90, 150)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=max(3, r // 18))
    star = [
        (cx + r * 0.3 * np.cos(a), cy + r * 0.3 * np.sin(a))
        for a in np.linspace(-np.pi / 2, 1.5 * np.pi, 11)[:-1]
    ]
    star = [
        (x if i % 2 == 0 else cx + (x - cx) * 0.4, y if i % 2 == 0 else cy + (y - cy) * 0.4)
        for i, (x, y) in enumerate(star)
    ]
    draw.polygon(star, fill=colour)
    size = max(12, r // 4)
    face = ImageFont.truetype(font[0], size, index=font[1])
    for i, ch in enumerate(text):
        angle = np.pi * (1.1 + 0.8 * i / max(len(text) - 1, 1))
        draw.text(
            (cx + 0.72 * r * np.cos(angle) - size / 2, cy + 0.72 * r * np.sin(angle) - size / 2),
            ch,
            font=face,
            fill=colour,
        )
    return Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")


def age_paper(image: Image.Image, rng: random.Random) -> Image.Image:
    """Yellowed, uneven paper with speckle."""
    arr = np.asarray(image, dtype=np.float32)
    tint = np.array(
        [rng.uniform(0.9, 1.0), rng.uniform(0.85, 0.97), rng.uniform(0.7, 0.9)], np.float32
    )
    noise = np.random.default_rng(rng.randrange(1 << 30)).standard_normal(
        arr.shape[:2], dtype=np.float32
    )
    arr = arr * tint + (noise * rng.uniform(4, 12))[..., None]
    return Image.fromarray(np.clip(arr, 0, 255, out=arr).astype(np.uint8))


def scan(image: Image.Image, rng: random.Random, *, skew: float, upside_down: bool) -> Image.Image:
    """Skew, an upside-down feed, a little blur and JPEG artefacts."""
    image = image.rotate(
        skew + (180 if upside_down else 0),
        resample=Image.Resampling.BICUBIC,
        expand=False,
        fillcolor=(250, 250, 248),
    )
    if rng.random() < 0.5:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(45, 85))
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
