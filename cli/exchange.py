"""``hunyin export`` and ``hunyin import-export``: the consolidated records for other
departments (a Frictionless Data Package), and such a folder read back into an empty store."""

import argparse
from datetime import date
from pathlib import Path

from cli.common import add_db_option, db_url
from hunyin.errors import InputError
from warehouse.db import transaction
from warehouse.exchange.export import export_store
from warehouse.exchange.load import load_export
from warehouse.exchange.tables import ExchangeError
from warehouse.linkage import link_records
from warehouse.store import prepare


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError("expected YYYY-MM-DD") from exc


def _office(text: str) -> str:
    if not (len(text) == 6 and text.isdigit()):
        raise argparse.ArgumentTypeError("expected a 6-digit office code")
    return text


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``export`` and ``import-export`` subcommands."""
    out = subparsers.add_parser(
        "export",
        help="write the consolidated records for exchange with other departments",
        description="Write every archive table (JSON Lines), the registrations with their "
        "national codes (CSV), the code tables and datapackage.json describing them.",
    )
    out.add_argument("--out", type=Path, required=True, help="folder to write")
    out.add_argument("--office", type=_office, default=None, help="only this office's records")
    out.add_argument(
        "--since", type=_day, default=None, help="only records added or changed since this day"
    )
    add_db_option(out)
    out.set_defaults(func=run_export)
    back = subparsers.add_parser(
        "import-export",
        help="read an export folder into an empty store",
        description="Load a folder written by `hunyin export` into an empty store, every row "
        "as exported, then bring the person index up to date.",
    )
    back.add_argument("folder", type=Path, metavar="DIR", help="folder written by hunyin export")
    add_db_option(back)
    back.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    if args.out.exists() and any(args.out.iterdir()):
        raise InputError(f"not an empty folder: {args.out}")
    with transaction(prepare(db_url(args))) as session:
        summary = export_store(session, out_dir=args.out, office=args.office, since=args.since)
    rows = ", ".join(f"{name} {count}" for name, count in summary.rows.items())
    print(f"wrote {summary.records} records to {args.out}: {rows}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    if not args.folder.is_dir():
        raise InputError(f"not a folder: {args.folder}")
    url = prepare(db_url(args))
    try:
        with transaction(url) as session:
            summary = load_export(session, folder=args.folder)
    except ExchangeError as exc:
        raise InputError(str(exc)) from exc
    with transaction(url) as session:
        link_records(session)
    rows = ", ".join(f"{name} {count}" for name, count in summary.rows.items())
    print(f"imported from {args.folder}: {rows}")
    return 0
