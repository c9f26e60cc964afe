"""Test people: valid ID numbers on demand, case bodies, and archive records in the store."""

from datetime import date
from typing import Any

from hunyin.domain.idnumber import check_character
from hunyin.schema import Party
from tests.factories import record
from warehouse.db import transaction
from warehouse.keys import scan_key
from warehouse.linkage import link_pending
from warehouse.loading import Keyed, upsert_records


def id_number(born: date, *, sex: str, address: str = "532301", seq: int = 1) -> str:
    """A well-formed 18-digit number; the sequence parity follows ``sex``."""
    sequence = seq * 2 + (1 if sex == "男" else 0)
    first17 = f"{address}{born:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_character(first17)


def party(
    name: str, sex: str, born: date, *, hukou: str | None = "532301", seq: int = 1, **extra: Any
) -> dict[str, Any]:
    """A party of a request body, with a matching ID number unless ``id_number`` is given."""
    body: dict[str, Any] = {
        "name": name,
        "sex": sex,
        "birth_date": born.isoformat(),
        "id_number": id_number(born, sex=sex, seq=seq),
        "hukou_code": hukou,
    }
    return body | extra


def groom(**extra: Any) -> dict[str, Any]:
    return party("张伟", "男", date(1995, 3, 4), **extra)


def bride(**extra: Any) -> dict[str, Any]:
    return party("李娜", "女", date(1997, 8, 9), seq=2, **extra)


def case(
    kind: str = "marriage",
    *,
    office: str = "532301",
    day: str = "2023-06-01",
    parties: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A body for ``/eligibility`` or ``/registrations``."""
    return {
        "kind": kind,
        "office_code": office,
        "date": day,
        "parties": parties if parties is not None else [groom(), bride()],
    } | extra


def archive_marriage(
    url: str,
    *,
    male: dict[str, Any],
    female: dict[str, Any],
    day: date,
    office: str = "532324",
    kind: str = "marriage",
    key: str = "a",
) -> None:
    """Put an accepted archive record of the couple into the store and index it."""
    parties = {
        role: Party(
            name=p["name"],
            sex=p["sex"],
            birth_date=date.fromisoformat(p["birth_date"]),
            id_number=p.get("id_number"),
        )
        for role, p in (("male", male), ("female", female))
    }
    prefix = "J" if kind == "marriage" else "L"
    rec = record(
        record_type=kind,
        registration_date=day,
        office_code=office,
        certificate_no=f"{prefix}{office}-{day.year}-{sum(key.encode()):06d}",
        male=parties["male"],
        female=parties["female"],
    )
    with transaction(url) as session:
        upsert_records(
            session,
            items=[Keyed(key=scan_key(sha256=key.ljust(64, "0"), page=1), record=rec)],
            source_kind="scan",
            batch="test",
            engine="test",
        )
        link_pending(session)
