"""The desk the law cases are run at: the client, the offices' tokens, the archive the cases
start from, and how an answer is checked against what the law says."""

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import select

from hunyin.domain.idnumber import check_character
from hunyin.schema import Party, Record, RecordType, Source
from warehouse.db import transaction
from warehouse.keys import scan_key
from warehouse.linkage import link_pending
from warehouse.loading import Keyed, upsert_records
from warehouse.models import RecordRow

# County offices valid over every date the cases use (from 1990 on).
COUNTIES = ("532301", "532322", "532323", "532324", "532325", "532326", "532327", "532328")
PREFECTURE = "532300"  # HK, Macau, overseas-Chinese and foreign parties
TAIWAN_OFFICE = "530100"  # 昆明市民政局, for Taiwan parties
OUTSIDE = ("530102", "110105", "510104")  # hukous outside the prefecture
FOREIGN = ("hk", "macau", "taiwan", "overseas_chinese", "foreign")
PILOT, NATIONAL, REISSUE_2003 = date(2022, 4, 20), date(2025, 5, 10), date(2003, 10, 1)
LAST_DAY = date(2026, 11, 30)  # cases stay before today and inside the holiday data
LATIN = re.compile(r"[A-Za-z]{3,}")
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


class Client(Protocol):
    """What the runner needs of an HTTP client (``httpx.Client`` or FastAPI's TestClient)."""

    def post(self, url: str, *, json: Any = ..., headers: Any = ...) -> Any: ...

    def get(self, url: str, *, params: Any = ..., headers: Any = ...) -> Any: ...


@dataclass
class Outcome:
    """One case: its family and name, and what went wrong (nothing when it passed)."""

    family: str
    name: str
    problems: list[str] = field(default_factory=list)


@dataclass
class Desk:
    """The service under test: a client, a registrar's token per office, the store, the clock."""

    client: Client
    url: str
    set_today: Callable[[date], None]
    tokens: dict[str, dict[str, str]] = field(default_factory=dict)
    people: int = 0
    # rule messages that are not all Chinese (a code where a word belongs), for the case
    untranslated: list[str] = field(default_factory=list)

    def post(self, path: str, body: dict[str, Any], *, office: str) -> Any:
        return self.client.post(path, json=body, headers=self.tokens[office])

    def decide(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.post("/api/v1/eligibility", body, office=body["office_code"])
        if response.status_code != 200:
            return {"decision": f"HTTP {response.status_code} {response.text[:200]}", "rules": []}
        doc = dict(response.json())
        self.untranslated += [
            f"{r['rule']}: {r['message']}" for r in doc["rules"] if LATIN.search(r["message"])
        ]
        return doc

    def person(
        self, rng: random.Random, sex: str, *, hukou: str | None, born: date | None = None
    ) -> dict[str, Any]:
        """A new person of age on every date used, with a well-formed number of their own."""
        self.people += 1
        n = self.people
        born = born or date(1955, 1, 1) + timedelta(days=rng.randrange(0, 13 * 365))
        sequence = (n % 499) * 2 + (1 if sex == "男" else 0)
        first17 = f"532301{born:%Y%m%d}{sequence:03d}"
        name = SURNAMES[n % 20] + GIVEN[(n // 20) % 20] + GIVEN[(n // 400) % 20]
        return {
            "name": name,
            "sex": sex,
            "birth_date": born.isoformat(),
            "id_number": first17 + check_character(first17),
            "hukou_code": hukou,
            "residency": "mainland",
        }


def _body(kind: str, office: str, day: date, parties: list[dict[str, Any]], **extra: Any) -> Any:
    return {"kind": kind, "office_code": office, "date": day.isoformat(), "parties": parties} | (
        extra
    )


def archive(
    desk: Desk,
    *,
    kind: RecordType,
    day: date,
    office: str,
    male: dict[str, Any],
    female: dict[str, Any],
    numbered: bool = True,
) -> int:
    """An accepted archive record of the couple, indexed; its record id."""
    desk.people += 1
    parties = {
        role: Party(
            name=p["name"],
            sex=p["sex"],
            birth_date=date.fromisoformat(p["birth_date"]),
            id_number=p["id_number"] if numbered else None,
        )
        for role, p in (("male", male), ("female", female))
    }
    prefix = "J" if kind == "marriage" else "L"
    key = f"law-case-{desk.people}"
    record = Record(
        status="accepted",
        source=Source(file=f"{office}/{key}.png", page=1),
        record_type=kind,
        registration_date=day,
        office_code=office,
        certificate_no=f"{prefix}{office}-{day.year}-{desk.people:06d}",
        male=parties["male"],
        female=parties["female"],
    )
    sha = f"{desk.people:064x}"
    with transaction(desk.url) as session:
        upsert_records(
            session,
            items=[Keyed(key=scan_key(sha256=sha, page=1), record=record)],
            source_kind="scan",
            batch="law-cases",
            engine="law-cases",
        )
        link_pending(session)
        found = session.scalar(
            select(RecordRow.id).where(RecordRow.certificate_no == record.certificate_no)
        )
        return int(found)


def around(rng: random.Random, *boundaries: date, first: date = date(2004, 1, 1)) -> date:
    """A date on either side of one of the boundaries: the day before, the day itself, or
    up to two years off, inside ``first`` … ``LAST_DAY``."""
    edge = rng.choice(boundaries)
    offset = rng.choice([-1, 0, rng.randint(-730, -2), rng.randint(1, 730)])
    return min(max(edge + timedelta(days=offset), first), LAST_DAY)


def _verdict(doc: dict[str, Any], rule: str) -> Any:
    return next((r["passed"] for r in doc.get("rules", []) if r["rule"] == rule), "absent")


def _expect(outcome: Outcome, what: str, got: Any, wanted: Any, doc: Any = None) -> None:
    if got != wanted:
        rules = [
            (r["rule"], r["passed"])
            for r in (doc or {}).get("rules", [])
            if r["passed"] is not True
        ]
        outcome.problems.append(f"{what}: expected {wanted}, got {got} {rules if rules else ''}")


# --- the families --------------------------------------------------------------------------
