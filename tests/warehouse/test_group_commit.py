"""Group commit of audit entries: concurrent appends share one insert, every row lands before its
request goes on, and a bad row fails only its own request."""

import threading
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from registry.audit import _APPEND
from warehouse.db import autocommit_session_factory
from warehouse.group_commit import GROUP_COMMIT
from warehouse.models import AuditEntry

REQUESTS = 12


def _entry(n: int, *, user: str | None = "窗口") -> dict[str, Any]:
    return {
        "user_name": user,
        "office_code": "532301",
        "action": "status_query",
        "purpose": f"group-{n}",
        "subject": None,
        "details": {"n": n},
        "subject_keys": None,
    }


def _append_at_once(url: str, entries: list[dict[str, Any]]) -> tuple[list[Any], list[int]]:
    """Each entry appended by a thread of its own; the first insert is held until every thread
    has asked, so the rest queue behind it. Returns each thread's outcome and the inserts sent."""
    factory = autocommit_session_factory(url)
    asked = threading.Semaphore(0)
    inserts: list[int] = []

    def held(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.startswith("INSERT INTO audit_log"):
            if not inserts:
                for _ in entries:
                    asked.acquire(timeout=10)
                # Every thread has asked; give the last ones the moment to join the queue.
                threading.Event().wait(0.3)
            inserts.append(1)

    engine = factory.kw["bind"]
    outcomes: list[Any] = [None] * len(entries)

    def append(n: int) -> None:
        with factory() as session:
            group = session.info[GROUP_COMMIT]
            asked.release()
            try:
                group.execute(session, _APPEND, entries[n])
                outcomes[n] = "written"
            except IntegrityError as exc:
                outcomes[n] = exc

    event.listen(engine, "before_cursor_execute", held)
    try:
        threads = [threading.Thread(target=append, args=(n,)) for n in range(len(entries))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        event.remove(engine, "before_cursor_execute", held)
    return outcomes, inserts


def _purposes(url: str) -> list[str]:
    with autocommit_session_factory(url)() as session:
        rows = session.execute(select(AuditEntry.purpose, AuditEntry.at)).all()
    assert all(at is not None for _, at in rows)
    return sorted(p for p, _ in rows if p and p.startswith("group-"))


def test_concurrent_appends_share_one_insert_and_all_land(store_url: str) -> None:
    outcomes, inserts = _append_at_once(store_url, [_entry(n) for n in range(REQUESTS)])
    assert outcomes == ["written"] * REQUESTS
    # The first leader's insert held its own row; everyone who queued meanwhile went in one.
    assert len(inserts) == 2
    assert _purposes(store_url) == sorted(f"group-{n}" for n in range(REQUESTS))


def test_a_bad_row_fails_only_its_own_request(store_url: str) -> None:
    entries = [_entry(n, user=None if n == 5 else "窗口") for n in range(REQUESTS)]
    outcomes, _ = _append_at_once(store_url, entries)
    assert isinstance(outcomes[5], IntegrityError)
    assert [o for n, o in enumerate(outcomes) if n != 5] == ["written"] * (REQUESTS - 1)
    assert _purposes(store_url) == sorted(f"group-{n}" for n in range(REQUESTS) if n != 5)


@pytest.mark.postgres
def test_each_row_is_committed_when_its_request_goes_on(pg_url: str) -> None:
    """Read back from another connection right after the call: the row is there already."""
    factory = autocommit_session_factory(pg_url)
    with factory() as session:
        session.info[GROUP_COMMIT].execute(session, _APPEND, _entry(99))
        with factory() as other:
            seen = other.scalar(select(func.count()).where(AuditEntry.purpose == "group-99"))
    assert seen == 1
