"""Every table of the store; importing this module registers them all on ``Base.metadata``."""

from warehouse.models.access import AuditEntry, User
from warehouse.models.base import Base
from warehouse.models.documents import SourceDocument
from warehouse.models.linkage import LinkModel, LinkPrediction
from warehouse.models.offices import OfficeRow
from warehouse.models.persons import PersonLink, PersonRow
from warehouse.models.provenance import FieldProvenance
from warehouse.models.records import PartyRow, RecordRow
from warehouse.models.review import ReviewTask

__all__ = [
    "AuditEntry",
    "Base",
    "FieldProvenance",
    "LinkModel",
    "LinkPrediction",
    "OfficeRow",
    "PartyRow",
    "PersonLink",
    "PersonRow",
    "RecordRow",
    "ReviewTask",
    "SourceDocument",
    "User",
]
