"""The families of law cases: each draws one case with dates around its boundaries, runs it
at the desk and says what came back against what the law says."""

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files
from typing import Any

from bench.law_cases.desk import (
    COUNTIES,
    FOREIGN,
    LAST_DAY,
    NATIONAL,
    OUTSIDE,
    PILOT,
    PREFECTURE,
    REISSUE_2003,
    TAIWAN_OFFICE,
    Desk,
    Outcome,
    _body,
    _expect,
    _verdict,
    archive,
    around,
)


def marriage_jurisdiction(desk: Desk, rng: random.Random) -> Outcome:
    day = around(rng, PILOT, NATIONAL)
    office = rng.choice(COUNTIES)
    others = [c for c in COUNTIES if c != office]
    hukous = [rng.choice([office, rng.choice(others), rng.choice(OUTSIDE)]) for _ in range(2)]
    if day >= NATIONAL:
        wanted = "eligible"  # national-2025: any office
    elif day >= PILOT:
        in_prefecture = any(h in COUNTIES for h in hukous)
        wanted = "eligible" if in_prefecture else "not_eligible"  # cx-pilot-marriage
    else:
        wanted = "eligible" if office in hukous else "not_eligible"  # hukou-office
    outcome = Outcome("jurisdiction", f"marriage at {office} on {day}, hukou {hukous}")
    parties = [
        desk.person(rng, "男", hukou=hukous[0]),
        desk.person(rng, "女", hukou=hukous[1]),
    ]
    doc = desk.decide(_body("marriage", office, day, parties))
    _expect(outcome, "decision", doc["decision"], wanted, doc)
    return outcome


def residency(desk: Desk, rng: random.Random) -> Outcome:
    day = around(rng, REISSUE_2003, PILOT, NATIONAL)
    kind = rng.choice(FOREIGN)
    business = rng.choice(["marriage", "marriage", "divorce"])
    office = rng.choice([*COUNTIES, PREFECTURE, TAIWAN_OFFICE])
    designated = TAIWAN_OFFICE if kind == "taiwan" else PREFECTURE
    outcome = Outcome("residency", f"{business} with a {kind} party at {office} on {day}")
    mainland = desk.person(rng, "男", hukou=rng.choice(COUNTIES))
    outsider = desk.person(rng, "女", hukou=None) | {"residency": kind, "id_number": None}
    doc = desk.decide(_body(business, office, day, [mainland, outsider]))
    _expect(
        outcome,
        "foreign-related-designated",
        _verdict(doc, "foreign-related-designated"),
        office == designated,
    )
    if business == "marriage":
        wanted = "eligible" if office == designated else "not_eligible"
        _expect(outcome, "decision", doc["decision"], wanted, doc)
    elif office != designated:
        # a divorce of a marriage the store does not hold: the office decides it first
        _expect(outcome, "decision", doc["decision"], "not_eligible", doc)
    return outcome


def reissue_office(desk: Desk, rng: random.Random) -> Outcome:
    original = rng.choice(COUNTIES)
    married = date(1990, 1, 1) + timedelta(days=rng.randrange(0, 9 * 365))
    day = around(rng, REISSUE_2003, NATIONAL, first=date(2000, 1, 1))
    office = rng.choice(COUNTIES)
    hukous = [rng.choice([office, original, rng.choice(COUNTIES)]) for _ in range(2)]
    if day < REISSUE_2003:
        wanted = office == original
    elif day < NATIONAL:
        wanted = office == original or office in hukous
    else:
        wanted = True
    outcome = Outcome(
        "reissue-office", f"original {original}, asked at {office} on {day}, hukou {hukous}"
    )
    he, she = desk.person(rng, "男", hukou=hukous[0]), desk.person(rng, "女", hukou=hukous[1])
    archive(desk, kind="marriage", day=married, office=original, male=he, female=she)
    doc = desk.decide(_body("reissue", office, day, [he, she]))
    _expect(outcome, "decision", doc["decision"], "eligible" if wanted else "not_eligible", doc)
    _expect(outcome, "reissue-office", _verdict(doc, "reissue-office"), wanted)
    return outcome


