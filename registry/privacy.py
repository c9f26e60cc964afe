"""Keeping full ID numbers out of audit entries, logs and error messages."""

import re
from typing import Any

from hunyin.domain.idnumber import mask

# 18-character numbers first, so a 15-digit run inside one is not masked twice.
_ID_LIKE = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")


def mask_text(text: str) -> str:
    """Every ID-number-shaped run of characters in ``text`` masked."""
    return _ID_LIKE.sub(lambda m: mask(m.group(0).upper()) or "", text)


def scrub(value: Any) -> Any:
    """``value`` (nested dicts, lists, strings) with every ID-number-shaped string masked."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {str(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    return value
