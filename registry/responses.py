"""The documents the registry answers with, as typed models, so ``/openapi.json`` describes
responses as well as requests.

Routes declare them with ``response_model=…`` and their error answers with ``errors(…)``. The
models are the public shape; the documents themselves are still built by the code that owns
them (``registry.status``, the rule engine, ``registry.live``), so a field added there without
being named here is kept (``extra="allow"``) rather than silently dropped.
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

StatusValue = Literal[
    "no_record", "unmarried", "married", "divorced", "widowed", "unknown", "needs_verification"
]
EventType = Literal[
    "marriage", "divorce", "reissue", "court_divorce", "death", "void", "annulment", "death_revoked"
]


class Document(BaseModel):
    """A response document: the named fields are promised, others may follow."""

    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    code: str = Field(description="machine-readable, English: e.g. `invalid`, `conflict`")
    message: str = Field(description="for people; ID numbers masked")
    details: list[Any] = Field(default_factory=list)


class ErrorDocument(BaseModel):
    """The one error shape of every endpoint."""

    error: ErrorBody


_ERROR_MEANINGS = {
    400: "the request cannot be read",
    401: "no token, or an unknown or inactive one",
    403: "the user's role or office may not do this",
    404: "no such resource",
    409: "a conflicting change got there first",
    422: "the input is invalid, or the case fails a rule in force",
    503: "the store is unavailable for a moment: retry after the time given",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: each error status with the one error shape."""
    return {
        status: {"model": ErrorDocument, "description": _ERROR_MEANINGS[status]}
        for status in statuses
    }


def document_unreadable_bodies(schema: dict[str, Any]) -> dict[str, Any]:
    """Every operation that reads a body answers 400 when the body cannot be read at all (not
    JSON, not UTF-8): the same for every route, so documented here once rather than by each."""
    for methods in schema["paths"].values():
        for operation in methods.values():
            if "requestBody" in operation:
                operation["responses"].setdefault(
                    "400",
                    {
                        "description": _ERROR_MEANINGS[400],
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ErrorDocument"}
                            }
                        },
                    },
                )
    return schema


def _operation_ref(target: str) -> str:
    """``"GET /api/v1/status"`` as a JSON pointer into ``paths``."""
    method, path = target.split(" ", 1)
    return f"#/paths/{path.replace('~', '~0').replace('/', '~1')}/{method.lower()}"


def links(description: str, **targets: tuple[str, dict[str, str]]) -> dict[int | str, Any]:
    """The 201 answer's OpenAPI links: what a client (or a stateful test) may call next with a
    value of the request or the answer; each target is ``("METHOD /path", parameters)``."""
    return {
        201: {
            "description": description,
            "links": {
                name: {"operationRef": _operation_ref(target), "parameters": parameters}
                for name, (target, parameters) in targets.items()
            },
        }
    }


# The status of the first party of a request body: what a registration or a back-capture changed.
STATUS_OF_PARTY = ("GET /api/v1/status", {"id_number": "$request.body#/parties/0/id_number"})


class Spouse(Document):
    name: str | None = None
    id_number_masked: str | None = None


class StatusEvent(Document):
    """One event in a person's history, and how it was tied to the person."""

    type: EventType
    date: str | None = Field(description="ISO date")
    office_code: str | None = None
    certificate_no: str | None = None
    spouse: Spouse
    match: Literal["id", "probable", "candidate"]
    probability: float | None = Field(default=None, ge=0.0, le=1.0)
    record_id: int | None = None


class Person(Document):
    name: str | None = None
    sex: str | None = None
    birth_date: str | None = None
    id_number_masked: str | None = None


class TimelineStep(Document):
    date: str | None
    status: str
    record_id: int | None = None


class StatusDocument(Document):
    """``GET /api/v1/status`` and ``hunyin status --json``."""

    query: dict[str, Any]
    status: StatusValue
    person: Person
    events: list[StatusEvent]
    candidates: list[StatusEvent]
    timeline: list[TimelineStep] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    bigamy: list[list[int]] = Field(default_factory=list)
    threshold: float | None = None


