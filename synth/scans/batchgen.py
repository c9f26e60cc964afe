"""A whole synthetic batch on disk: scans of every kind, junk, truth and manifest."""

import json
import random
from pathlib import Path
from typing import Any

from PIL import Image

from synth.scans import damage, hand, render
from synth.scans.people import make_record, vocab


def available_fonts() -> list[tuple[str, int]]:
    """The configured fonts that are installed here."""
    return [(path, int(index)) for path, index in vocab()["fonts"] if Path(path).exists()]


DPIS = (150, 200, 250, 300)
# Which fills: typed in the print fonts, or written by hand in the tuning or held-out faces.
HANDS = ("typeset", "tune", "held_out")


def hand_faces(group: str) -> list[tuple[str, int]]:
    """The installed handwriting faces of a group (``tune`` or ``held_out``)."""
    return hand.installed(vocab()[f"hand_faces_{group}"])


def make_page(
    record: dict[str, Any],
    rng: random.Random,
    *,
    dpis: tuple[int, ...] = DPIS,
    hands: str = "typeset",
) -> Image.Image:
    """One damaged scan of a record: random font, resolution, ink, seal, skew and orientation;
    with ``hands`` other than ``typeset``, the values written by a clerk of that face group."""
    fonts = available_fonts()
    faces = hand_faces(hands) if hands != "typeset" else []
    if hands != "typeset" and not faces:
        raise ValueError(f"no handwriting face of group {hands!r} is installed")
    style = render.Style(
        dpi=rng.choice(dpis),
        label_font=rng.choice(fonts),
        value_font=rng.choice(fonts),
        ink=rng.choice(((15, 15, 15), (25, 30, 110), (40, 40, 40))),
        hand=hand.clerk(rng, faces) if faces else None,
    )
    old_form = record["record_type"] == "marriage" and record["registration_date"] < "2004"
    draw = render.draw_application if old_form else render.draw_table
    page = draw(record, style, rng)
    if rng.random() < 0.8:
        seal_text = record["office_name"][:-1] + "局"
        page = damage.stamp_seal(
            page, text=seal_text, font=style.label_font, rng=rng, red=rng.random() < 0.7
        )
    if rng.random() < 0.7:
        page = damage.age_paper(page, rng)
    return damage.scan(page, rng, skew=rng.uniform(-3, 3), upside_down=rng.random() < 0.12)


def _junk(out: Path, rng: random.Random) -> list[dict[str, Any]]:
    """The kinds of junk archives hand in, with what the reader must say about each."""
    bad = out / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    (bad / "empty.jpg").write_bytes(b"")
    (bad / "notes.txt").write_text("box 12 checked, 3 files missing\n", encoding="utf-8")
    (bad / "fake.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    blank = damage.age_paper(Image.new("RGB", (1240, 1754), "white"), rng)
    blank.save(bad / "blank-page.jpg", quality=80)
    whole = bad / "whole.png"
    Image.new("RGB", (900, 1200), (240, 240, 240)).save(whole)
    (bad / "truncated.png").write_bytes(whole.read_bytes()[:2000])
    whole.unlink()
    Image.new("1", (9000, 9000)).save(bad / "bomb.png")
    return [
        {"file": "bad/empty.jpg", "quarantine": "empty file"},
        {"file": "bad/notes.txt", "quarantine": "not a scan"},
        {"file": "bad/fake.pdf", "quarantine": "unreadable pdf"},
        {"file": "bad/truncated.png", "quarantine": "unreadable image"},
        {"file": "bad/bomb.png", "quarantine": "image too large"},
        {"file": "bad/blank-page.jpg", "records": 0},
    ]


def generate(
    out: Path,
    *,
    count: int,
    seed: int,
    junk: bool = True,
    dpis: tuple[int, ...] = DPIS,
    former_towns: float | None = None,
    hands: str = "typeset",
) -> list[dict[str, Any]]:
    """Write ``count`` records as scans under ``out``; returns the truth rows. ``former_towns``
    is the share of hukous naming a township no longer in the table; ``hands`` one of
    ``HANDS``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    truths: list[dict[str, Any]] = []
    manifest: list[dict[str, Any]] = []
    index = 0
    while index < count:
        group = min(rng.choice((1, 1, 1, 1, 1, 2)), count - index)
        records = [make_record(rng, former_towns=former_towns) for _ in range(group)]
        pages = [make_page(r, rng, dpis=dpis, hands=hands) for r in records]
        kind = (
            rng.choice(("jpg", "jpg", "png", "tif")) if group == 1 else rng.choice(("pdf", "tif"))
        )
        name = f"{records[0]['office_code']}/{index + 1:05d}.{kind}"
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind in ("pdf", "tif"):
            extra = {"resolution": 200.0} if kind == "pdf" else {"compression": "tiff_lzw"}
            pages[0].save(path, save_all=True, append_images=pages[1:], **extra)
        else:
            pages[0].save(path, quality=rng.randint(60, 90)) if kind == "jpg" else pages[0].save(
                path
            )
        for page_no, record in enumerate(records, start=1):
            truths.append({"file": name, "page": page_no, **record})
        manifest.append({"file": name, "records": group})
        index += group
    if junk:
        manifest += _junk(out, rng)
    with (out / "truth.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in truths)
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return truths
