"""From a read page to a record: label-anchored fields, cross-field checks, routing."""

from datetime import date

from hunyin.schema import (
    PARTY_FIELDS,
    FieldReading,
    Issue,
    Outcome,
    Party,
    Record,
    Region,
    Source,
)
from ocr import crosscheck, idchoice
from ocr.engines.base import Box
from ocr.fields import read_field
from ocr.forms import forms, routing
from ocr.layout import Layout, analyse
from ocr.reading import PageReading
from ocr.values import FieldValue

# A page is one of the known forms when its title is read, or this many labelled values, or
# this many printed labels (a form whose values are all unreadable still goes to a steward).
_MIN_VALUES = 3
_MIN_LABELS = 6
_READ_FIELDS = ("registration_date", "office_name", "certificate_no", "registrar")
# Share of a value's region a second engine's line must cover to count as a reading of it.
_COVERED = 0.8


def _second_opinions(reading: PageReading, value: FieldValue) -> list[idchoice.Candidate]:
    """Other engines' readings of the region the main engine read this value from: a line
    that covers most of the value's region (it may also cover a label read on the same line)."""
    if value.region is None:
        return []
    return [
        idchoice.Candidate(line.text, line.score, other.engine)
        for other in reading.readings[1:]
        for line in other.lines
        if _covered(value.region, line.box) >= _COVERED
    ]


def _covered(region: Box, box: Box) -> float:
    """The share of ``region`` that ``box`` covers."""
    width = min(region[2], box[2]) - max(region[0], box[0])
    height = min(region[3], box[3]) - max(region[1], box[1])
    area = (region[2] - region[0]) * (region[3] - region[1])
    return max(width, 0) * max(height, 0) / area if area > 0 else 0.0


def _confirm(value: FieldValue, others: list[idchoice.Candidate]) -> None:
    """A value another engine read the same way is as sure as two engines agreeing."""
    if value.value and not value.issues and any(c.text == value.value for c in others):
        value.confidence = max(value.confidence, routing()["agreement_confidence"])


def _engine_of(reading: PageReading, name: str | None) -> tuple[str, str]:
    chosen = next((r for r in reading.readings if r.engine == name), reading.readings[0])
    return chosen.engine, chosen.version


NO_FORM = "no registration form recognised on the page"


def is_form(layout: Layout) -> bool:
    """Whether the page is one of the known forms: its title, enough labelled values, or
    enough printed labels (a form whose values are all unreadable still goes to a steward)."""
    found = sum(len(v) for v in layout.cells.values())
    return layout.title_type is not None or found >= _MIN_VALUES or layout.labels >= _MIN_LABELS


def field_names() -> list[str]:
    """The dotted fields read from a form's labels, in reading order."""
    parties = [f"{role}.{name}" for role in ("male", "female") for name in PARTY_FIELDS]
    return [*_READ_FIELDS, *parties]


def extract_page(reading: PageReading, *, source: Source) -> Record | Outcome:
    """The record on a page, with a confidence per field and the reasons for any doubt."""
    if reading.blank:
        return Outcome(status="blank", source=source, reason="blank page: no text found")
    layout = analyse(reading)
    if not is_form(layout):
        return Outcome(status="quarantined", source=source, reason=NO_FORM)
    values = {f: read_field(f, layout.cells.get(f)) for f in field_names()}
    for key, value in values.items():
        if value.value is None and not key.endswith("id_number"):
            value.doubt("missing", f"{key} not found on the page")
    winners: dict[str, str | None] = {}
    for role in ("male", "female"):
        key = f"{role}.id_number"
        values[key], winners[key] = idchoice.choose(
            values[key],
            _second_opinions(reading, values[key]),
            birth=values[f"{role}.birth_date"].value,
            sex=values[f"{role}.sex"].value,
        )
    _confirm(values["certificate_no"], _second_opinions(reading, values["certificate_no"]))
    crosscheck.check_wraps(values)
    crosscheck.check_dates(values)
    number = crosscheck.check_number(values)
    registered = values["registration_date"].value
    for role in ("male", "female"):
        crosscheck.check_party(values, role, date.fromisoformat(registered) if registered else None)
    sources = [
        layout.title_type,
        forms().certificate_label_type.get(layout.certificate_label or ""),
    ]
    values["record_type"] = crosscheck.record_type(
        [*sources, number.record_type if number else None]
    )
    values["office_code"] = crosscheck.check_office(values, number)
    return _record(reading, source, values, winners)


def _threshold(dotted: str) -> float:
    knobs = routing()
    name = dotted.rsplit(".", 1)[-1]
    if name in knobs["field_thresholds"]:
        return float(knobs["field_thresholds"][name])
    closed = name in knobs["closed_set_fields"]
    return float(knobs["closed_set_threshold"] if closed else knobs["accept_threshold"])


def settled(confidence: dict[str, float], issues: list[Issue]) -> bool:
    """Whether a record may be accepted without a human: every field as sure as its bar and
    no doubt (a warning only says how a value was read; its confidence decides)."""
    sure = all(value >= _threshold(key) for key, value in confidence.items())
    return sure and not any(issue.severity != "warning" for issue in issues)


def _record(
    reading: PageReading,
    source: Source,
    values: dict[str, FieldValue],
    winners: dict[str, str | None],
) -> Record:
    parties = {
        role: Party.model_validate({name: values[f"{role}.{name}"].value for name in PARTY_FIELDS})
        for role in ("male", "female")
    }
    readings = []
    for key, value in values.items():
        engine, version = _engine_of(reading, winners.get(key))
        region = (
            Region(x0=value.region[0], y0=value.region[1], x1=value.region[2], y1=value.region[3])
            if value.region
            else None
        )
        readings.append(
            FieldReading(
                field=key,
                value=value.value,
                engine=engine,
                engine_version=version,
                confidence=round(value.confidence, 4),
                region=region,
            )
        )
    issues = [issue for value in values.values() for issue in value.issues]
    confidence = {k: round(v.confidence, 4) for k, v in values.items()}
    return Record(
        status="accepted" if settled(confidence, issues) else "needs_review",
        source=source,
        record_type=values["record_type"].value,  # type: ignore[arg-type]
        registration_date=values["registration_date"].value,  # type: ignore[arg-type]
        office_code=values["office_code"].value,
        office_name=values["office_name"].value,
        certificate_no=values["certificate_no"].value,
        registrar=values["registrar"].value,
        male=parties["male"],
        female=parties["female"],
        confidence=confidence,
        issues=issues,
        readings=readings,
    )
