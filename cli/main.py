"""Entry point: builds the parser from the subcommand modules and maps errors to exit codes."""

import argparse
import importlib
import sys
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from hunyin import logs
from hunyin.domain.idnumber import mask_in_text
from hunyin.errors import HunyinError

# Each module has ``register(subparsers)``, which adds its parser with ``func=run``.
SUBCOMMANDS = (
    "cli.extract",
    "cli.ledger",
    "cli.status",
    "cli.serve",
    "cli.user",
    "cli.demo",
    "cli.fixity",
    "cli.exchange",
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
    logs.install()
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except HunyinError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except OSError as exc:
        # A read-only output, an unwritable var folder, a busy port: the path and the reason.
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}")
    except OperationalError as exc:
        return _fail(f"the store cannot be reached: {_first_line(exc.orig or exc)}")
    except SQLAlchemyError as exc:
        return _fail(f"store error: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _fail(message: str) -> int:
    """One line on stderr, ID numbers masked; exit status 1."""
    print(f"hunyin: {mask_in_text(message)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
