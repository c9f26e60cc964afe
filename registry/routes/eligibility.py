"""``POST /api/v1/eligibility``: a couple's case under the rules in force, audited."""

from typing import Annotated, Any

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask
from registry.audit import record_audit
from registry.deps import autocommitted, ensure_acts_for, require_role
from registry.responses import Decision, errors
from registry.rules.engine import Decision as Outcome
from registry.rules.engine import decide
from registry.schemas import CaseIn
from warehouse.models import User

router = APIRouter(prefix="/api/v1", tags=["eligibility"])
Registrar = Annotated[User, require_role("registrar", "admin")]


def case_subject(case: CaseIn) -> str:
    """The parties of a case as the audit log names them (ID numbers masked)."""
    return "、".join(f"{p.name} {mask(p.id_number) or ''}".strip() for p in case.parties)


def check(session: Session, *, user: User, case: CaseIn) -> Outcome:
    """Decide the case for the user's office and audit the check (pages use it too)."""
    ensure_acts_for(user, case.office_code)
    decision = decide(session, case)
    record_audit(
        session,
        user=user,
        action="eligibility_check",
        purpose=case.purpose or "登记条件审查",
        subject=case_subject(case),
        id_numbers=[p.id_number for p in case.parties],
        details={
            "kind": case.kind,
            "office_code": case.office_code,
            "date": case.day.isoformat(),
            "decision": decision.decision,
        },
    )
    return decision


@router.post("/eligibility", response_model=Decision, responses=errors(401, 403, 422, 503))
async def post_eligibility(request: Request, user: Registrar, case: CaseIn) -> dict[str, Any]:
    """Every rule in force on the day applied, each passed, failed or null with a reason.

    Reads and then one audit row, as a status query: statements of their own, the row durable
    before the answer is built.
    """
    return await autocommitted(
        request, lambda session: check(session, user=user, case=case).document()
    )
