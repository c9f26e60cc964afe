"""Load drivers for the linkage benchmark: concurrent HTTP status queries and raw SQL look-ups."""

import asyncio
import statistics
import threading
import time
from dataclasses import dataclass

import psycopg

from bench.keepalive import KeepAlive


@dataclass(frozen=True, slots=True)
class LoadFigures:
    requests: int
    errors: int
    per_second: float
    p50_ms: float
    p99_ms: float
    # CPU the load generator itself used, in cores: near 1.0 it, not the server, sets the pace.
    client_cores: float


def _figures(latencies: list[float], errors: int, seconds: float, cpu: float) -> LoadFigures:
    ordered = sorted(latencies) or [0.0]
    return LoadFigures(
        requests=len(latencies),
        errors=errors,
        per_second=len(latencies) / seconds,
        p50_ms=statistics.median(ordered) * 1000,
        p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        client_cores=cpu / seconds,
    )


async def _http(
    base: str, token: str, numbers: list[str], clients: int, seconds: float
) -> LoadFigures:
    latencies: list[float] = []
    errors = 0
    cpu = time.process_time()
    deadline = time.perf_counter() + seconds
    headers = {"Authorization": f"Bearer {token}"}

    async def client(offset: int) -> None:
        nonlocal errors
        i = offset
        async with KeepAlive(base, headers=headers) as http:
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                status = await http.get("/api/v1/status", {"id_number": numbers[i % len(numbers)]})
                if status == 200:
                    latencies.append(time.perf_counter() - start)
                else:
                    errors += 1
                i += clients

    await asyncio.gather(*(client(n) for n in range(clients)))
    return _figures(latencies, errors, seconds, time.process_time() - cpu)


def http_load(
    *, base: str, token: str, numbers: list[str], clients: int, seconds: float
) -> LoadFigures:
    """``clients`` concurrent clients asking ``/api/v1/status`` by number for ``seconds``."""
    return asyncio.run(_http(base, token, numbers, clients, seconds))


# The baseline: the indexed look-up of the same key, with the events' records, and nothing else.
_SQL = """
SELECT r.record_type, r.registration_date, r.certificate_no
FROM parties p JOIN records r ON r.id = p.record_id
WHERE p.id18 = %s
"""


def sql_load(*, url: str, keys: list[str], clients: int, seconds: float) -> LoadFigures:
    """``clients`` threads, one connection each, running the indexed look-up for ``seconds``."""
    latencies: list[float] = []
    lock = threading.Lock()
    cpu = time.process_time()
    deadline = time.perf_counter() + seconds

    def client(offset: int) -> None:
        mine: list[float] = []
        with psycopg.connect(url, autocommit=True) as conn:
            i = offset
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                conn.execute(_SQL, (keys[i % len(keys)],)).fetchall()
                mine.append(time.perf_counter() - start)
                i += clients
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _figures(latencies, 0, seconds, time.process_time() - cpu)
