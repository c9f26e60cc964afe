"""Natural keys: what makes a second load of the same source a no-op."""

import hashlib
import json

from hunyin.schema import Record


def scan_key(*, sha256: str, page: int) -> str:
    return f"scan:{sha256}:{page}"


def ledger_key(*, office_code: str, certificate_no: str, registration_date: str, kind: str) -> str:
    return f"ledger:{office_code}:{certificate_no}:{registration_date}:{kind}"


def ledger_parties(*, male: str, female: str) -> str:
    """What stands for the certificate number in the key of a ledger row without one: the
    parties' names and birth dates as written."""
    return f"parties:{male}+{female}"


def live_key(*, certificate_no: str) -> str:
    return f"live:{certificate_no}"


def content_hash(record: Record) -> str:
    """A digest of the record's fields (not its source or status): changes when a value does."""
    payload = record.model_dump(
        mode="json", exclude={"status", "source", "confidence", "issues", "readings"}
    )
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
