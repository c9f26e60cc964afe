"""The record schema of ``domain.md`` as it travels between reading, validation and the store.

``hunyin extract`` writes these as JSON Lines; ledgers and live registrations produce the same
shape, so one loader serves all three sources.
"""

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

RecordType = Literal["marriage", "divorce", "reissue"]
RecordStatus = Literal["accepted", "needs_review"]
Role = Literal["male", "female"]
PARTY_FIELDS = (
    "name",
    "sex",
    "birth_date",
    "id_number",
    "ethnicity",
    "hukou",
    "occupation",
    "education",
    "prior_status",
)
RECORD_FIELDS = (
    "record_type",
    "registration_date",
    "office_code",
    "office_name",
    "certificate_no",
    "registrar",
)


class Party(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    sex: str | None = None
    birth_date: date | None = None
    id_number: str | None = None
    ethnicity: str | None = None
    hukou: str | None = None
    occupation: str | None = None
    education: str | None = None
    prior_status: str | None = None


class Source(BaseModel):
    """Where a record came from: a file (relative path) and page, or a ledger row."""

    file: str
    page: int | None = None
    row: int | None = None
    sha256: str | None = None


class Issue(BaseModel):
    field: str | None = None
    rule: str
    message: str
    severity: Literal["error", "anomaly", "warning"] = "error"


class Region(BaseModel):
    """A box on the page, in pixels of the page as read."""

    x0: int
    y0: int
    x1: int
    y1: int


class FieldReading(BaseModel):
    """Provenance of one field: which engine read what, where, how sure."""

    field: str
    value: str | None
    engine: str
    engine_version: str | None = None
    confidence: float
    region: Region | None = None


class Record(BaseModel):
    """One registration event of one couple, with what the machine thinks of it."""

    status: RecordStatus = "needs_review"
    source: Source
    record_type: RecordType | None = None
    registration_date: date | None = None
    office_code: str | None = None
    office_name: str | None = None
    certificate_no: str | None = None
    registrar: str | None = None
    male: Party = Field(default_factory=Party)
    female: Party = Field(default_factory=Party)
    confidence: dict[str, float] = Field(default_factory=dict)
    issues: list[Issue] = Field(default_factory=list)
    readings: list[FieldReading] = Field(default_factory=list, exclude=True)

    def party(self, role: Role) -> Party:
        return self.male if role == "male" else self.female

    def get(self, field: str) -> Any:
        """A field by its dotted name, e.g. ``male.id_number``."""
        if "." in field:
            role, name = field.split(".", 1)
            return getattr(self.party(role), name)  # type: ignore[arg-type]
        return getattr(self, field)


class Outcome(BaseModel):
    """A file or page that holds no record."""

    status: Literal["quarantined", "blank"]
    source: Source
    reason: str


def dotted_fields() -> list[str]:
    """Every field of a record, dotted: ``record_type`` … ``female.prior_status``."""
    return [*RECORD_FIELDS] + [f"{r}.{f}" for r in ("male", "female") for f in PARTY_FIELDS]
