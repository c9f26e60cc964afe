"""An app served by uvicorn in a thread on 127.0.0.1 and a free port, for benchmarks and tests
that talk to the registry over real HTTP inside one process."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

# A server that has not started by then never will (a port taken, an app that fails to load).
_START_SECONDS = 20


@contextmanager
def served_in_thread(app: Any, *, log_level: str = "error") -> Iterator[str]:
    """Serve ``app`` for the block; yields its base URL and stops the server after."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level=log_level))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + _START_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
