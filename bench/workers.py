"""Celery workers on this machine for the scale bench and the distributed tests.

Each worker is a real ``celery worker`` process in a session of its own, so that stopping it
stops every process it forked; each run gets an empty Redis database of its own, so that runs
beside it (other tests, other benches) never share a queue.
"""

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import redis

from pipelines.executors import WORKER_QUEUES

REDIS = "redis://127.0.0.1:6379"
_CLAIM = "hunyin:claim"


def claim_redis_db(base: str = REDIS) -> str:
    """The URL of an empty Redis database, marked as taken; raises when none is free."""
    for db in random.sample(range(1, 16), 15):
        client = redis.Redis.from_url(f"{base}/{db}")
        if client.dbsize() == 0 and client.set(_CLAIM, "1", nx=True):
            return f"{base}/{db}"
    raise RuntimeError(f"no empty Redis database at {base}")


def release_redis_db(url: str) -> None:
    """Empty the database again (queues, results, the claim)."""
    redis.Redis.from_url(url).flushdb()


def start_worker(
    name: str, *, env: dict[str, str], cwd: Path, log: Path, concurrency: int = 1
) -> subprocess.Popen[bytes]:
    """A worker serving the OCR and the light queues, one step per pool process at a time."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "pipelines.workers", "worker",
             "-Q", ",".join(WORKER_QUEUES), "--concurrency", str(concurrency),
             "-n", f"{name}@%h", "--without-mingle", "--without-gossip", "-l", "info"],
            cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip


def stop_worker(worker: subprocess.Popen[bytes], *, timeout: float = 60) -> None:
    """A warm shutdown (the worker waits for its pool, so their CPU time is counted), then a
    kill of the whole session if it does not end."""
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=timeout)
