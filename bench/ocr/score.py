"""Scoring extracted records against truth: field accuracy, ID accuracy, accepted errors."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hunyin.domain.idnumber import mask
from hunyin.schema import Record

CORE_FIELDS = (
    "record_type",
    "registration_date",
    "office_code",
    "certificate_no",
    *(
        f"{role}.{name}"
        for role in ("male", "female")
        for name in ("name", "sex", "birth_date", "id_number", "ethnicity", "hukou")
    ),
)


def truth_value(truth: dict[str, Any], dotted: str) -> Any:
    """A field of a truth row by its dotted name."""
    if "." in dotted:
        role, name = dotted.split(".", 1)
        return (truth.get(role) or {}).get(name)
    return truth.get(dotted)


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Miss:
    """One wrong core field: where, what was expected and read (ID numbers masked), and
    whether its record was accepted (the worst failure)."""

    file: str
    page: int
    field: str
    expected: str | None
    got: str | None
    accepted: bool


@dataclass(slots=True)
class Score:
    """Counts over a batch; ``misses`` lists every wrong core field."""

    records: int = 0
    accepted: int = 0
    fields: int = 0
    correct: int = 0
    ids: int = 0
    ids_correct: int = 0
    accepted_fields: int = 0
    accepted_wrong: int = 0
    missing_records: int = 0
    misses: list[Miss] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        """The figures the benchmark prints."""
        return {
            "records": self.records,
            "missing_records": self.missing_records,
            "field_accuracy": _ratio(self.correct, self.fields),
            "id_accuracy": _ratio(self.ids_correct, self.ids),
            "share_accepted": _ratio(self.accepted, self.records),
            "accepted_field_error_rate": _ratio(self.accepted_wrong, self.accepted_fields),
        }

    def by_field(self) -> dict[str, dict[str, int]]:
        """Per core field: how many records read it wrong, and how many of those were
        accepted; fields with no miss are left out."""
        counts: dict[str, dict[str, int]] = {}
        for miss in self.misses:
            row = counts.setdefault(miss.field, {"wrong": 0, "accepted_wrong": 0})
            row["wrong"] += 1
            row["accepted_wrong"] += miss.accepted
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]["wrong"]))


def _shown(dotted: str, value: str | None) -> str | None:
    """A value as a report may show it: ID numbers masked."""
    return mask(value) if dotted.endswith("id_number") else value


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def score(records: Iterable[Record], truths: list[dict[str, Any]]) -> Score:
    """Compare records (by file and page) with truth rows; a record never read counts as wrong."""
    found = {(r.source.file, r.source.page): r for r in records}
    result = Score()
    for truth in truths:
        result.records += 1
        record = found.get((truth["file"], truth["page"]))
        if record is None:
            result.missing_records += 1
        for dotted in CORE_FIELDS:
            expected = _as_text(truth_value(truth, dotted))
            got = _as_text(record.get(dotted)) if record else None
            ok = record is not None and got == expected
            result.fields += 1
            result.correct += ok
            if dotted.endswith("id_number"):
                result.ids += 1
                result.ids_correct += ok
            accepted = record is not None and record.status == "accepted"
            if accepted:
                result.accepted_fields += 1
                result.accepted_wrong += not ok
            if not ok:
                result.misses.append(
                    Miss(
                        truth["file"],
                        truth["page"],
                        dotted,
                        _shown(dotted, expected),
                        _shown(dotted, got),
                        accepted,
                    )
                )
        result.accepted += record is not None and record.status == "accepted"
    return result
