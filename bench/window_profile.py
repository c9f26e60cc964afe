"""Where a status query's time goes on the store: the database's plan of its one read statement
(planning and execution time, buffers) and the statements one query sends, counted."""

import json
import statistics
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.dialects import postgresql

from registry.status_query import query_status
from registry.users import user_by_token
from warehouse.db import autocommit_session_factory, get_engine, session_factory
from warehouse.queries.history import HISTORY_OF_KEY


def explain(url: str, *, keys: list[str]) -> dict[str, Any]:
    """``EXPLAIN (ANALYZE, BUFFERS)`` of the status statement for each key: median times."""
    planning, execution, hits, reads = [], [], [], []
    plan: dict[str, Any] = {}
    with get_engine(url).connect() as conn:
        for key in keys:
            sql = HISTORY_OF_KEY.params(key=key, number=key).compile(
                dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
            )
            row = conn.execute(text(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")).scalar_one()
            found = (row if isinstance(row, list) else json.loads(row))[0]
            planning.append(found["Planning Time"])
            execution.append(found["Execution Time"])
            hits.append(found["Plan"].get("Shared Hit Blocks", 0))
            reads.append(found["Plan"].get("Shared Read Blocks", 0))
            plan = found["Plan"]
    return {
        "keys": len(keys),
        "planning_ms_median": round(statistics.median(planning), 3),
        "execution_ms_median": round(statistics.median(execution), 3),
        "shared_hit_blocks_median": statistics.median(hits),
        "shared_read_blocks_median": statistics.median(reads),
        "top_node": plan.get("Node Type"),
    }


def statements_per_query(url: str, *, token: str, number: str) -> dict[str, int]:
    """What one audited status query sends: statements, and BEGIN/COMMIT of transactions."""
    sessions = autocommit_session_factory(url)
    # The engine those sessions use: listeners on another engine of the same URL hear nothing.
    engine = sessions.kw["bind"]
    counts = {"statements": 0, "begin": 0, "commit": 0}

    def statement(*_: Any) -> None:
        counts["statements"] += 1

    def sent(conn: Any) -> bool:
        # An AUTOCOMMIT connection sends no BEGIN or COMMIT, whatever SQLAlchemy's bookkeeping.
        return conn.get_execution_options().get("isolation_level") != "AUTOCOMMIT"

    def begin(conn: Any) -> None:
        counts["begin"] += sent(conn)

    def commit(conn: Any) -> None:
        counts["commit"] += sent(conn)

    with session_factory(url)() as session:
        user = user_by_token(session, token)
    assert user is not None
    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "begin", begin)
    event.listen(engine, "commit", commit)
    try:
        with sessions() as session:
            query_status(session, user=user, id_number=number)
            session.commit()
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "begin", begin)
        event.remove(engine, "commit", commit)
    return counts
