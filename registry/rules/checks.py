"""The generic checks a rule period may name (its ``test``), each with its parameter model."""

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from registry.rules import history, jurisdiction, originals
from registry.rules.facts import Facts
from registry.rules.outcome import Outcome
from registry.rules.periods import RulePeriod

Check = Callable[[Any, Facts], Outcome]

CHECKS: dict[str, tuple[type[BaseModel], Check]] = {
    "hukou_office": (jurisdiction.NoParams, jurisdiction.hukou_office),
    "regional_any_office": (jurisdiction.RegionParams, jurisdiction.regional_any_office),
    "regional_military": (jurisdiction.RegionParams, jurisdiction.regional_military),
    "regional_exclusions": (jurisdiction.ExclusionParams, jurisdiction.regional_exclusions),
    "any_office": (jurisdiction.AnyOfficeParams, jurisdiction.any_office),
    "designated_office": (jurisdiction.DesignatedParams, jurisdiction.designated_office),
    "original_office": (jurisdiction.NoParams, originals.original_office),
    "original_or_hukou_office": (jurisdiction.NoParams, originals.original_or_hukou_office),
    "reissue_conditions": (originals.ReissueParams, originals.reissue_conditions),
    "min_age": (history.AgeParams, history.min_age),
    "not_married": (jurisdiction.NoParams, history.not_married),
    "married_to_each_other": (history.CoupleParams, history.married_to_each_other),
    "cooling_off": (history.CoolingParams, history.cooling_off),
    "declared_status": (jurisdiction.NoParams, history.declared_status),
}


def validate_params(test: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters checked against the test's model; ValueError for an unknown test."""
    if test not in CHECKS:
        raise ValueError(f"unknown test {test}; one of {', '.join(sorted(CHECKS))}")
    return CHECKS[test][0].model_validate(params).model_dump()


def run_check(period: RulePeriod, facts: Facts) -> Outcome:
    """Evaluate one rule period on the case."""
    model, check = CHECKS[period.test]
    return check(model.model_validate(period.params), facts)
