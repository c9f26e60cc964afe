"""Options shared by subcommands."""

import argparse
import os

from hunyin.settings import get_settings


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=None,
        help="SQLAlchemy URL of the store (default: $HUNYIN_DB_URL or sqlite:///var/hunyin.db)",
    )


def db_url(args: argparse.Namespace) -> str:
    """The store URL from ``--db``, else the environment, else the embedded default."""
    return args.db or os.environ.get("HUNYIN_DB_URL") or get_settings().db_url
