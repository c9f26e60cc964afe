"""The ledgers of one intake batch, each file in its own transaction."""

import hashlib
from collections.abc import Sequence
from pathlib import Path

from hunyin.errors import InputError
from warehouse.db import transaction
from warehouse.documents import register_document
from warehouse.ledger.importer import LedgerSummary, import_ledger


def import_batch(
    url: str, *, paths: Sequence[Path], office_code: str | None, batch: str
) -> tuple[LedgerSummary, dict[str, str]]:
    """Import every ledger; a file that cannot be read is quarantined with its reason.

    One transaction per file: a bad file leaves nothing half-loaded and does not undo the
    files before it.
    """
    total = LedgerSummary()
    refused: dict[str, str] = {}
    for path in paths:
        try:
            with transaction(url) as session:
                total.add(import_ledger(session, path, office_code=office_code, batch=batch))
        except InputError as exc:
            refused[path.name] = str(exc)
            data = path.read_bytes()
            with transaction(url) as session:
                register_document(
                    session,
                    sha256=hashlib.sha256(data).hexdigest(),
                    path=path.name,
                    kind="ledger",
                    batch=batch,
                    size_bytes=len(data),
                    outcome="quarantined",
                    reason=str(exc),
                )
    return total, refused
