"""One registration request from eligibility to the stored record."""

from typing import Any

from sqlalchemy.orm import Session

from hunyin.errors import ConflictError
from registry.deps import ensure_acts_for
from registry.errors import ApiError
from registry.live import divorce
from registry.live.marriage import (
    already_married_to_each_other,
    claim_parties,
    register_marriage,
)
from registry.live.records import record_doc
from registry.live.reissue import register_reissue
from registry.rules.engine import Decision, decide
from registry.schemas import CaseIn
from warehouse.models import User


def _refuse(decision: Decision) -> ApiError:
    if decision.decision == "needs_verification":
        unsure = [r for r in decision.rule_docs() if r["passed"] is None and "candidates" in r]
        return ApiError(
            422,
            "a probable prior record needs manual verification first",
            code="needs_verification",
            details=unsure,
        )
    return ApiError(
        422,
        "the case does not meet the rules in force",
        code="not_eligible",
        details=decision.failed(),
    )


def _check_input(case: CaseIn) -> None:
    # The day is the office's today already (``routes.registrations.registration``): checked
    # against the machine's clock, which runs eight hours behind, it was "in the future" every
    # evening after 16:00 UTC.
    if case.kind == "archive_access":
        raise ApiError(422, "archive access is checked, not registered: use /api/v1/eligibility")
    unnumbered = [p.name for p in case.parties if p.residency == "mainland" and p.id18 is None]
    if unnumbered:
        raise ApiError(422, f"a live registration needs the ID number of {'、'.join(unnumbered)}")


def register(session: Session, *, case: CaseIn, user: User) -> dict[str, Any]:
    """Check the case, then record it: the new record (or a divorce application, which has no
    record yet) with the rules applied; raises ApiError (422) or ConflictError (409)."""
    ensure_acts_for(user, case.office_code)
    _check_input(case)
    if case.kind == "divorce":
        divorce.expire_lapsed(session, case)
    # The claims come first, so that the decision reads the store after any rival's commit.
    claims = claim_parties(session, case=case) if case.kind == "marriage" else []
    decision = decide(session, case)
    if decision.decision != "eligible":
        if case.kind == "marriage" and (same := already_married_to_each_other(decision)):
            raise ConflictError(f"this marriage is registered already: {same['certificate_no']}")
        raise _refuse(decision)
    rules = decision.rule_docs()
    if case.kind == "marriage":
        if claims is None:
            # Eligible by the store, yet a live marriage of a party stands: never a second one.
            raise ConflictError("a party was married by another registration just now")
        row = register_marriage(session, decision=decision, claims=claims, registrar=user.name)
        return {**record_doc(row), "rules": rules}
    if case.kind == "reissue":
        row = register_reissue(session, decision=decision, registrar=user.name)
        return {**record_doc(row), "rules": rules}
    application = decision.facts.application
    cooling = any(period.test == "cooling_off" for period, _ in decision.results)
    if application is None and cooling:
        application = divorce.apply(session, case=case, registrar=user.name)
        return {"application": divorce.application_doc(session, application), "rules": rules}
    # Before the cooling-off rule (2021) a divorce was registered on the day it was asked for.
    row = divorce.complete(session, decision=decision, application=application, registrar=user.name)
    return {
        **record_doc(row),
        "application": divorce.application_doc(session, application) if application else None,
        "rules": rules,
    }
