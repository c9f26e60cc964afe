"""``hunyin serve``: the registry service over HTTP."""

import argparse

from hunyin.cli.common import add_db_option, db_url


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``serve`` to the command line."""
    parser = subparsers.add_parser("serve", help="run the registry service")
    add_db_option(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serve the registry until interrupted."""
    # Imported here so that other subcommands do not pay for loading the web stack.
    import uvicorn

    from registry.app import create_app

    app = create_app(db_url=db_url(args))
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
