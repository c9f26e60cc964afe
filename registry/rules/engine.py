"""The decision: every rule in force on the day, evaluated, and what they add up to."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from hunyin.codes import office_valid_on
from hunyin.errors import InputError
from registry.rules.checks import run_check
from registry.rules.facts import Facts, gather
from registry.rules.outcome import Outcome
from registry.rules.periods import RulePeriod, periods_in_force
from registry.schemas import CaseIn

# Marriage, divorce and reissue need an office with jurisdiction; archive access is settled by
# the original-office rule alone.
_NEEDS_JURISDICTION = ("marriage", "divorce", "reissue")


@dataclass(slots=True)
class Decision:
    """The verdict, each rule period with its outcome, and the facts they were drawn from."""

    decision: str
    results: list[tuple[RulePeriod, Outcome]]
    facts: Facts

    def failed(self) -> list[dict[str, Any]]:
        """The rules that failed, as in the document."""
        return [r for r in self.rule_docs() if r["passed"] is False]

    def rule_docs(self) -> list[dict[str, Any]]:
        """One entry per rule applied: id, passed, message, and where it comes from."""
        return [
            {
                "rule": period.rule,
                "passed": outcome.passed,
                "message": outcome.message,
                "group": period.group,
                "citation": period.citation,
                "in_force": [
                    period.valid_from.isoformat(),
                    period.valid_to.isoformat() if period.valid_to else None,
                ],
                **({"candidates": outcome.candidates} if outcome.verify else {}),
            }
            for period, outcome in self.results
        ]

    def document(self) -> dict[str, Any]:
        """The answer of ``POST /api/v1/eligibility``."""
        case = self.facts.case
        return {
            "decision": self.decision,
            "kind": case.kind,
            "office_code": case.office_code,
            "date": case.day.isoformat(),
            "rules": self.rule_docs(),
            "parties": [
                {
                    "status": p.doc.get("status"),
                    "events": p.doc.get("events", []),
                    "candidates": p.doc.get("candidates", []),
                }
                for p in self.facts.parties
            ],
        }


def _verdict(kind: str, results: list[tuple[RulePeriod, Outcome]]) -> str:
    grants = [o for p, o in results if p.group == "jurisdiction"]
    if any(o.veto for o in grants):
        return "not_eligible"
    if kind in _NEEDS_JURISDICTION and not any(o.passed for o in grants):
        return "not_eligible"
    requirements = [o for p, o in results if p.group == "requirement"]
    if any(o.passed is False for o in requirements):
        return "not_eligible"
    if any(o.verify for _, o in results):
        return "needs_verification"
    return "eligible"


def decide(session: Session, case: CaseIn) -> Decision:
    """Evaluate the case under the rules in force on its day."""
    if not office_valid_on(case.office_code, case.day):
        raise InputError(f"office {case.office_code} did not exist on {case.day}")
    facts = gather(session, case)
    results = [
        (period, run_check(period, facts))
        for period in periods_in_force(session, day=case.day, kind=case.kind)
    ]
    return Decision(decision=_verdict(case.kind, results), results=results, facts=facts)
