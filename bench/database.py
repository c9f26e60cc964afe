"""A throwaway PostgreSQL database: created with a unique name, dropped whatever happens.

Benchmarks build their stores in one, and the test suite its session store.
"""

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from warehouse.db import get_engine, normalise_url

# The PostgreSQL server the benchmarks and tests make their databases on.
SERVER_URL = os.environ.get("HUNYIN_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def throwaway_database(server_url: str, *, prefix: str = "hunyin_bench") -> Iterator[str]:
    """A fresh database on the server of ``server_url``; yields its URL, drops it at the end.

    ``WITH (FORCE)`` ends connections still open (a served store, a pool left behind) so the
    drop never waits on them.
    """
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,40}", prefix):
        raise ValueError(f"not a plain database name prefix: {prefix!r}")
    admin = create_engine(normalise_url(server_url), isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(server_url)).set(database=name).render_as_string(False)
    try:
        yield url
    finally:
        get_engine(url).dispose()
        get_engine.cache_clear()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
