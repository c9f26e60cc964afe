"""``hunyin demo``: what ``make demo`` runs after installing."""

import argparse
import sys

from cli.common import add_db_option, db_url
from hunyin.settings import get_settings
from pipelines.demo import describe, run_demo


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="run the main job over the bundled sample batch on the embedded store"
    )
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = get_settings().model_copy(update={"db_url": db_url(args)})
    summary = run_demo(settings=settings, say=lambda line: print(line, file=sys.stderr))
    print("\n".join(describe(summary, settings=settings)))
    return 0