def reissue_conditions(desk: Desk, rng: random.Random) -> Outcome:
    original = rng.choice(COUNTIES)
    variant = rng.choice(["wrong-wife", "no-id-numbers", "couple"])
    outcome = Outcome("reissue-conditions", f"{variant} at {original}")
    numbered = variant != "no-id-numbers"
    married = date(1978 if not numbered else 1990, 1, 1) + timedelta(days=rng.randrange(0, 3000))
    born = None if numbered else date(1950, 1, 1) + timedelta(days=rng.randrange(0, 2000))
    he = desk.person(rng, "男", hukou=original, born=born)
    she = desk.person(rng, "女", hukou=original, born=born)
    record_id = archive(
        desk, kind="marriage", day=married, office=original, male=he, female=she, numbered=numbered
    )
    day = around(rng, REISSUE_2003, NATIONAL, first=date(2004, 1, 1))
    if variant == "wrong-wife":
        named = [he, desk.person(rng, "女", hukou=original)]
        doc = desk.decide(_body("reissue", original, day, named))
        _expect(outcome, "decision", doc["decision"], "not_eligible", doc)
        _expect(outcome, "reissue-conditions", _verdict(doc, "reissue-conditions"), False)
        desk.set_today(day)
        answer = desk.post(
            "/api/v1/registrations", _body("reissue", original, day, named), office=original
        )
        _expect(outcome, "registration", answer.status_code, 422)
    elif variant == "no-id-numbers":
        doc = desk.decide(_body("reissue", original, day, [he, she], record_id=record_id))
        _expect(outcome, "decision", doc["decision"], "needs_verification", doc)
    else:
        doc = desk.decide(_body("reissue", original, day, [he, she]))
        _expect(outcome, "decision", doc["decision"], "eligible", doc)
    return outcome


def divorce_outside(desk: Desk, rng: random.Random) -> Outcome:
    day = around(rng, NATIONAL, first=date(2021, 1, 1))
    office = rng.choice(COUNTIES)
    wanted = "needs_verification" if day >= NATIONAL else "not_eligible"
    outcome = Outcome("divorce-outside", f"divorce at {office} on {day}, marriage elsewhere")
    couple = [desk.person(rng, "男", hukou=office), desk.person(rng, "女", hukou=office)]
    doc = desk.decide(_body("divorce", office, day, couple))
    _expect(outcome, "decision", doc["decision"], wanted, doc)
    _expect(
        outcome,
        "married-to-each-other",
        _verdict(doc, "married-to-each-other"),
        None if day >= NATIONAL else False,
    )
    return outcome


def _event(kind: str, day: date, who: dict[str, Any]) -> dict[str, Any]:
    document = {"death": "居民死亡医学证明", "court_divorce": "离婚判决书"}[kind]
    issuer = {"death": "楚雄州人民医院", "court_divorce": "楚雄市人民法院"}[kind]
    return {
        "type": kind,
        "date": day.isoformat(),
        "person": {"id_number": who["id_number"]},
        "evidence": {"document": document, "number": "(2010)第1号", "issuer": issuer},
    }


def remarriage(desk: Desk, rng: random.Random) -> Outcome:
    office = rng.choice(COUNTIES)
    ending = rng.choice(["death", "court_divorce", None])
    survivor_sex = rng.choice(["男", "女"])
    married = date(1995, 1, 1) + timedelta(days=rng.randrange(0, 15 * 365))
    ended = married + timedelta(days=rng.randrange(30, 4000))
    day = min(ended + timedelta(days=rng.randrange(1, 3000)), LAST_DAY)
    he, she = desk.person(rng, "男", hukou=office), desk.person(rng, "女", hukou=office)
    survivor, spouse = (he, she) if survivor_sex == "男" else (she, he)
    who = {"男": "widower", "女": "widow"}[survivor_sex] if ending == "death" else "divorced"
    outcome = Outcome("remarriage", f"{who if ending else 'still married'} ({ending}) on {day}")
    archive(desk, kind="marriage", day=married, office=office, male=he, female=she)
    if ending is not None:
        about = spouse if ending == "death" else rng.choice([he, she])
        entered = desk.post("/api/v1/events", _event(ending, ended, about), office=office)
        _expect(outcome, "event", entered.status_code, 201)
    declared = {"death": "丧偶", "court_divorce": "离婚", None: None}[ending]
    partner = desk.person(rng, "女" if survivor_sex == "男" else "男", hukou=office)
    couple = [survivor | {"declared_status": declared}, partner]
    couple.sort(key=lambda p: p["sex"] != "男")
    doc = desk.decide(_body("marriage", office, day, couple))
    wanted = "eligible" if ending else "not_eligible"
    _expect(outcome, "survivor's marriage", doc["decision"], wanted, doc)
    _expect(outcome, "not-married", _verdict(doc, "not-married"), ending is not None)
    if ending == "death":
        other = desk.person(rng, survivor_sex, hukou=office)
        pair = sorted([spouse, other], key=lambda p: p["sex"] != "男")
        dead = desk.decide(_body("marriage", office, day, pair))
        _expect(outcome, "the dead spouse's marriage", dead["decision"], "not_eligible", dead)
    return outcome


