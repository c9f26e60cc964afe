"""Fixity: every stored source file hashed again against the SHA-256 taken at intake.

Each file checked is one event in the audit log (PREMIS' "fixity check": when, what, outcome),
so an archivist can show when a scan was last known to be the file that was read.
"""

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from hunyin.digest import sha256_of
from warehouse.auditlog import append_events, system_event
from warehouse.models import SourceDocument

Outcome = Literal["ok", "altered", "missing"]
ACTOR = "system:fixity"
ACTION = "fixity_check"


@dataclass(frozen=True, slots=True)
class FileCheck:
    document_id: int
    path: str
    kind: str
    outcome: Outcome
    expected_sha256: str
    found_sha256: str | None


@dataclass(slots=True)
class FixityReport:
    checked: int = 0
    ok: int = 0
    altered: int = 0
    missing: int = 0
    problems: list[FileCheck] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        """The document ``hunyin fixity --json`` prints."""
        return {
            "checked": self.checked,
            "ok": self.ok,
            "altered": self.altered,
            "missing": self.missing,
            "problems": [asdict(p) for p in self.problems],
        }


def _check(doc: SourceDocument) -> FileCheck:
    path = Path(doc.path)
    found: str | None = None
    outcome: Outcome = "missing"
    if path.is_file():
        try:
            found = sha256_of(path)
            outcome = "ok" if found == doc.sha256 else "altered"
        except OSError:  # unreadable now (permissions, a vanished mount): not the stored file
            outcome = "missing"
    return FileCheck(doc.id, doc.path, doc.kind, outcome, doc.sha256, found)


def check_fixity(session: Session) -> FixityReport:
    """Hash every stored source file again, log one audit event per file, report problems."""
    report = FixityReport()
    docs = session.scalars(select(SourceDocument).order_by(SourceDocument.id))
    events = []
    for doc in docs:
        result = _check(doc)
        report.checked += 1
        if result.outcome == "ok":
            report.ok += 1
        else:
            report.problems.append(result)
            if result.outcome == "altered":
                report.altered += 1
            else:
                report.missing += 1
        events.append(
            system_event(
                actor=ACTOR,
                action=ACTION,
                purpose="fixity check of a stored source file",
                subject=f"source document {doc.id}",
                details={
                    "outcome": result.outcome,
                    "path": result.path,
                    "algorithm": "SHA-256",
                    "expected": result.expected_sha256,
                    "found": result.found_sha256,
                },
            )
        )
    append_events(session, events=events)
    return report
