"""``hunyin link``: bring the person index up to date with the store (a no-op when it is)."""

import argparse
import json
from dataclasses import asdict

from cli.common import add_db_option, db_url
from warehouse.db import transaction
from warehouse.linkage import link_pending
from warehouse.store import prepare


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("link", help="bring the person index up to date with the store")
    parser.add_argument("--json", action="store_true", help="print what was linked as JSON")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    url = prepare(db_url(args))
    with transaction(url) as session:
        result = link_pending(session)
    if args.json:
        print(json.dumps(asdict(result)))
    elif result.parties == 0:
        print("the person index is up to date")
    else:
        print(
            f"parties linked {result.linked}: by number {result.linked_by_id}, probable "
            f"{result.linked_probable}; persons created {result.persons_created}"
        )
    return 0
