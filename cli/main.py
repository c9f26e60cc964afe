"""Entry point: builds the parser from the subcommand modules and maps errors to exit codes."""

import argparse
import importlib
import sys
from collections.abc import Sequence

from hunyin.errors import HunyinError

# Each module has ``register(subparsers)``, which adds its parser with ``func=run``.
SUBCOMMANDS = (
    "cli.extract",
    "cli.ledger",
    "cli.link",
    "cli.status",
    "cli.serve",
    "cli.user",
    "cli.demo",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"hunyin: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hunyin", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in SUBCOMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except HunyinError as exc:
        print(f"hunyin: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("hunyin: interrupted", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
