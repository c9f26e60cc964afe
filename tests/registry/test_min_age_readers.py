"""The minimum-age table has three readers: the record rules, the frame rules and the
registry's rule periods. On every boundary of the law they must reach the same verdict."""

from datetime import date, timedelta
from typing import Literal

from hunyin.domain.law import min_ages
from hunyin.schema import Record
from registry.rules.checks import run_check
from registry.rules.facts import Facts
from registry.rules.periods import shipped_periods
from registry.schemas import CaseIn, PartyIn
from tests.factories import party, record
from validation.frame import check_frame, records_frame
from validation.rules import check_record

_ROLES: dict[str, Literal["男", "女"]] = {"male": "男", "female": "女"}


def _boundary_days() -> list[date]:
    days = []
    for period in min_ages():
        days += [period.valid_from, period.valid_from + timedelta(days=1)]
        if period.valid_to is not None:
            days += [period.valid_to, period.valid_to - timedelta(days=1)]
    return sorted(set(days))


def _born(day: date, years: int, days_later: int) -> date:
    # 1 March for a 29 February anniversary, as the law counts it
    try:
        return day.replace(year=day.year - years) + timedelta(days=days_later)
    except ValueError:
        return date(day.year - years, 3, 1) + timedelta(days=days_later)


def _cases() -> list[tuple[date, str, date]]:
    """(registration day, role, birth date) around each minimum age in force on each day."""
    out = []
    for day in _boundary_days():
        for role in _ROLES:
            for years in {getattr(p, role) for p in min_ages()}:
                for shift in (-1, 0, 1):
                    for days_later in (0, 1):
                        out.append((day, role, _born(day, years + shift, days_later)))
    return out


def _registry_passes(day: date, role: str, born: date) -> bool:
    periods = [p for p in shipped_periods() if p.rule == "min-age" and p.in_force(day)]
    assert len(periods) == 1, day
    other = next(r for r in _ROLES if r != role)
    people = {
        role: PartyIn(name="张伟", sex=_ROLES[role], birth_date=born),
        other: PartyIn(name="李娜", sex=_ROLES[other], birth_date=_born(day, 40, 0)),
    }
    parties = [people["male"], people["female"]]
    case = CaseIn(kind="marriage", office_code="532301", date=day, parties=parties)
    outcome = run_check(periods[0], Facts(case=case, parties=[], application=None))
    assert outcome.passed is not None
    return outcome.passed


def _record(day: date, role: str, born: date) -> Record:
    parties = {r: party(r, id_number=None) for r in _ROLES}
    parties[role] = party(role, birth_date=born, id_number=None)
    return record(registration_date=day, male=parties["male"], female=parties["female"])


def test_record_frame_and_registry_agree_on_every_boundary() -> None:
    cases = _cases()
    records = [_record(day, role, born) for day, role, born in cases]
    frame = check_frame(records_frame(records))
    verdicts = {"under": 0, "of age": 0}
    for (day, role, born), rec, issues in zip(cases, records, frame["issues"], strict=True):
        flagged = ("min-age", f"{role}.birth_date")
        by_record = flagged in {(i.rule, i.field) for i in check_record(rec)}
        by_frame = flagged in {(i["rule"], i["field"]) for i in issues}
        by_registry = not _registry_passes(day, role, born)
        assert by_record == by_frame == by_registry, (day, role, born)
        verdicts["under" if by_record else "of age"] += 1
    # the boundaries are straddled: both verdicts occur
    assert verdicts["under"] > 0 and verdicts["of age"] > 0
