"""Random but consistent records: parties, dates, ID numbers, offices and certificate numbers."""

import random
import tomllib
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files
from typing import Any

from hunyin.codes import Office, offices
from hunyin.domain.idnumber import check_character
from ocr.hukou import townships


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    """The ingredients in ``vocab.toml``."""
    text = files("synth.scans").joinpath("vocab.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _id_number(rng: random.Random, birth: date, sex: str, *, digits: int) -> str:
    area = rng.choice(vocab()["address_codes"])
    seq = rng.randrange(0, 999)
    seq += (seq % 2 == 0) if sex == "男" else (seq % 2 == 1)
    seq = min(seq, 998 if sex == "女" else 999)
    if digits == 15:
        return f"{area}{birth:%y%m%d}{seq:03d}"
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_character(first17)


def _town(rng: random.Random, office: Office, former: float) -> str:
    """Mostly a township of the county's table; a share ``former`` of records name a township
    since merged or renamed (``former_towns``), which nothing can vouch for."""
    current = sorted(t for c, t in townships() if c == office.county[:-1])
    if current and rng.random() >= former:
        return rng.choice(current)
    return str(rng.choice(vocab()["former_towns"]))


def _hukou(rng: random.Random, office: Office, former: float) -> str:
    v = vocab()
    town, village = _town(rng, office, former), rng.choice(v["villages"])
    place = f"云南省楚雄彝族自治州{office.county}{town}{village}村委会"
    return place + (
        f"{rng.choice(v['villages'])}村{rng.randint(1, 120)}号" if rng.random() < 0.4 else ""
    )


def _party(
    rng: random.Random, sex: str, registered: date, office: Office, former: float
) -> dict[str, Any]:
    v = vocab()
    age = rng.randint(20 if sex == "女" else 22, 45)
    birth = _day(rng, date(registered.year - age - 1, 1, 1), date(registered.year - age, 12, 28))
    id_digits = 0 if registered.year < 1986 else 15 if registered.year < 2000 else 18
    name = rng.choice(v["surnames"]) + "".join(rng.choices(v["given"], k=rng.choice((1, 2, 2))))
    return {
        "name": name,
        "sex": sex,
        "birth_date": birth.isoformat(),
        "id_number": _id_number(rng, birth, sex, digits=id_digits) if id_digits else None,
        "ethnicity": rng.choice(v["ethnicities"]),
        "hukou": _hukou(rng, office, former),
        "occupation": rng.choice(v["occupations"]),
        "education": rng.choice(v["education"]),
        "prior_status": rng.choice(v["prior_statuses"]) if registered.year > 1980 else "未婚",
    }


def _certificate(rng: random.Random, kind: str, office: Office, day: date) -> str:
    serial = rng.randint(1, 2999)
    if day.year >= 2009:
        prefix = {"marriage": "J", "divorce": "L", "reissue": rng.choice(("BJ", "BL"))}[kind]
        return f"{prefix}{office.code}-{day.year}-{serial:06d}"
    char = {"marriage": "结", "divorce": "离", "reissue": "补"}[kind]
    if day.year >= 2004:
        return f"云{office.county[0]}{char}字{rng.randint(1, 12):02d}{day:%y}{serial:05d}"
    return f"({day:%y}){office.county[0]}民{char}字第{serial:04d}号"


def make_record(rng: random.Random, *, former_towns: float | None = None) -> dict[str, Any]:
    """One registration as the truth file states it (without file and page); ``former_towns``
    is the share of hukous naming a township no longer in the table (``vocab.toml`` when
    ``None``)."""
    former = vocab()["former_town_share"] if former_towns is None else former_towns
    registered = _day(rng, date(1955, 1, 1), date(2025, 10, 31))
    kind = (
        "marriage"
        if registered.year < 2004
        else rng.choice(("marriage", "marriage", "divorce", "reissue"))
    )
    office = rng.choice([o for o in offices() if o.valid_on(registered)])
    return {
        "record_type": kind,
        "registration_date": registered.isoformat(),
        "office_code": office.code,
        "office_name": office.name,
        "certificate_no": _certificate(rng, kind, office, registered),
        "registrar": rng.choice(vocab()["registrars"]),
        "male": _party(rng, "男", registered, office, former),
        "female": _party(rng, "女", registered, office, former),
    }
