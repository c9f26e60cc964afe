"""The bundled sample batch, laid out as an archivist's inbox."""

import shutil
from pathlib import Path

from hunyin.errors import InputError

REPO = Path(__file__).resolve().parent.parent


def samples_dir() -> Path:
    """The repository's copy of the samples, else the shared spec folder beside the checkout."""
    for candidate in (REPO / "samples", REPO.parent / "shared" / "samples"):
        if (candidate / "scans").is_dir() and (candidate / "ledgers").is_dir():
            return candidate
    raise InputError("no sample batch found (expected a samples/ folder in the repository)")


def build_inbox(*, samples: Path, inbox: Path) -> list[Path]:
    """Copy the samples into ``inbox/{office}/scans`` and ``inbox/{office}/ledgers``.

    Files already present are left alone, so building the inbox again copies nothing.
    """
    copied = []
    for office in sorted(p for p in (samples / "scans").iterdir() if p.is_dir()):
        for src in sorted(p for p in office.rglob("*") if p.is_file()):
            copied += _copy(src, inbox / office.name / "scans" / src.relative_to(office))
    for src in sorted((samples / "ledgers").glob("*-ledger.*")):
        office_code = src.name.split("-", 1)[0]
        copied += _copy(src, inbox / office_code / "ledgers" / src.name)
    return copied


def _copy(src: Path, dest: Path) -> list[Path]:
    if dest.exists():
        return []
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return [dest]
