"""Opening the store: upgrade the schema and sync reference data, once per process and URL."""

from functools import lru_cache

from warehouse.db import transaction, upgrade
from warehouse.seed import sync_offices


@lru_cache(maxsize=8)
def prepare(url: str) -> str:
    """Make ``url`` ready for use (idempotent); returns the URL for chaining."""
    upgrade(url)
    with transaction(url) as session:
        sync_offices(session)
    return url
