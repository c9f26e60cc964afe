"""``hunyin user``."""

import argparse

from hunyin.errors import HunyinError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("user")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raise HunyinError("user is being built")
