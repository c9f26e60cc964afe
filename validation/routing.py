"""Routing after validation: a record with any ``error`` issue waits for a human."""

import hashlib

from hunyin.schema import Issue, Record


def route(record: Record, *, rule_issues: list[Issue]) -> Record:
    """The record with the rule issues added; ``needs_review`` if any of them is an error."""
    known = {(i.field, i.rule) for i in record.issues}
    issues = record.issues + [i for i in rule_issues if (i.field, i.rule) not in known]
    status = record.status
    if any(i.severity == "error" for i in issues):
        status = "needs_review"
    return record.model_copy(update={"issues": issues, "status": status})


def in_audit_sample(*, key: str, rate: float) -> bool:
    """Whether an accepted record is drawn for a human audit.

    Drawn from a hash of the natural key rather than a random generator, so that loading the
    same batch again draws the same records and the queue does not grow on a rerun.
    """
    digest = hashlib.sha256(key.encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < rate
