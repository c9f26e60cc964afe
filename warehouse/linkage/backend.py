"""Where Splink runs and how much it holds at once: the backend setting and chunked prediction.

The backend is chosen by ``HUNYIN_LINK_BACKEND``: ``duckdb`` is an in-process DuckDB that spills
to ``{var_dir}/duckdb`` beyond ``HUNYIN_LINK_MEMORY_LIMIT``; ``duckdb:DIR`` spills to ``DIR``
instead (a fast local disk). Prediction is cut by Splink itself (``num_chunks_left``) into one
slice per ``HUNYIN_LINK_CHUNK_PARTIES`` parties, so the blocked pairs held at once stay bounded
however large the store grows; the slices' scored pairs, filtered by the storage threshold, are
all that is kept.
"""

import math
from pathlib import Path

import duckdb
from splink import Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from hunyin.settings import get_settings


def spill_dir() -> Path:
    """The folder DuckDB writes what does not fit in its memory limit to."""
    settings = get_settings()
    _, _, folder = settings.link_backend.partition(":")
    return Path(folder) if folder else settings.var_dir / "duckdb"


def connect() -> duckdb.DuckDBPyConnection:
    """A fresh in-memory DuckDB configured from the settings."""
    settings = get_settings()
    con = duckdb.connect()
    # Progress bars belong to terminals; linkage runs inside jobs and services.
    con.execute("SET enable_progress_bar = false")
    con.execute("SET temp_directory = $dir", {"dir": str(spill_dir())})
    if settings.link_memory_limit:
        con.execute("SET memory_limit = $limit", {"limit": settings.link_memory_limit})
    return con


def chunks(parties: int) -> int:
    """Prediction slices for a store of ``parties``: one per ``link_chunk_parties``."""
    return max(1, math.ceil(parties / get_settings().link_chunk_parties))


def chunked_predict(linker: Linker, *, parties: int, min_probability: float) -> SplinkDataFrame:
    """Scored pairs at or above ``min_probability``, predicted slice by slice."""
    return linker.inference.predict(
        threshold_match_probability=min_probability,
        num_chunks_left=chunks(parties),
        num_chunks_right=1,
        warning_mode="never",
    )
