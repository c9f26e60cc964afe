"""What the store knows about a case's parties: confirmed and probable events, open
applications. Gathered once per decision, so every check sees the same picture."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.rules.target import Target, find_target
from registry.schemas import CaseIn, PartyIn
from registry.status import event_doc, status_and_namesakes, status_by_name
from warehouse.models import DivorceApplication


@dataclass(slots=True)
class PartyFacts:
    """One party's history: ``confirmed`` events share the ID number, ``probable`` do not."""

    party: PartyIn
    doc: dict[str, Any]
    confirmed: list[dict[str, Any]] = field(default_factory=list)
    probable: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Facts:
    """The case and everything the store says about it."""

    case: CaseIn
    parties: list[PartyFacts]
    application: DivorceApplication | None
    target: Target | None = None


def party_facts(session: Session, party: PartyIn) -> PartyFacts:
    """The party's status document and its events split into confirmed and probable."""
    if party.id18 is None:
        if party.birth_date is None:
            doc: dict[str, Any] = {"query": {"name": party.name}, "status": "unknown", "events": []}
            return PartyFacts(party=party, doc=doc)
        doc = status_by_name(session, name=party.name, birth_date=party.birth_date)
        # Without a number nothing is confirmed: every event found is only probable.
        return PartyFacts(party=party, doc=doc, probable=doc["events"] + doc["candidates"])
    # With the events of parties of the same name and birth date but no ID number: maybe
    # this person.
    doc, namesakes = status_and_namesakes(
        session, id_number=party.id18, name=party.name, birth_date=party.birth_date
    )
    confirmed = [e for e in doc["events"] if e.get("match") == "id"]
    probable = [e for e in doc["events"] if e.get("match") != "id"] + doc.get("candidates", [])
    seen = {e["record_id"] for e in doc["events"] + probable}
    unnumbered = [event_doc(e, match="candidate", probability=e.probability) for e in namesakes]
    extra = [e for e in unnumbered if e["record_id"] not in seen]
    doc = {**doc, "candidates": [*doc.get("candidates", []), *extra]}
    return PartyFacts(party=party, doc=doc, confirmed=confirmed, probable=probable + extra)


def couple_key(case: CaseIn) -> str | None:
    """Both parties' 18-digit keys, sorted and joined; None unless both have one."""
    keys = sorted(p.id18 for p in case.parties if p.id18)
    return ":".join(keys) if len(keys) == 2 else None


def open_application(session: Session, case: CaseIn) -> DivorceApplication | None:
    """The couple's open divorce application, if any."""
    key = couple_key(case)
    if case.kind != "divorce" or key is None:
        return None
    return session.scalar(select(DivorceApplication).where(DivorceApplication.open_key == key))


def _without(facts: PartyFacts, record_ids: set[int]) -> PartyFacts:
    """The party's facts less the probable records a registrar verified to be someone else."""
    facts.probable = [e for e in facts.probable if e["record_id"] not in record_ids]
    return facts


def gather(session: Session, case: CaseIn) -> Facts:
    """Everything the checks need from the store for this case."""
    distinct = set(case.verified_distinct)
    parties = [_without(party_facts(session, p), distinct) for p in case.parties]
    return Facts(
        case=case,
        parties=parties,
        application=open_application(session, case),
        target=find_target(session, case, [p.confirmed + p.probable for p in parties]),
    )