@dataclass(frozen=True)
class Calendar:
    """Rest days from the State Council's schedule (the data file) and weekends, counted here
    on their own: a period's last day on a rest day moves to the next working day."""

    listed: dict[date, str]

    @classmethod
    def load(cls) -> "Calendar":
        text = files("hunyin.data").joinpath("rest-days.csv").read_text(encoding="utf-8")
        rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
        return cls({date.fromisoformat(r["day"]): r["kind"] for r in rows})

    def rest(self, day: date) -> bool:
        kind = self.listed.get(day)
        return kind == "holiday" if kind else day.weekday() >= 5

    def last_day(self, start: date, days: int) -> date:
        end = start + timedelta(days=days)
        while self.rest(end):
            end += timedelta(days=1)
        return end

    def edge(self, rng: random.Random, kind: str) -> date:
        """An application day whose 30th day after is ``kind``: a weekend day, a day of the
        National Day week, a make-up working day, or any day."""
        days = [date(2021, 1, 1) + timedelta(days=i) for i in range(365 * 6 - 80)]

        def fits(applied: date) -> bool:
            end = applied + timedelta(days=30)
            if kind == "weekend":
                return end.weekday() >= 5 and end not in self.listed
            if kind == "national-day":
                return end.month == 10 and 1 <= end.day <= 7
            if kind == "make-up":
                return self.listed.get(end) == "workday"
            return True

        return rng.choice([d for d in days if fits(d)])


CALENDAR = Calendar.load()


def cooling_off(desk: Desk, rng: random.Random) -> Outcome:
    kind = rng.choice(["weekend", "national-day", "make-up", "any"])
    applied = CALENDAR.edge(rng, kind)
    office = rng.choice(COUNTIES)
    elsewhere = rng.choice([c for c in COUNTIES if c != office])
    ends = CALENDAR.last_day(applied, 30)
    complete_by = CALENDAR.last_day(ends, 30)
    path = rng.choice(["withdraw", "complete"])
    outcome = Outcome("cooling-off", f"applied {applied} at {office} ({kind}), then {path}")
    he, she = desk.person(rng, "男", hukou=office), desk.person(rng, "女", hukou=office)
    archive(desk, kind="marriage", day=date(2012, 5, 5), office=office, male=he, female=she)
    desk.set_today(applied)
    answer = desk.post(
        "/api/v1/registrations", _body("divorce", office, applied, [he, she]), office=office
    )
    if answer.status_code != 201:
        outcome.problems.append(f"application: HTTP {answer.status_code} {answer.text[:300]}")
        return outcome
    application = answer.json()["application"]
    _expect(outcome, "cooling_off_ends", application["cooling_off_ends"], ends.isoformat())
    _expect(outcome, "complete_by", application["complete_by"], complete_by.isoformat())
    if path == "withdraw":
        url = f"/api/v1/divorce-applications/{application['application_id']}/withdraw"
        on_the_day = {"date": ends.isoformat()}
        other = desk.client.post(url, json=on_the_day, headers=desk.tokens[elsewhere])
        _expect(outcome, "withdrawal at another office", other.status_code, 403)
        late = desk.client.post(
            url, json={"date": (ends + timedelta(days=1)).isoformat()}, headers=desk.tokens[office]
        )
        _expect(outcome, "withdrawal after the last day", late.status_code, 409)
        last = desk.client.post(url, json=on_the_day, headers=desk.tokens[office])
        _expect(outcome, "withdrawal on the last day", last.status_code, 200)
        return outcome
    desk.set_today(ends)
    early = desk.post(
        "/api/v1/registrations", _body("divorce", office, ends, [he, she]), office=office
    )
    _expect(outcome, "completion on cooling-off's last day", early.status_code, 422)
    first_day = ends + timedelta(days=1)
    while CALENDAR.rest(first_day):
        first_day += timedelta(days=1)
    away = desk.decide(_body("divorce", elsewhere, first_day, [he, she]))
    _expect(outcome, "completion elsewhere", _verdict(away, "divorce-cooling-off"), False)
    when = rng.choice(["first", "last", "late"])
    done_on = {"first": first_day, "last": complete_by}.get(when, complete_by + timedelta(days=1))
    outcome.name += f" on {done_on} ({when})"
    desk.set_today(done_on)
    done = desk.post(
        "/api/v1/registrations", _body("divorce", office, done_on, [he, she]), office=office
    )
    _expect(outcome, "completion at the receiving office", done.status_code, 201)
    if done.status_code == 201 and when != "late":
        _expect(outcome, "divorce certificate", str(done.json().get("certificate_no"))[:1], "L")
    elif done.status_code == 201:
        # the application lapsed: coming back after the window is a new application
        again = done.json().get("application") or {}
        _expect(
            outcome,
            "a new application",
            again.get("application_id") != (application["application_id"]),
            True,
        )
    return outcome


