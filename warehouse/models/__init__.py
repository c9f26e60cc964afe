"""Every table of the store; importing this module registers them all on ``Base.metadata``."""

from warehouse.models import ledger  # noqa: F401  (declares indexes on import)
from warehouse.models.access import AuditEntry, User
from warehouse.models.base import Base
from warehouse.models.documents import SourceDocument
from warehouse.models.events import MarriageEvent, RulePeriodClosure
from warehouse.models.linkage import LinkModel, LinkPrediction
from warehouse.models.offices import OfficeRow
from warehouse.models.persons import PersonLink, PersonRow
from warehouse.models.provenance import FieldProvenance
from warehouse.models.records import PartyRow, RecordRow
from warehouse.models.registry import (
    Appointment,
    AppointmentDay,
    CertificateSerial,
    CurrentMarriage,
    DivorceApplication,
    OfficeQuota,
    RulePeriodRow,
)
from warehouse.models.review import ReviewTask

__all__ = [
    "Appointment",
    "AppointmentDay",
    "AuditEntry",
    "Base",
    "CertificateSerial",
    "CurrentMarriage",
    "DivorceApplication",
    "FieldProvenance",
    "LinkModel",
    "LinkPrediction",
    "MarriageEvent",
    "OfficeQuota",
    "OfficeRow",
    "PartyRow",
    "PersonLink",
    "PersonRow",
    "RecordRow",
    "ReviewTask",
    "RulePeriodClosure",
    "RulePeriodRow",
    "SourceDocument",
    "User",
]