class RuleResult(Document):
    """One rule applied to a case: passed, failed, or null (not applicable or to verify)."""

    rule: str = Field(description="rule id from the domain's rule table")
    passed: bool | None
    message: str
    group: str | None = None
    citation: str | None = None
    in_force: list[str | None] = Field(default_factory=list)
    candidates: list[StatusEvent] | None = None


class PartyOutcome(Document):
    status: str | None
    events: list[StatusEvent] = Field(default_factory=list)
    candidates: list[StatusEvent] = Field(default_factory=list)


class Decision(Document):
    """``POST /api/v1/eligibility``."""

    decision: Literal["eligible", "not_eligible", "needs_verification"]
    kind: str
    office_code: str
    date: str
    rules: list[RuleResult]
    parties: list[PartyOutcome]


class RecordParty(Document):
    role: str
    name: str | None = None
    sex: str | None = None
    birth_date: str | None = None
    id_number_masked: str | None = None


class DivorceApplicationDocument(Document):
    """A divorce application and the days of its cooling-off period."""

    application_id: int
    state: str
    office_code: str
    applied_on: str
    cooling_off_ends: str
    complete_from: str
    complete_by: str
    ended_on: str | None = None
    record_id: int | None = None


class StoredRecord(Document):
    """A record as the registry wrote it (ID numbers masked)."""

    record_id: int | None = None
    record_type: str | None = None
    certificate_no: str | None = None
    registration_date: str | None = None
    office_code: str | None = None
    office_name: str | None = None
    registrar: str | None = None
    source_kind: str | None = None
    parties: list[RecordParty] = Field(default_factory=list)


class Registration(StoredRecord):
    """``POST /api/v1/registrations``: the stored record, or the divorce application opened."""

    application: DivorceApplicationDocument | None = None
    rules: list[RuleResult]


class LinkedParty(Document):
    """The person of the index a party was linked to."""

    role: str
    person_id: int | None = None
    match: str | None = None


class BackCapture(StoredRecord):
    """``POST /api/v1/back-captures``: the stored record, the rules' remarks, its persons."""

    record_id: int
    source_kind: Literal["back_capture"]
    issues: list[dict[str, Any]]
    persons: list[LinkedParty]


class Evidence(Document):
    document: str
    number: str | None = None
    issuer: str | None = None
    date: str | None = None


class MarriageEventDocument(Document):
    """``POST /api/v1/events``: the stored death, court divorce, void or annulled marriage."""

    event_id: int
    type: Literal["court_divorce", "death", "void", "annulment", "death_revoked"]
    date: str
    marriage_record_id: int | None = None
    role: str | None = None
    person: Person
    evidence: Evidence
    archive_note: str = Field(description="the 备注 written on the original archive")
    office_code: str | None = None
    source_kind: str


class RulePeriodDocument(Document):
    rule: str
    test: str
    group: str
    kinds: list[str]
    valid_from: str
    valid_to: str | None = None
    citation: str | None = None
    summary: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    source: str | None = None
    in_force: bool | None = None
    closed_by: str | None = Field(default=None, description="the admin who closed the period")


class AuditEntryDocument(Document):
    id: int
    at: str
    user: str | None = None
    office_code: str | None = None
    action: str
    purpose: str | None = None
    subject: str | None = None
    details: Any = None


class AuditPage(Document):
    total: int
    entries: list[AuditEntryDocument]


class QuotaDocument(Document):
    office_code: str
    date: str
    daily_quota: int | None = None
    booked: int = 0


class AppointmentDocument(Document):
    appointment_id: int
    office_code: str
    date: str
    kind: str
    names: str
    channel: str
    state: str


class ReviewTask(Document):
    record_id: int


class TaskList(Document):
    items: list[ReviewTask]


class ReviewRecord(Document):
    """A record as the steward's review shows it (ID numbers masked)."""

    record_id: int
    status: str
    office_code: str | None = None
    batch: str | None = None
    task: dict[str, Any] | None = None
    scan: bool
    issues: list[dict[str, Any]] = Field(default_factory=list)
    fields: list[dict[str, Any]] = Field(default_factory=list)
    regions: Any = None


class Health(Document):
    status: str
