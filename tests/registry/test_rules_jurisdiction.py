"""Jurisdiction rules on both sides of each boundary date, each military path, each exclusion."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tests.registry.people import bride, case, groom, party

Evaluate = Callable[[dict[str, Any]], dict[str, Any]]
KUNMING = "530102"


def verdicts(doc: dict[str, Any]) -> dict[str, bool | None]:
    return {r["rule"]: r["passed"] for r in doc["rules"]}


def soldier(**military: str) -> dict[str, Any]:
    return groom(hukou=None, military=military)


@pytest.mark.parametrize(
    ("day", "hukous", "decision", "rules"),
    [
        # Hukou elsewhere in the prefecture: only the pilot (and later the national rule) helps.
        ("2022-04-19", ("532324", "532326"), "not_eligible", {"hukou-office": False}),
        ("2022-04-20", ("532324", "532326"), "eligible", {"cx-pilot-marriage": True}),
        ("2025-05-09", ("532324", "532326"), "eligible", {"cx-pilot-marriage": True}),
        ("2025-05-10", ("532324", "532326"), "eligible", {"national-2025": True}),
        # Hukou outside the prefecture: the pilot does not reach them, the national rule does.
        ("2022-04-20", (KUNMING, KUNMING), "not_eligible", {"cx-pilot-marriage": False}),
        ("2025-05-09", (KUNMING, KUNMING), "not_eligible", {"cx-pilot-marriage": False}),
        ("2025-05-10", (KUNMING, KUNMING), "eligible", {"national-2025": True}),
        # Hukou at the office: the base rule, on every date.
        ("2022-04-19", ("532301", KUNMING), "eligible", {"hukou-office": True}),
        ("2025-05-09", (KUNMING, "532301"), "eligible", {"hukou-office": True}),
        # The base rule ends with the old 条例; the national rule takes every mainland case.
        ("2025-05-10", (KUNMING, "532301"), "eligible", {"national-2025": True}),
        # 禄丰县 (532331) hukou is served by 禄丰市 (532302) after the renaming.
        ("2021-06-01", ("532331", KUNMING), "eligible", {"hukou-office": True}),
    ],
)
def test_marriage_jurisdiction_by_date(
    evaluate: Evaluate,
    day: str,
    hukous: tuple[str, str],
    decision: str,
    rules: dict[str, bool],
) -> None:
    office = "532302" if "532331" in hukous else "532301"
    doc = evaluate(
        case(day=day, office=office, parties=[groom(hukou=hukous[0]), bride(hukou=hukous[1])])
    )
    assert doc["decision"] == decision
    assert verdicts(doc).items() >= rules.items()


@pytest.mark.parametrize(
    ("day", "in_force"),
    [
        ("2022-04-19", set()),
        ("2022-04-20", {"cx-pilot-marriage", "cx-pilot-military", "cx-pilot-exclusions"}),
        ("2025-05-09", {"cx-pilot-marriage", "cx-pilot-military", "cx-pilot-exclusions"}),
        ("2025-05-10", {"national-2025"}),
    ],
)
def test_only_rules_in_force_are_applied(evaluate: Evaluate, day: str, in_force: set[str]) -> None:
    applied = set(verdicts(evaluate(case(day=day))))
    always = {
        *(["hukou-office"] if day < "2025-05-10" else []),
        "foreign-related-designated",
        "min-age",
        "not-married",
        "declared-status",
    }
    assert applied == always | in_force


@pytest.mark.parametrize(
    ("military", "other_hukou", "passed", "message"),
    [
        ({"station_code": "532322"}, KUNMING, True, "部队驻地"),
        ({"pre_enlistment_hukou_code": "532323"}, KUNMING, True, "入伍前户籍地"),
        ({"station_code": KUNMING}, "532326", True, "另一方"),
        ({"station_code": KUNMING, "pre_enlistment_hukou_code": "530103"}, KUNMING, False, ""),
    ],
)
def test_military_paths(
    evaluate: Evaluate, military: dict[str, str], other_hukou: str, passed: bool, message: str
) -> None:
    doc = evaluate(case(parties=[soldier(**military), bride(hukou=other_hukou)]))
    rule = next(r for r in doc["rules"] if r["rule"] == "cx-pilot-military")
    assert rule["passed"] is passed
    assert message in rule["message"]
    assert doc["decision"] == ("eligible" if passed else "not_eligible")


def test_military_rule_not_in_force_the_day_before_the_pilot(evaluate: Evaluate) -> None:
    body = case(day="2022-04-19", parties=[soldier(station_code="532322"), bride(hukou=KUNMING)])
    doc = evaluate(body)
    assert "cx-pilot-military" not in verdicts(doc)
    assert doc["decision"] == "not_eligible"


def test_military_rule_is_null_without_a_servicemember(evaluate: Evaluate) -> None:
    assert verdicts(evaluate(case()))["cx-pilot-military"] is None


@pytest.mark.parametrize(
    ("residency", "groom_hukou", "decision", "exclusion"),
    [
        # Excluded from the pilot; and never county business, hukou office or not.
        ("hk", "532324", "not_eligible", True),
        ("hk", "532301", "not_eligible", True),
        ("macau", "532301", "not_eligible", True),
        ("taiwan", "532324", "not_eligible", True),
        ("overseas_chinese", "532301", "not_eligible", True),
        ("foreign", "532301", "not_eligible", True),
    ],
)
def test_pilot_exclusions_by_residency(
    evaluate: Evaluate, residency: str, groom_hukou: str, decision: str, exclusion: bool
) -> None:
    other = party("玛丽", "女", date(1996, 1, 2), hukou=None, id_number=None, residency=residency)
    doc = evaluate(case(parties=[groom(hukou=groom_hukou), other]))
    rules = verdicts(doc)
    assert rules["cx-pilot-exclusions"] is exclusion
    assert rules["cx-pilot-marriage"] is False
    assert rules["foreign-related-designated"] is False
    assert doc["decision"] == decision


def test_divorce_is_excluded_from_the_pilot(evaluate: Evaluate) -> None:
    parties = [groom(hukou="532324"), bride(hukou="532326")]
    doc = evaluate(case("divorce", parties=parties))
    rules = verdicts(doc)
    assert rules["cx-pilot-exclusions"] is True
    assert "cx-pilot-marriage" not in rules
    assert rules["hukou-office"] is False
    assert doc["decision"] == "not_eligible"


@pytest.mark.parametrize("residency", ["hk", "foreign"])
def test_national_rule_sends_non_residents_to_the_designated_office(
    evaluate: Evaluate, residency: str
) -> None:
    other = party("玛丽", "女", date(1996, 1, 2), hukou=None, id_number=None, residency=residency)
    doc = evaluate(case(day="2025-05-10", parties=[groom(hukou="532301"), other]))
    assert verdicts(doc)["national-2025"] is None
    assert "hukou-office" not in verdicts(doc)
    assert verdicts(doc)["foreign-related-designated"] is False
    assert doc["decision"] == "not_eligible"


def test_national_rule_covers_divorce_anywhere(evaluate: Evaluate) -> None:
    parties = [groom(hukou=KUNMING), bride(hukou=KUNMING)]
    doc = evaluate(case("divorce", day="2025-05-10", parties=parties))
    assert verdicts(doc)["national-2025"] is True


def test_a_decision_names_citation_and_period_of_each_rule(evaluate: Evaluate) -> None:
    doc = evaluate(case(day="2023-01-01"))
    pilot = next(r for r in doc["rules"] if r["rule"] == "cx-pilot-marriage")
    assert "楚民发〔2022〕6号" in pilot["citation"]
    assert pilot["in_force"] == ["2022-04-20", "2025-05-09"]
    assert all(r["message"] for r in doc["rules"])


@pytest.mark.parametrize(
    ("day", "in_force"),
    [
        ("2020-12-31", set()),
        ("2021-01-01", {"divorce-cooling-off"}),
        ("2022-04-19", {"divorce-cooling-off"}),
        ("2022-04-20", {"divorce-cooling-off", "cx-pilot-exclusions"}),
        ("2025-05-09", {"divorce-cooling-off", "cx-pilot-exclusions"}),
        ("2025-05-10", {"divorce-cooling-off", "national-2025"}),
    ],
)
def test_divorce_rules_in_force(evaluate: Evaluate, day: str, in_force: set[str]) -> None:
    applied = set(verdicts(evaluate(case("divorce", day=day))))
    base = {"foreign-related-designated", "married-to-each-other"}
    if day < "2025-05-10":
        base.add("hukou-office")
    assert applied == base | in_force
