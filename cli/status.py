"""``hunyin status``: a person's consolidated status from the store, audited like the API."""

import argparse
import getpass
import json
import sys
from typing import Any

from cli.common import add_db_option, db_url
from hunyin.domain.dates import parse_date
from registry.status_query import DEFAULT_PURPOSE, query_status
from warehouse.db import transaction
from warehouse.models import User
from warehouse.store import prepare


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser("status", help="a person's consolidated marital status")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--id", dest="id_number", help="15- or 18-digit resident ID number")
    who.add_argument("--name", help="name (with --birth-date)")
    parser.add_argument("--birth-date", help="YYYY-MM-DD (with --name)")
    parser.add_argument("--office", help="office code of the asking registrar (for the audit log)")
    parser.add_argument("--purpose", default=DEFAULT_PURPOSE, help="why (for the audit log)")
    parser.add_argument("--json", action="store_true", help="print the JSON document")
    add_db_option(parser)
    parser.set_defaults(func=run)


def _print_text(doc: dict[str, Any]) -> None:
    print(f"status: {doc['status']}")
    for event in doc["events"]:
        print(
            f"  {event['date']}  {event['type']:<9} {event['office_code']}  "
            f"{event['certificate_no']}  spouse {event['spouse']['name']}  ({event['match']})"
        )
    for cand in doc["candidates"]:
        print(f"  candidate {cand['date']} {cand['type']} {cand['certificate_no']}")
    for flag in doc["flags"]:
        print(f"  flag: {flag}")


def _usage(message: str) -> int:
    print(f"hunyin status: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    born = parse_date(args.birth_date) if args.birth_date else None
    if args.name and born is None:
        return _usage("--name needs --birth-date YYYY-MM-DD")
    url = prepare(db_url(args))
    # The command line has no bearer token: the audit names the operating-system account.
    asker = User(name=f"cli:{getpass.getuser()}", office_code=args.office)
    with transaction(url) as session:
        doc = query_status(
            session,
            user=asker,
            id_number=args.id_number,
            name=args.name,
            birth_date=born,
            purpose=args.purpose,
            via="cli",
        )
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_text(doc)
    return 0
