"""Fixtures for the distributed runs: a Redis database of their own, Celery workers, a throwaway
PostgreSQL database for Dagster's instance.

Workers are real ``celery worker`` processes, each in a session of its own so that the test can
stop it and every process it forked. They and the orchestrating process see the same
environment: settings, Dagster home, broker.
"""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from sqlalchemy.engine import make_url

from bench.database import throwaway_database
from bench.workers import REDIS, claim_redis_db, release_redis_db, start_worker, stop_worker
from tests.conftest import PG_URL, reachable_pg_server
from tests.pipelines.celery_location import write_page

REPO = Path(__file__).resolve().parents[2]
OFFICE, BATCH = "532301", "box1"
KEY = f"{OFFICE}-{BATCH}"


@dataclass
class Cluster:
    """One machine's worth of a deployment: settings, a batch in the inbox, workers."""

    root: Path
    env: dict[str, str]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def store_url(self) -> str:
        return self.env["HUNYIN_DB_URL"]

    def add_pages(self, serials: range) -> None:
        batch = Path(self.env["HUNYIN_INBOX_DIR"]) / OFFICE / BATCH
        batch.mkdir(parents=True, exist_ok=True)
        for serial in serials:
            write_page(batch / f"page-{serial:04d}.png", serial)

    def start_worker(self, name: str) -> None:
        self.workers.append(
            start_worker(name, env=self.env, cwd=REPO, log=self.root / f"{name}.log")
        )

    def start_batch(self) -> subprocess.Popen[str]:
        """Run the batch from a process of its own, as a deployment's run worker would."""
        return subprocess.Popen(
            [sys.executable, "-m", "tests.pipelines.run_batch", KEY],
            cwd=REPO, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    def run_batch(self) -> dict[str, object]:
        """The batch run to its end; its outcome (``success``, ``run_id``)."""
        run = self.start_batch()
        out, err = run.communicate(timeout=900)
        assert run.returncode == 0, err[-3000:]
        outcome: dict[str, object] = json.loads(out.strip().splitlines()[-1])
        return outcome

    def stop(self) -> None:
        for worker in self.workers:
            stop_worker(worker)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    try:
        broker = claim_redis_db()
    except (redis.RedisError, RuntimeError) as exc:
        pytest.fail(f"Redis is required at {REDIS}: {exc}")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "HUNYIN_DB_URL": f"sqlite:///{tmp_path / 'store.db'}",
        "HUNYIN_VAR_DIR": str(tmp_path / "var"),
        "HUNYIN_INBOX_DIR": str(tmp_path / "inbox"),
        "HUNYIN_EXECUTOR": "celery",
        "HUNYIN_BROKER_URL": broker,
        "HUNYIN_OCR_SLICE_PAGES": "3",
        "HUNYIN_AUDIT_SAMPLE_RATE": "0",
    }
    env.pop("HUNYIN_DAGSTER_PG_URL", None)
    made = Cluster(root=tmp_path, env=env)
    try:
        yield made
    finally:
        made.stop()
        release_redis_db(broker)


def write_instance(cluster: Cluster) -> None:
    """The Dagster home as `make` writes it, for the cluster's settings."""
    subprocess.run(
        [sys.executable, "-m", "pipelines.instance"], cwd=REPO, env=cluster.env, check=True,
        capture_output=True,
    )  # fmt: skip


@pytest.fixture
def dagster_pg_url() -> Iterator[str]:
    """A throwaway PostgreSQL database for Dagster's instance (a plain ``postgresql://`` URL, as
    the deployment writes it), dropped afterwards."""
    with throwaway_database(reachable_pg_server(), prefix="hunyin_dagster") as url:
        yield (
            make_url(PG_URL)
            .set(database=make_url(url).database)
            .render_as_string(hide_password=False)
        )
