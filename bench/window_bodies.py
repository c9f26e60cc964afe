"""What ``bench-window`` sends: numbers and couples of the store, and couples new to it."""

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from hunyin.codes import offices
from hunyin.domain.dates import office_today
from hunyin.domain.idnumber import check_character
from warehouse.db import normalise_url

# A live registration is dated today; since 2025-05-10 any office registers two mainland
# residents, so the load spreads over all ten county offices.
OFFICES = tuple(o.code for o in offices() if o.valid_on(office_today()) and o.code[4:] != "00")
# New couples carry numbers of an address outside the prefecture, which its ledgers never use:
# the i-th couple is born ``i % _DAYS`` days after 1970-01-01, with sequence ``i // _DAYS``.
_ADDRESS = "110101"
_BORN = date(1970, 1, 1)
_DAYS = 10_000


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def couples_of_store(url: str, *, count: int) -> tuple[list[str], list[dict[str, Any]]]:
    """Printed numbers of random parties, and eligibility bodies pairing random men and women."""
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT name, sex, id_number FROM parties WHERE id18 IS NOT NULL"
                " AND name IS NOT NULL ORDER BY random() LIMIT :n"
            ),
            {"n": count},
        ).all()
    engine.dispose()
    numbers = [r.id_number for r in rows]
    men = [r for r in rows if r.sex == "男"]
    women = [r for r in rows if r.sex == "女"]
    rng = random.Random(2026)
    bodies = [
        _case(
            rng.choice(OFFICES),
            [_party(m.name, "男", m.id_number), _party(w.name, "女", w.id_number)],
        )
        for m, w in zip(men, rng.sample(women, len(women)), strict=False)
    ]
    return numbers, bodies


def _party(name: str, sex: str, number: str, hukou: str = "532301") -> dict[str, Any]:
    return {"name": name, "sex": sex, "id_number": number, "hukou_code": hukou}


def _case(office: str, parties: list[dict[str, Any]]) -> dict[str, Any]:
    return {"kind": "marriage", "office_code": office, "parties": parties}


def _number(index: int, *, male: bool) -> str:
    born = _BORN + timedelta(days=index % _DAYS)
    first17 = f"{_ADDRESS}{born:%Y%m%d}{(index // _DAYS) * 2 + male:03d}"
    return first17 + check_character(first17)


def _first_unused(url: str) -> int:
    """The index after every new couple earlier runs registered into this kept store."""
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        keys = conn.scalars(
            text("SELECT id18 FROM parties WHERE id18 LIKE :address"), {"address": f"{_ADDRESS}%"}
        ).all()
    engine.dispose()
    used = [
        (date(int(k[6:10]), int(k[10:12]), int(k[12:14])) - _BORN).days + int(k[14:17]) // 2 * _DAYS
        for k in keys
    ]
    return max(used, default=-1) + 1


def new_couples(url: str, *, count: int) -> list[dict[str, Any]]:
    """Registration bodies of ``count`` couples the store has never seen, over the ten offices."""
    start = _first_unused(url)
    return [
        _case(
            OFFICES[i % len(OFFICES)],
            [
                _party(f"新郎{i}", "男", _number(i, male=True), _ADDRESS),
                _party(f"新娘{i}", "女", _number(i, male=False), _ADDRESS),
            ],
        )
        for i in range(start, start + count)
    ]
