"""A bare HTTP/1.1 keep-alive GET client for load generation.

The load generator shares the machine's two cores with the server it measures: httpx spends
about as much CPU per request as the server does, so the figure measured was partly its own.
This client sends prebuilt bytes and reads the status line, the headers and the body by its
``Content-Length``; enough for a JSON API, nothing more.
"""

import asyncio
from types import TracebackType
from typing import Self
from urllib.parse import urlencode, urlsplit


class KeepAlive:
    """One persistent connection to ``base`` (``http://host:port``), one request at a time."""

    def __init__(self, base: str, *, headers: dict[str, str]) -> None:
        parts = urlsplit(base)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self._head = "".join(
            f"{name}: {value}\r\n" for name, value in {"Host": parts.netloc, **headers}.items()
        )
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def __aenter__(self) -> Self:
        self._streams = await asyncio.open_connection(self._host, self._port)
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._streams is not None:
            self._streams[1].close()
            await self._streams[1].wait_closed()

    async def get(self, path: str, params: dict[str, str]) -> int:
        """The status code of ``GET path?params``; the body is read and dropped."""
        assert self._streams is not None, "use the client in `async with`"
        reader, writer = self._streams
        writer.write(f"GET {path}?{urlencode(params)} HTTP/1.1\r\n{self._head}\r\n".encode())
        status = int((await reader.readline()).split()[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await reader.readexactly(length)
        return status
