"""``/api/v1/rules``: the rule periods in force; an admin adds a period without a release."""

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, model_validator

from registry.audit import record_audit
from registry.deps import CurrentUser, SessionDep, require_role
from registry.responses import RulePeriodDocument, errors
from registry.rules.checks import validate_params
from registry.rules.periods import RulePeriod, shipped_periods, stored_periods
from registry.schemas import Kind
from warehouse.models import RulePeriodRow, User

router = APIRouter(prefix="/api/v1", tags=["rules"])
Admin = Annotated[User, require_role("admin")]


class RulePeriodIn(BaseModel):
    """A new rule period: which generic test, with which parameters, over which days."""

    model_config = ConfigDict(extra="forbid")

    rule: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")]
    test: Annotated[str, Field(max_length=32)]
    group: Literal["jurisdiction", "requirement"]
    kinds: Annotated[list[Kind], Field(min_length=1)]
    valid_from: dt.date
    valid_to: dt.date | None = None
    citation: Annotated[str, Field(min_length=1, max_length=500)]
    summary: Annotated[str, Field(min_length=1, max_length=1000)]
    params: dict[str, Any] = {}

    @model_validator(mode="after")
    def _consistent(self) -> "RulePeriodIn":
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        self.params = validate_params(self.test, self.params)
        return self


def period_doc(period: RulePeriod, *, day: dt.date | None = None) -> dict[str, Any]:
    """A rule period as the API lists it."""
    return {
        "rule": period.rule,
        "test": period.test,
        "group": period.group,
        "kinds": list(period.kinds),
        "valid_from": period.valid_from.isoformat(),
        "valid_to": period.valid_to.isoformat() if period.valid_to else None,
        "citation": period.citation,
        "summary": period.summary,
        "params": period.params,
        "source": period.source,
        **({"in_force": period.in_force(day)} if day else {}),
    }


@router.get("/rules", response_model=list[RulePeriodDocument], responses=errors(401, 422, 503))
def list_rules(
    session: SessionDep, user: CurrentUser, date: dt.date | None = None
) -> list[dict[str, Any]]:
    """Every rule period, shipped and added; with ``date``, whether each is in force then."""
    return [period_doc(p, day=date) for p in (*shipped_periods(), *stored_periods(session))]


@router.post(
    "/rules",
    status_code=201,
    response_model=RulePeriodDocument,
    responses=errors(401, 403, 422, 503),
)
def add_rule(session: SessionDep, user: Admin, body: RulePeriodIn) -> dict[str, Any]:
    """Add a rule period (for example a later province-wide rule); audited."""
    row = RulePeriodRow(
        rule=body.rule,
        test=body.test,
        rule_group=body.group,
        kinds=list(body.kinds),
        valid_from=body.valid_from,
        valid_to=body.valid_to,
        citation=body.citation,
        summary=body.summary,
        params=body.params,
        created_by=user.name,
    )
    session.add(row)
    session.flush()
    record_audit(
        session,
        user=user,
        action="rule_added",
        purpose="规则维护",
        subject=body.rule,
        details={"valid_from": body.valid_from.isoformat(), "test": body.test},
    )
    return period_doc(stored_periods(session)[-1])
