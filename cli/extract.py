"""``hunyin extract``: every file under a scan folder to JSON Lines.

The lines go to a temporary file beside ``--out``, renamed over it only when the run is
complete: a run that is interrupted or killed leaves the previous output as it was.
"""

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from hunyin.errors import InputError
from hunyin.settings import get_settings


def count(text: str) -> int:
    """A whole number of at least 1, for --workers."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``extract`` subcommand."""
    parser = subparsers.add_parser(
        "extract",
        help="read scans (OCR) into JSON Lines",
        description="Read every file under SCAN_DIR into JSON Lines: one line per record, "
        "blank page or quarantined file.",
    )
    parser.add_argument("scan_dir", type=Path, help="folder of scans, read recursively")
    parser.add_argument("--out", type=Path, required=True, help="JSON Lines file to write")
    parser.add_argument(
        "--workers",
        type=count,
        default=None,
        help="worker processes reading pages (default: $HUNYIN_OCR_WORKERS or 2)",
    )
    parser.add_argument(
        "--page-xml",
        type=Path,
        default=None,
        metavar="DIR",
        help="also write one PAGE XML file (PRImA PAGE 2019) per page under DIR",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the tree and write one JSON line per record or outcome."""
    from batch.extract import extract_tree
    from batch.pagexml import page_writer

    if not args.scan_dir.is_dir():
        raise InputError(f"not a folder: {args.scan_dir}")
    workers = args.workers or get_settings().ocr_workers
    counts: Counter[str] = Counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # Readable by its owner only (mkstemp's mode): the lines hold whole ID numbers.
    handle, partial = tempfile.mkstemp(dir=args.out.parent, prefix=f".{args.out.name}.")
    try:
        with open(handle, "w", encoding="utf-8") as out:
            items = extract_tree(
                args.scan_dir,
                workers=workers,
                progress=sys.stderr.isatty(),
                on_page=page_writer(args.page_xml) if args.page_xml else None,
            )
            for item in items:
                out.write(item.model_dump_json() + "\n")
                counts[item.status] += 1
        os.replace(partial, args.out)
    finally:
        Path(partial).unlink(missing_ok=True)
    summary = ", ".join(
        f"{counts[k]} {k}" for k in ("accepted", "needs_review", "blank", "quarantined")
    )
    print(f"wrote {sum(counts.values())} lines to {args.out}: {summary}")
    return 0
