"""``hunyin user add | deactivate | rotate-token``: users of the registry service.

A new token is printed once, alone on the last line; servers stop honouring a deactivated
user or a replaced token within their token cache's lifetime (seconds).
"""

import argparse

from cli.common import add_db_option, db_url
from registry.users import ROLES, create_user, deactivate_user, rotate_token
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
    add.set_defaults(func=run)
    for action, help_text, func in (
        ("deactivate", "refuse the user's token from now on", run_deactivate),
        ("rotate-token", "replace the user's token and print the new one", run_rotate),
    ):
        sub = actions.add_parser(action, help=help_text)
        sub.add_argument("--name", required=True, help="user name")
        add_db_option(sub)
        sub.set_defaults(func=func)


def run(args: argparse.Namespace) -> int:
    """Create the user; the token goes alone on the last line."""
    url = prepare(db_url(args))
    with transaction(url) as session:
        token = create_user(session, name=args.name, office_code=args.office, role=args.role)
    print(f"created user {args.name} ({args.role}, office {args.office}); its token, shown once:")
    print(token)
    return 0


def run_deactivate(args: argparse.Namespace) -> int:
    with transaction(prepare(db_url(args))) as session:
        deactivate_user(session, name=args.name)
    print(f"deactivated user {args.name}")
    return 0


def run_rotate(args: argparse.Namespace) -> int:
    with transaction(prepare(db_url(args))) as session:
        token = rotate_token(session, name=args.name)
    print(f"new token of user {args.name}, shown once; the old one no longer works:")
    print(token)
    return 0
