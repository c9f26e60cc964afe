"""Group commit: rows that concurrent requests append to one table, written and committed together.

In a session whose statements commit as they return (``db.autocommit_session_factory``), each
request appending a row would pay an insert and a commit of its own. Here the first request to
arrive leads: it writes its row and every row queued meanwhile in one executemany on its
connection (one round trip, one commit), and when that returns (committed, durable) each
request whose row it held goes on. Requests arriving while it writes queue for the next leader.
Nobody goes on before their row is durable; a batch that fails is written again row by row by
each of its requests, so one bad row fails only its own request.
"""

import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Insert
from sqlalchemy.orm import Session

# The key of ``Session.info`` under which a session factory hands its group to its sessions.
GROUP_COMMIT = "group_commit"


@dataclass(eq=False, slots=True)
class _Entry:
    params: dict[str, Any]
    woken: threading.Event = field(default_factory=threading.Event)
    # Set when the entry is woken: "written", "lead" (write the queue), or "alone" (the batch
    # failed: write your own row).
    outcome: str = ""


def _all_or_nothing(session: Session, stmt: Insert, rows: list[dict[str, Any]]) -> tuple[Any, ...]:
    """The statement and parameters writing ``rows`` in one transaction of their own.

    On PostgreSQL an executemany: compiled once and prepared by the driver, its inserts sent
    in one pipeline that commits once, at its end, or not at all (a multi-row VALUES of each
    batch's length would be compiled anew each time, a millisecond of a status query). SQLite
    would commit each insert of an executemany as it goes: there, one multi-row insert.
    """
    if session.get_bind().dialect.name == "postgresql":
        return (stmt, rows)
    return (stmt.values(rows),)


class GroupCommit:
    """Append rows to tables in group commits; one per session factory (and process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[Insert, list[_Entry]] = {}
        self._writing: set[Insert] = set()

    def execute(self, session: Session, stmt: Insert, params: dict[str, Any]) -> None:
        """Insert one row with ``stmt``; returns once it is committed (raises if it is not)."""
        entry = _Entry(params)
        with self._lock:
            self._queues.setdefault(stmt, []).append(entry)
            leading = stmt not in self._writing
            self._writing.add(stmt)
        if not leading:
            entry.woken.wait()
            if entry.outcome == "written":
                return
            if entry.outcome == "alone":
                session.execute(stmt, params)
                return
        self._lead(session, stmt, entry)

    def _lead(self, session: Session, stmt: Insert, own: _Entry) -> None:
        with self._lock:
            batch = self._queues.pop(stmt)
        outcome = "alone"
        try:
            session.execute(*_all_or_nothing(session, stmt, [e.params for e in batch]))
            outcome = "written"
        except Exception:
            # Which row failed is not known: each request writes its own, and only the bad one
            # fails (below, for this request's row).
            session.rollback()
        finally:
            # Whatever happened, the queue gets a leader and every row of the batch an answer.
            with self._lock:
                waiting = self._queues.get(stmt)
                if waiting:
                    # The next leader: the first to queue while this batch was written.
                    waiting[0].outcome = "lead"
                    waiting[0].woken.set()
                else:
                    self._writing.discard(stmt)
            for entry in batch:
                if entry is not own:
                    entry.outcome = outcome
                    entry.woken.set()
        if outcome == "alone":
            session.execute(stmt, own.params)
