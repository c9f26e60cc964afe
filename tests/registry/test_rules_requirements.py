"""Age boundaries by era, prior marriages (confirmed and probable), original-office rules."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from registry.rules.engine import decide
from registry.schemas import CaseIn
from tests.registry.people import archive_marriage, bride, case, groom, party
from warehouse.db import transaction

Evaluate = Callable[[dict[str, Any]], dict[str, Any]]


def rule(doc: dict[str, Any], rule_id: str) -> dict[str, Any]:
    return next(r for r in doc["rules"] if r["rule"] == rule_id)


def years_before(day: date, years: int, *, days_more: int = 0) -> date:
    return date(day.year - years, day.month, day.day) + timedelta(days=days_more)


@pytest.mark.parametrize(
    ("day", "man", "woman", "passed"),
    [
        # 1950 婚姻法: 20 / 18, up to 1980-12-31.
        (date(1980, 12, 31), (20, 0), (18, 0), True),
        (date(1980, 12, 31), (20, 1), (18, 0), False),
        (date(1980, 12, 31), (20, 0), (18, 1), False),
        # 1980 婚姻法 from 1981-01-01: 22 / 20.
        (date(1981, 1, 1), (20, 0), (20, 0), False),
        (date(1981, 1, 1), (22, 0), (20, 0), True),
        (date(1981, 1, 1), (22, 0), (19, 0), False),
        # 民法典 from 2021-01-01: 22 / 20, to the day.
        (date(2021, 1, 1), (22, 0), (20, 0), True),
        (date(2021, 1, 1), (22, 1), (20, 0), False),
        (date(2023, 6, 1), (22, 0), (20, 1), False),
    ],
)
def test_minimum_age_by_era(
    evaluate: Evaluate, day: date, man: tuple[int, int], woman: tuple[int, int], passed: bool
) -> None:
    """(years, days_more): born that many years (and days later) before the day."""
    # 双柏县 (532322) has had one code throughout.
    he = party("王强", "男", years_before(day, man[0], days_more=man[1]), hukou="532322")
    she = party(
        "赵敏", "女", years_before(day, woman[0], days_more=woman[1]), hukou="532322", seq=2
    )
    doc = evaluate(case(day=day.isoformat(), office="532322", parties=[he, she]))
    assert rule(doc, "min-age")["passed"] is passed
    assert doc["decision"] == ("eligible" if passed else "not_eligible")


def test_min_age_period_cited_is_the_one_in_force(evaluate: Evaluate) -> None:
    couple = [groom(hukou="532322"), bride(hukou="532322")]
    for day, source in (("1980-12-31", "1950"), ("1981-01-01", "1980")):
        doc = evaluate(case(day=day, office="532322", parties=couple))
        assert source in rule(doc, "min-age")["citation"]
    assert "民法典" in rule(evaluate(case(day="2021-01-01")), "min-age")["citation"]


def test_no_rule_before_1950_means_no_registration(evaluate: Evaluate) -> None:
    he = party("王强", "男", date(1920, 1, 1))
    she = party("赵敏", "女", date(1922, 1, 1), seq=2)
    doc = evaluate(case(day="1950-04-30", office="532322", parties=[he, she]))
    assert doc["rules"] == []
    assert doc["decision"] == "not_eligible"


def _decide(url: str, body: dict[str, Any]) -> dict[str, Any]:
    with transaction(url) as session:
        return decide(session, CaseIn.model_validate(body)).document()


def test_a_confirmed_prior_marriage_fails_not_married(fresh_store: str) -> None:
    first_wife = party("周芳", "女", date(1994, 2, 2), seq=7)
    archive_marriage(fresh_store, male=groom(), female=first_wife, day=date(2019, 5, 5))
    doc = _decide(fresh_store, case())
    assert rule(doc, "not-married")["passed"] is False
    assert doc["decision"] == "not_eligible"
    assert doc["parties"][0]["events"][0]["type"] == "marriage"


def test_a_divorce_after_the_marriage_passes_not_married(fresh_store: str) -> None:
    first_wife = party("周芳", "女", date(1994, 2, 2), seq=7)
    archive_marriage(fresh_store, male=groom(), female=first_wife, day=date(2019, 5, 5), key="m")
    archive_marriage(
        fresh_store, male=groom(), female=first_wife, day=date(2021, 5, 5), kind="divorce", key="d"
    )
    doc = _decide(fresh_store, case())
    assert rule(doc, "not-married")["passed"] is True
    assert doc["decision"] == "eligible"


def test_a_probable_prior_marriage_needs_verification(fresh_store: str) -> None:
    """An old record with the groom's name and birth date but no number: maybe him."""
    unnumbered = groom(id_number=None)
    archive_marriage(
        fresh_store,
        male=unnumbered,
        female=party("周芳", "女", date(1994, 2, 2), id_number=None),
        day=date(2016, 5, 5),
    )
    doc = _decide(fresh_store, case())
    not_married = rule(doc, "not-married")
    assert not_married["passed"] is None
    assert doc["decision"] == "needs_verification"
    assert [c["date"] for c in not_married["candidates"]] == ["2016-05-05"]


def test_married_to_each_other_for_a_divorce(fresh_store: str) -> None:
    archive_marriage(fresh_store, male=groom(), female=bride(), day=date(2019, 5, 5))
    assert rule(_decide(fresh_store, case("divorce")), "married-to-each-other")["passed"] is True
    other = party("周芳", "女", date(1994, 2, 2), seq=7)
    doc = _decide(fresh_store, case("divorce", parties=[groom(), other]))
    assert rule(doc, "married-to-each-other")["passed"] is False


@pytest.mark.parametrize(("kind", "rule_id"), [("archive_access", "original-office-archive")])
@pytest.mark.parametrize(
    ("office", "original", "passed"),
    [
        ("532301", "532301", True),
        ("532324", "532301", False),
        # The record the store holds names its office, whatever the request says.
        ("532302", "532331", False),
        ("532301", None, True),  # the original office is found in the store
        ("532324", None, False),
    ],
)
def test_original_office_rules(
    fresh_store: str, kind: str, rule_id: str, office: str, original: str | None, passed: bool
) -> None:
    archive_marriage(
        fresh_store, male=groom(), female=bride(), day=date(2019, 5, 5), office="532301"
    )
    body = case(kind, office=office, original_office_code=original)
    doc = _decide(fresh_store, body)
    assert [r["rule"] for r in doc["rules"]] == [rule_id]
    assert rule(doc, rule_id)["passed"] is passed
    assert doc["decision"] == ("eligible" if passed else "not_eligible")


def test_a_renamed_original_office_is_the_same_office(fresh_store: str) -> None:
    # Nothing in the store: the request's original office, 禄丰县, is today's 禄丰市.
    doc = _decide(
        fresh_store, case("archive_access", office="532302", original_office_code="532331")
    )
    assert rule(doc, "original-office-archive")["passed"] is True
