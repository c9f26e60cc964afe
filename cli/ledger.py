"""``hunyin import-ledger``: legacy registration ledgers (CSV, XLSX) into the store."""

import argparse
import json
import sys
from pathlib import Path

from batch.ledgers import import_ledgers
from cli.common import add_db_option, db_url
from hunyin.errors import InputError
from warehouse.store import prepare

_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".xls"}
_LABELS = {
    "rows_read": "rows read",
    "imported": "imported",
    "already_present": "already present",
    "to_review": "sent to review",
    "quarantined": "quarantined",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import-ledger", help="import legacy registration ledgers (CSV in GB18030/UTF-8, XLSX)"
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    parser.add_argument(
        "--office",
        default=None,
        help="office code, for files whose name and title row do not carry one",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    add_db_option(parser)
    parser.set_defaults(func=run)


def _ledger_files(paths: list[Path]) -> list[Path]:
    """The ledgers named, and those inside any folder named, in a stable order.

    A shell glob (``DIR/*``) also names the folder's other files: each is skipped with one line.
    """
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in _SUFFIXES)
        elif path.is_file() and path.suffix.lower() in _SUFFIXES:
            files.append(path)
        elif path.is_file():
            print(f"hunyin: skipped {path}: not a ledger (CSV or XLSX)", file=sys.stderr)
        else:
            raise InputError(f"no such file or folder: {path}")
    return files


def run(args: argparse.Namespace) -> int:
    url = prepare(db_url(args))
    # One transaction per file: a file that fails leaves nothing, the others stay imported.
    summary = import_ledgers(url, _ledger_files(args.paths), office_code=args.office)
    for message in summary.failed:
        print(f"hunyin: {message}", file=sys.stderr)
    if args.json:
        print(json.dumps(summary.counts()))
    else:
        for key, value in summary.counts().items():
            print(f"{_LABELS[key]:<16}{value:>10}")
        for name, row in summary.quarantine:
            print(f"quarantined: {name} row {row.row}: {row.reason}")
    # A file refused as no ledger is quarantined with its reason, which is done work (exit 0);
    # only a run that could read no file at all failed.
    return 1 if summary.failed and not summary.counts()["rows_read"] else 0
