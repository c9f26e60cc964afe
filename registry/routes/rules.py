"""``/api/v1/rules``: the rule periods in force; an admin adds or closes a period without a
release, audited."""

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, model_validator

from registry.audit import record_audit
from registry.deps import CurrentUser, SessionDep, require_role
from registry.errors import ApiError
from registry.responses import RulePeriodDocument, errors
from registry.rules.checks import validate_params
from registry.rules.periods import RulePeriod, all_periods, stored_periods
from registry.schemas import Kind
from warehouse.models import RulePeriodClosure, RulePeriodRow, User

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
        "closed_by": period.closed_by,
        **({"in_force": period.in_force(day)} if day else {}),
    }


@router.get("/rules", response_model=list[RulePeriodDocument], responses=errors(401, 422, 503))
def list_rules(
    session: SessionDep, user: CurrentUser, date: dt.date | None = None
) -> list[dict[str, Any]]:
    """Every rule period, shipped and added; with ``date``, whether each is in force then."""
    return [period_doc(p, day=date) for p in all_periods(session)]


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


class ClosureIn(BaseModel):
    """The end of a rule period in force (shipped or added), with the act that ends it."""

    model_config = ConfigDict(extra="forbid")

    rule: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")]
    valid_from: dt.date = Field(description="the first day of the period to close")
    valid_to: dt.date = Field(description="its new last day")
    citation: Annotated[str, Field(min_length=1, max_length=500)]


@router.post(
    "/rules/close",
    response_model=RulePeriodDocument,
    responses=errors(401, 403, 404, 422, 503),
)
def close_rule(session: SessionDep, user: Admin, body: ClosureIn) -> dict[str, Any]:
    """Close a period (for example when a rule is relaxed), without a release; audited. A
    period is only shortened: a longer or later one is a new period."""
    period = next(
        (p for p in all_periods(session) if (p.rule, p.valid_from) == (body.rule, body.valid_from)),
        None,
    )
    if period is None:
        raise ApiError(404, f"no period of {body.rule} from {body.valid_from}")
    if body.valid_to < period.valid_from:
        raise ApiError(422, "valid_to is before the period begins")
    if period.valid_to is not None and body.valid_to > period.valid_to:
        raise ApiError(422, f"the period ends on {period.valid_to} already: add a new period")
    session.add(
        RulePeriodClosure(
            rule=body.rule,
            valid_from=body.valid_from,
            valid_to=body.valid_to,
            citation=body.citation,
            created_by=user.name,
        )
    )
    session.flush()
    record_audit(
        session,
        user=user,
        action="rule_closed",
        purpose="规则维护",
        subject=body.rule,
        details={
            "valid_from": body.valid_from.isoformat(),
            "valid_to": body.valid_to.isoformat(),
            "was": period.valid_to.isoformat() if period.valid_to else None,
            "citation": body.citation,
        },
    )
    closed = next(
        p for p in all_periods(session) if (p.rule, p.valid_from) == (body.rule, body.valid_from)
    )
    return period_doc(closed)