def archive_access(desk: Desk, rng: random.Random) -> Outcome:
    first, second = rng.sample(COUNTIES, 2)
    married = date(1990, 1, 1) + timedelta(days=rng.randrange(0, 6000))
    divorced = married + timedelta(days=rng.randrange(100, 4000))
    he, she = desk.person(rng, "男", hukou=first), desk.person(rng, "女", hukou=first)
    marriage = archive(desk, kind="marriage", day=married, office=first, male=he, female=she)
    divorce = archive(desk, kind="divorce", day=divorced, office=second, male=he, female=she)
    office = rng.choice([first, second, rng.choice(COUNTIES)])
    asked = rng.choice([marriage, divorce])
    keeper = first if asked == marriage else second
    day = around(rng, NATIONAL, first=date(2021, 1, 1))
    outcome = Outcome("archive-access", f"record of {keeper} asked at {office} on {day}")
    body = _body("archive_access", office, day, [rng.choice([he, she])], record_id=asked)
    doc = desk.decide(body)
    _expect(
        outcome,
        "original-office-archive",
        _verdict(doc, "original-office-archive"),
        office == keeper,
        doc,
    )
    _expect(
        outcome,
        "decision",
        doc["decision"],
        "eligible" if office == keeper else "not_eligible",
        doc,
    )
    return outcome


def min_age(desk: Desk, rng: random.Random) -> Outcome:
    day = around(rng, date(1981, 1, 1), date(2021, 1, 1), first=date(1975, 1, 1))
    while day.month == 2 and day.day == 29:
        day -= timedelta(days=1)
    young = rng.choice(["男", "女"])
    # 1950 婚姻法 before 1981; the 1980 婚姻法 and 民法典 art. 1047 since
    ages = {"男": 20, "女": 18} if day < date(1981, 1, 1) else {"男": 22, "女": 20}
    age = ages[young]
    birthday = date(day.year - age, day.month, day.day)
    late = rng.choice([False, True])  # born a day too late: of age tomorrow
    born = birthday + timedelta(days=1) if late else birthday
    # 楚雄市 (532301) exists from 1983-09-09; the other counties throughout
    office = rng.choice(COUNTIES if day >= date(1983, 9, 9) else COUNTIES[1:])
    outcome = Outcome("min-age", f"{young} born {born}, marrying on {day}")
    minor = desk.person(rng, young, hukou=office, born=born)
    elder = date(day.year - 30, 1, 1) - timedelta(days=rng.randrange(0, 3000))
    other = desk.person(rng, "女" if young == "男" else "男", hukou=office, born=elder)
    couple = sorted([minor, other], key=lambda p: p["sex"] != "男")
    doc = desk.decide(_body("marriage", office, day, couple))
    _expect(outcome, "min-age", _verdict(doc, "min-age"), not late, doc)
    _expect(outcome, "decision", doc["decision"], "not_eligible" if late else "eligible", doc)
    return outcome


