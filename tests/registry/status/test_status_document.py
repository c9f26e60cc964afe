"""The status document of ``hunyin status`` and ``GET /api/v1/status``, from a linked store."""

import json
from datetime import date

import pytest
from sqlalchemy import select

from cli.main import main
from hunyin.errors import InputError
from hunyin.settings import get_settings
from registry.status import status_by_id, status_by_name
from tests.warehouse.linkage.helpers import event, load, number
from warehouse.db import transaction
from warehouse.linkage import link_records
from warehouse.models import AuditEntry

BORN = date(1952, 3, 8)
KEY = number(BORN, sex="女", address="532322")
OLD_NUMBER = KEY[:6] + KEY[8:17]
HUKOU = "云南省楚雄彝族自治州双柏县妥甸镇河边村委会"
ELSEWHERE = "云南省楚雄彝族自治州武定县狮山镇新村村委会核桃村102号"
WIFE = {"name": "李秀英", "birth_date": BORN, "ethnicity": "汉族", "hukou": HUKOU}
HUSBAND = {"name": "张国强", "birth_date": date(1950, 1, 2), "hukou": HUKOU}


def _history(url: str) -> None:
    """1979 marriage without numbers, 1993 divorce with a 15-digit number, 2001 remarriage."""
    spouse_key = number(date(1950, 1, 2), sex="男")
    load(
        url,
        [
            event(
                "marriage",
                date(1979, 5, 1),
                "(79)双民结字第0001号",
                male={**HUSBAND, "id_number": None},
                female={**WIFE, "id_number": None},
            ),
            event(
                "divorce",
                date(1993, 6, 1),
                "(93)楚民离字第0002号",
                male={**HUSBAND, "id_number": spouse_key},
                female={**WIFE, "id_number": OLD_NUMBER},
            ),
            event(
                "marriage",
                date(2001, 9, 9),
                "(01)楚民结字第0003号",
                male={"name": "王建华", "birth_date": date(1949, 7, 7), "id_number": None},
                female={**WIFE, "id_number": KEY},
            ),
        ],
    )
    with transaction(url) as session:
        link_records(session)


def test_fifteen_and_eighteen_digits_find_the_same_history(store_url: str) -> None:
    _history(store_url)
    with transaction(store_url) as session:
        by_new = status_by_id(session, id_number=KEY)
        by_old = status_by_id(session, id_number=OLD_NUMBER)
    assert by_new["events"] == by_old["events"]
    assert by_new["status"] == "married"
    assert [e["type"] for e in by_new["events"]] == ["marriage", "divorce", "marriage"]
    assert [e["match"] for e in by_new["events"]] == ["probable", "id", "id"]
    assert by_new["events"][0]["probability"] >= get_settings().link_threshold
    spouse = by_new["events"][1]["spouse"]["id_number_masked"]
    assert "******" in spouse and spouse.startswith("532301")
    assert by_new["flags"] == []


def test_a_name_and_birth_date_find_the_one_person(store_url: str) -> None:
    _history(store_url)
    with transaction(store_url) as session:
        doc = status_by_name(session, name="李秀英", birth_date=BORN)
    assert doc["status"] == "married"
    assert len(doc["events"]) == 3


def test_namesakes_are_candidates_and_need_verification(store_url: str) -> None:
    _history(store_url)
    load(
        store_url,
        [
            event(
                "marriage",
                date(1975, 9, 9),
                "(75)武民结字第0009号",
                male={"name": "赵德明", "birth_date": date(1948, 2, 2), "id_number": None},
                female={**WIFE, "hukou": ELSEWHERE, "id_number": None},
            ),
        ],
    )
    with transaction(store_url) as session:
        link_records(session)
        doc = status_by_name(session, name="李秀英", birth_date=BORN)
        by_id = status_by_id(session, id_number=KEY)
    assert doc["status"] == "needs_verification"
    assert doc["events"] == []
    assert {c["certificate_no"] for c in doc["candidates"]} >= {"(75)武民结字第0009号"}
    # The numbered person's own history stands: the namesake's marriage would not change it.
    assert by_id["status"] == "married"


def test_a_candidate_that_would_change_the_answer_needs_verification(store_url: str) -> None:
    load(
        store_url,
        [
            event(
                "marriage",
                date(1995, 5, 1),
                "J1",
                male={**HUSBAND, "id_number": None},
                female={**WIFE, "id_number": KEY},
            ),
            event(
                "divorce",
                date(1998, 6, 1),
                "L1",
                male={"name": "赵德明", "birth_date": date(1948, 2, 2), "id_number": None},
                female={**WIFE, "hukou": ELSEWHERE, "id_number": None},
            ),
        ],
    )
    with transaction(store_url) as session:
        link_records(session)
        doc = status_by_id(session, id_number=KEY)
    assert [e["type"] for e in doc["events"]] == ["marriage"]
    assert [c["type"] for c in doc["candidates"]] == ["divorce"]
    assert doc["candidates"][0]["probability"] < get_settings().link_threshold
    assert doc["status"] == "needs_verification"


def test_bigamy_is_flagged(store_url: str) -> None:
    load(
        store_url,
        [
            event(
                "marriage",
                date(1995, 5, 1),
                "J1",
                male={**HUSBAND, "id_number": None},
                female={**WIFE, "id_number": KEY},
            ),
            event(
                "marriage",
                date(1999, 6, 1),
                "J2",
                male={"name": "赵德明", "birth_date": date(1948, 2, 2), "id_number": None},
                female={**WIFE, "id_number": KEY},
            ),
        ],
    )
    with transaction(store_url) as session:
        link_records(session)
        doc = status_by_id(session, id_number=KEY)
    assert doc["flags"] == ["bigamy"]
    assert doc["status"] == "married"


def test_a_malformed_number_is_refused(store_url: str) -> None:
    with transaction(store_url) as session, pytest.raises(InputError) as caught:
        status_by_id(session, id_number=KEY[:-1] + "0" if KEY[-1] != "0" else KEY[:-1] + "1")
    assert KEY not in str(caught.value)


def test_the_command_prints_the_document_and_audits_the_query(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _history(sqlite_url)
    assert main(["status", "--id", OLD_NUMBER, "--db", sqlite_url, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "married" and len(doc["events"]) == 3
    with transaction(sqlite_url) as session:
        entries = list(session.scalars(select(AuditEntry)))
    assert [e.action for e in entries] == ["status_query"]
    assert entries[0].subject is not None and OLD_NUMBER not in entries[0].subject


def test_a_name_without_a_birth_date_is_a_usage_error(sqlite_url: str) -> None:
    assert main(["status", "--name", "李秀英", "--db", sqlite_url]) == 2
