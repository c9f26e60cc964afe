"""Logs never hold a whole ID number: one filter for every logger of the process.

The filter is applied where log records are made (the record factory), so it covers the
project's loggers, uvicorn's and SQLAlchemy's alike, whatever handlers a server configures
later: the message, its arguments and any traceback are masked before a handler sees them.
"""

import logging
import traceback
from typing import Any

from hunyin.domain.idnumber import mask_in_text


class MaskIdNumbers(logging.Filter):
    """Masks every ID-number-shaped run in a record's message and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the format: keep both
            message = f"{record.msg} {record.args}"
        record.msg, record.args = mask_in_text(message), None
        if record.exc_info and record.exc_info[1] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            # The formatter prints ``exc_text`` when it is set, and formats nothing itself.
            record.exc_text = mask_in_text(text)
        if record.stack_info:
            record.stack_info = mask_in_text(record.stack_info)
        return True


_FILTER = MaskIdNumbers()


def install() -> None:
    """Mask every record made from now on in this process (idempotent)."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "masks_id_numbers", False):
        return

    def masked(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        _FILTER.filter(record)
        return record

    masked.masks_id_numbers = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(masked)