def _status_of(desk: Desk, person: dict[str, Any], office: str) -> str:
    answer = desk.client.get(
        "/api/v1/status", params={"id_number": person["id_number"]}, headers=desk.tokens[office]
    )
    return str(answer.json().get("status")) if answer.status_code == 200 else answer.text


def status(desk: Desk, rng: random.Random) -> Outcome:
    office = rng.choice(COUNTIES)
    story = rng.choice(["unknown", "married", "divorced", "widowed", "void"])
    outcome = Outcome("status", f"a person {story} in the store")
    he, she = desk.person(rng, "男", hukou=office), desk.person(rng, "女", hukou=office)
    married = date(1990, 1, 1) + timedelta(days=rng.randrange(0, 8000))
    later = married + timedelta(days=rng.randrange(30, 3000))
    if story != "unknown":
        archive(desk, kind="marriage", day=married, office=office, male=he, female=she)
    if story == "divorced":
        archive(desk, kind="divorce", day=later, office=office, male=he, female=she)
    if story == "widowed":
        desk.post("/api/v1/events", _event("death", later, she), office=office)
    if story == "void":
        body = _event("court_divorce", max(later, date(2001, 4, 28)), she)
        body |= {"type": "void"}
        body["evidence"] |= {"document": "宣告婚姻无效判决书"}
        entered = desk.post("/api/v1/events", body, office=office)
        _expect(outcome, "void entered", entered.status_code, 201)
    wanted = {"unknown": "no_record", "void": "unmarried"}.get(story, story)
    asked_at = rng.choice(COUNTIES)  # every office sees the same history
    _expect(outcome, "status", _status_of(desk, he, asked_at), wanted)
    return outcome


def revoked_death(desk: Desk, rng: random.Random) -> Outcome:
    office = rng.choice(COUNTIES)
    he, she = desk.person(rng, "男", hukou=office), desk.person(rng, "女", hukou=office)
    married = date(1990, 1, 1) + timedelta(days=rng.randrange(0, 5000))
    declared = married + timedelta(days=rng.randrange(400, 3000))
    revoked = declared + timedelta(days=rng.randrange(30, 2000))
    returned, survivor = rng.choice([(he, she), (she, he)])
    when = rng.choice(["never", "between", "after"])
    outcome = Outcome("revoked-death", f"declared {declared}, revoked {revoked}, remarried {when}")
    archive(desk, kind="marriage", day=married, office=office, male=he, female=she)
    death = _event("death", declared, returned)
    death["evidence"] = {"document": "宣告死亡判决书", "issuer": "楚雄市人民法院"}
    _expect(
        outcome, "declaration", desk.post("/api/v1/events", death, office=office).status_code, 201
    )
    if when != "never":
        third = desk.person(rng, returned["sex"], hukou=office)
        gap = (revoked - declared).days
        day = (
            declared + timedelta(days=rng.randrange(1, gap))
            if when == "between"
            else (revoked + timedelta(days=rng.randrange(1, 900)))
        )
        pair = sorted([survivor, third], key=lambda p: p["sex"] != "男")
        archive(desk, kind="marriage", day=day, office=office, male=pair[0], female=pair[1])
    revocation = death | {"type": "death_revoked", "date": revoked.isoformat()}
    revocation["evidence"] = {"document": "撤销死亡宣告判决书", "issuer": "楚雄市人民法院"}
    entered = desk.post("/api/v1/events", revocation, office=rng.choice(COUNTIES))
    _expect(outcome, "revocation", entered.status_code, 201)
    revives = when != "between"
    _expect(outcome, "survivor", _status_of(desk, survivor, office), "married")
    _expect(
        outcome,
        "returned",
        _status_of(desk, returned, office),
        "married" if revives else "divorced",
    )
    return outcome


FAMILIES: dict[str, Callable[[Desk, random.Random], Outcome]] = {
    "jurisdiction": marriage_jurisdiction,
    "residency": residency,
    "reissue-office": reissue_office,
    "reissue-conditions": reissue_conditions,
    "divorce-outside": divorce_outside,
    "remarriage": remarriage,
    "cooling-off": cooling_off,
    "archive-access": archive_access,
    "min-age": min_age,
    "status": status,
    "revoked-death": revoked_death,
}
