"""``hunyin serve``: the registry service over HTTP."""

import argparse
import os
import socket
from typing import TYPE_CHECKING

from cli.common import add_db_option, db_url
from hunyin.errors import InputError

if TYPE_CHECKING:
    from fastapi import FastAPI

# How the store URL reaches the worker processes, which import the app by name.
_DB_URL_VARIABLE = "HUNYIN_DB_URL"


def default_workers() -> int:
    """One worker process per CPU this process may use: the service is CPU-bound in Python."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``serve`` to the command line."""
    parser = subparsers.add_parser("serve", help="run the registry service")
    add_db_option(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="worker processes (default: one per CPU, here %(default)s)",
    )
    parser.set_defaults(func=run)


def app_from_environment() -> "FastAPI":
    """The app of one worker process, on the store ``run`` handed down."""
    from registry.app import create_app

    return create_app(db_url=os.environ[_DB_URL_VARIABLE])


def _check_port(host: str, port: int) -> None:
    """Fail with one line when the port is taken (uvicorn would log and exit 3)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def run(args: argparse.Namespace) -> int:
    """Serve the registry until interrupted."""
    # Imported here so that other subcommands do not pay for loading the web stack.
    import uvicorn

    from warehouse.store import prepare

    _check_port(args.host, args.port)
    # Migrate once here, so that the workers do not race each other to upgrade the schema.
    os.environ[_DB_URL_VARIABLE] = prepare(db_url(args))
    uvicorn.run(
        "cli.serve:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        # The access log would print every query string, full ID numbers included; who asked
        # for what is in the audit log instead.
        access_log=False,
    )
    return 0
