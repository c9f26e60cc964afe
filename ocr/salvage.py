"""What can still be read from a form page whose extraction failed part-way.

A misread value can trip extraction (``20B年08月13日`` where a date belongs). On a page that
was recognised as a form the record must not vanish into quarantine: it goes to a steward as
``needs_review`` with every value that could be read on its own and an issue naming the
failure. Only a page where no form can be found at all is quarantined.
"""

from typing import Any

from pydantic import ValidationError

from hunyin.schema import Issue, Outcome, Record, Source
from ocr.engines.base import TextLine
from ocr.extraction import NO_FORM, field_names, is_form
from ocr.fields import read_field
from ocr.layout import analyse
from ocr.reading import PageReading
from ocr.values import FieldValue

RULE = "extraction-failed"


def _read(dotted: str, cells: dict[str, list[TextLine]]) -> FieldValue:
    """One field read on its own; a field that trips the reader is left empty and doubted."""
    try:
        return read_field(dotted, cells.get(dotted))
    except Exception as exc:  # one bad value must not cost the others
        value = FieldValue(field=dotted, value=None, confidence=0.0)
        value.doubt(RULE, f"{dotted} could not be read: {exc}")
        return value


def _nested(values: dict[str, str | None]) -> dict[str, Any]:
    data: dict[str, Any] = {"male": {}, "female": {}}
    for dotted, value in values.items():
        role, _, name = dotted.rpartition(".")
        (data[role] if role else data)[name] = value
    return data


def _validated(source: Source, values: dict[str, str | None], issues: list[Issue]) -> Record:
    """The record of the values the schema accepts; each refused one is dropped with an issue."""
    values = dict(values)
    while True:
        try:
            return Record.model_validate(
                {"status": "needs_review", "source": source, "issues": issues, **_nested(values)}
            )
        except ValidationError as exc:
            refused = {".".join(map(str, e["loc"])) for e in exc.errors()} & values.keys()
            if not refused:
                raise
            for dotted in sorted(refused):
                issues.append(Issue(field=dotted, rule=RULE, message=f"{dotted}: unreadable value"))
                values[dotted] = None


def salvage(reading: PageReading, *, source: Source, error: Exception) -> Record | Outcome:
    """A ``needs_review`` record of what could be read, or the quarantine of a non-form page."""
    failure = f"extraction failed: {type(error).__name__}: {error}"
    try:
        layout = analyse(reading)
    except Exception as exc:  # not even the layout: nothing shows a form on this page
        return Outcome(status="quarantined", source=source, reason=f"{failure}; layout: {exc}")
    if not is_form(layout):
        return Outcome(status="quarantined", source=source, reason=f"{failure}; {NO_FORM}")
    read = {dotted: _read(dotted, layout.cells) for dotted in field_names()}
    issues = [Issue(rule=RULE, message=failure)]
    issues += [issue for value in read.values() for issue in value.issues]
    record = _validated(source, {k: v.value for k, v in read.items()}, issues)
    # A value the schema refused was not read at all, whatever its reader thought of it.
    record.confidence = {
        k: round(v.confidence, 4) if record.get(k) is not None else 0.0 for k, v in read.items()
    }
    return record
