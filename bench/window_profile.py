"""Where a status query's time goes on the store: the database's plan of its one read statement
(planning and execution time, buffers) and the statements one query sends, counted."""

import json
import re
import statistics
import tempfile
from typing import Any

from sqlalchemy import text
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


# A message the client sent, in libpq's trace: its kind, and the rest of the line.
_SENT = re.compile(r"(?:^|\t)F\t\d+\t(\w+)\t?(.*)$")


def statements_per_query(url: str, *, token: str, number: str) -> dict[str, int]:
    """What one audited status query sends, read from the driver's protocol trace (some of its
    statements go straight to the driver, unseen by the engine's events): statements (each ends
    in a Sync, or is a simple query), and BEGIN or COMMIT among them."""
    sessions = autocommit_session_factory(url)
    with session_factory(url)() as session:
        user = user_by_token(session, token)
    assert user is not None
    with tempfile.TemporaryFile("w+") as trace, sessions() as session:
        driver: Any = session.connection().connection.driver_connection
        pgconn = driver.pgconn
        pgconn.trace(trace.fileno())
        try:
            query_status(session, user=user, id_number=number)
            session.commit()
        finally:
            pgconn.untrace()
        trace.seek(0)
        sent = [m.groups() for line in trace if (m := _SENT.search(line))]
    simple = [text for kind, text in sent if kind == "Query"]
    return {
        "statements": sum(kind == "Sync" for kind, _ in sent) + len(simple),
        "begin": sum("BEGIN" in q.upper() for q in simple),
        "commit": sum("COMMIT" in q.upper() for q in simple),
    }
