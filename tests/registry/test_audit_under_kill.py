"""No status answer without its audit row, even when the server dies under load.

``hunyin serve`` runs as a user starts it, on PostgreSQL; clients query statuses for a couple
of seconds, each query with a purpose of its own; then the server is killed (SIGKILL, no
shutdown) while they are still asking. Every query that got its answer must have its audit row
in the store: the row is committed before the answer leaves.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from registry.users import create_user
from tests.conftest import _empty_tables
from tests.registry.people import id_number
from warehouse.db import transaction
from warehouse.models import AuditEntry

pytestmark = pytest.mark.postgres
HUNYIN = str(Path(sys.executable).with_name("hunyin"))
CLIENTS = 6
LOAD_SECONDS = 2.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _started(base: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if server.poll() is not None:
            pytest.fail("hunyin serve exited before it answered")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail("hunyin serve did not answer /healthz")


def test_every_answered_status_query_has_its_audit_row(pg_url: str) -> None:
    _empty_tables(pg_url)
    with transaction(pg_url) as session:
        token = create_user(session, name="窗口", office_code="532301", role="registrar")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [HUNYIN, "serve", "--db", pg_url, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )
    answered: list[str] = []
    stop = threading.Event()

    def client(n: int) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=10) as http:
            while not stop.is_set():
                purpose = f"kill-{uuid.uuid4().hex}"
                number = id_number(date(1980, 1, 1) + timedelta(days=n), sex="男", seq=n)
                try:
                    response = http.get(
                        "/api/v1/status", params={"id_number": number, "purpose": purpose}
                    )
                except httpx.TransportError:
                    continue  # the server is gone: no answer, nothing to hold it to
                if response.status_code == 200:
                    answered.append(purpose)

    try:
        _started(base, server)
        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        time.sleep(LOAD_SECONDS)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        stop.set()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)

    assert answered, "no status query was answered before the kill"
    with transaction(pg_url) as session:
        audited = set(
            session.scalars(
                select(AuditEntry.purpose).where(
                    AuditEntry.action == "status_query", AuditEntry.purpose.like("kill-%")
                )
            )
        )
    missing = [p for p in answered if p not in audited]
    assert not missing, f"{len(missing)} of {len(answered)} answers have no audit row"
