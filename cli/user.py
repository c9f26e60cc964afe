"""``hunyin user add``: create a user and print its bearer token once."""

import argparse

from cli.common import add_db_option, db_url
from registry.users import ROLES, create_user
from warehouse.db import transaction
from warehouse.store import prepare


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``user add`` to the command line."""
    parser = subparsers.add_parser("user", help="manage users of the registry service")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create a user and print its token")
    add.add_argument("--name", required=True, help="unique user name")
    add.add_argument("--office", required=True, help="6-digit office code")
    add.add_argument("--role", required=True, choices=ROLES)
    add_db_option(add)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Create the user; the token goes alone on the last line."""
    url = prepare(db_url(args))
    with transaction(url) as session:
        token = create_user(session, name=args.name, office_code=args.office, role=args.role)
    print(f"created user {args.name} ({args.role}, office {args.office}); its token, shown once:")
    print(token)
    return 0
