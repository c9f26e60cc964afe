"""The printed vocabulary of the forms and the routing knobs, read from the package's data."""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(files("ocr.data").joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Label:
    """A printed label: its text, the field it anchors, and whether it belongs to a party."""

    text: str
    field: str
    per_party: bool


@dataclass(frozen=True, slots=True)
class Forms:
    """Titles, labels, headers and seal words of the three form families."""

    titles: dict[str, str]
    labels: tuple[Label, ...]
    certificate_label_type: dict[str, str]
    male_headers: tuple[str, ...]
    female_headers: tuple[str, ...]
    other_headers: tuple[str, ...]
    printed_phrases: tuple[str, ...]
    seal_words: tuple[str, ...]
    lone_values: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def forms() -> Forms:
    """The form vocabulary; labels longest first so that prefixes never shadow them."""
    raw = _load("forms.toml")
    labels = [
        Label(text, field, per_party)
        for table, per_party in (("party_labels", True), ("record_labels", False))
        for field, texts in raw[table].items()
        for text in texts
    ]
    return Forms(
        titles={text: kind for kind, texts in raw["titles"].items() for text in texts},
        labels=tuple(sorted(labels, key=lambda lab: -len(lab.text))),
        certificate_label_type=dict(raw["certificate_label_type"]),
        male_headers=tuple(raw["headers"]["male"]),
        female_headers=tuple(raw["headers"]["female"]),
        other_headers=tuple(raw["headers"]["other"]),
        printed_phrases=tuple(raw["printed"]["phrases"]),
        seal_words=tuple(raw["seal"]["words"]),
        lone_values={label: tuple(v) for label, v in raw["lone_values"].items()},
    )


@lru_cache(maxsize=1)
def routing() -> dict[str, Any]:
    """Thresholds and vocabularies of confidence and routing."""
    return _load("routing.toml")
