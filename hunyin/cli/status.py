"""``hunyin status``: a person's consolidated status from the store."""

import argparse
import json
import sys

from hunyin.cli.common import add_db_option, db_url
from hunyin.domain.dates import parse_date
from hunyin.errors import InputError
from registry.status import status_by_id, status_by_name
from warehouse.db import transaction
from warehouse.store import prepare


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("status", help="a person's consolidated marital status")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--id", dest="id_number", help="15- or 18-digit resident ID number")
    who.add_argument("--name", help="name (with --birth-date)")
    parser.add_argument("--birth-date", help="YYYY-MM-DD (with --name)")
    parser.add_argument("--json", action="store_true", help="print the JSON document")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    url = prepare(db_url(args))
    with transaction(url) as session:
        if args.id_number:
            doc = status_by_id(session, id_number=args.id_number)
        else:
            born = parse_date(args.birth_date)
            if born is None:
                raise InputError("--name needs --birth-date YYYY-MM-DD")
            doc = status_by_name(session, name=args.name, birth_date=born)
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(f"status: {doc['status']}")
        for event in doc["events"]:
            print(
                f"  {event['date']}  {event['type']:<9} {event['office_code']}  "
                f"{event['certificate_no']}  spouse {event['spouse']['name']}"
            )
        for cand in doc["candidates"]:
            print(f"  candidate {cand['date']} {cand['type']} {cand['certificate_no']}")
    return 0
