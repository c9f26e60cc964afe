"""``hunyin fixity``: every stored source file hashed again against its SHA-256 from intake."""

import argparse
import json

from cli.common import add_db_option, db_url
from warehouse.db import transaction
from warehouse.fixity import check_fixity
from warehouse.store import prepare


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fixity",
        help="re-hash every stored source file and report altered and missing ones",
        description="Hash every stored scan and ledger again and compare with the SHA-256 "
        "taken at intake; exit 1 when any file is altered or missing.",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with transaction(prepare(db_url(args))) as session:
        report = check_fixity(session)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print(
            f"checked {report.checked}: {report.ok} ok, {report.altered} altered, "
            f"{report.missing} missing"
        )
        for problem in report.problems:
            print(f"{problem.outcome}: {problem.path}")
    return 0 if report.intact else 1
