"""Keeping full ID numbers out of audit entries, logs and error messages."""

from typing import Any

from hunyin.domain.idnumber import mask_in_text


def scrub(value: Any) -> Any:
    """``value`` (nested dicts, lists, strings) with every ID-number-shaped string masked."""
    if isinstance(value, str):
        return mask_in_text(value)
    if isinstance(value, dict):
        return {str(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    return value
