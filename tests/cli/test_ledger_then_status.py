"""A ledger imported, and the very next status query sees the whole history: no other command."""

import json
from pathlib import Path

import pytest

from cli.main import main

PARTY = ("姓名", "身份证号", "出生日期", "民族", "户籍地")
HEADER = ",".join(
    ["登记日期", "登记类别", "证字号", *(s + c for s in ("男方", "女方") for c in PARTY)]
)
HUKOU = "云南省楚雄彝族自治州楚雄市鹿城镇西关村"
# 张德明 married 李秀英 in 1972, before either had a number; the 1991 divorce carries both.
MARRIAGE_1972 = (
    f"1972-03-10,结婚,(72)楚民结字第0012号,张德明,,1950-04-02,彝,{HUKOU},"
    f"李秀英,,1952-06-01,汉,{HUKOU}"
)
DIVORCE_1991 = (
    f"1991-05-06,离婚,(91)楚民离字第0003号,张德明,532301195004021230,1950-04-02,彝族,{HUKOU},"
    f"李秀英,532301195206011241,1952-06-01,汉族,{HUKOU}"
)
HIS_NUMBER = "532301195004021230"


def _ledger(folder: Path, rows: list[str]) -> Path:
    path = folder / "532301-ledger.csv"
    path.write_bytes(("\n".join([HEADER, *rows]) + "\n").encode("gb18030"))
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(list(argv)) == 0
    out: dict = json.loads(capsys.readouterr().out)
    return out


def test_the_next_status_query_sees_a_marriage_before_1985(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = _ledger(tmp_path, [MARRIAGE_1972, DIVORCE_1991])
    counts = _run(capsys, "import-ledger", str(ledger), "--db", sqlite_url, "--json")
    assert counts["imported"] == 2 and counts["to_review"] == 0
    doc = _run(capsys, "status", "--id", HIS_NUMBER, "--db", sqlite_url, "--json")
    assert [(e["type"], e["date"]) for e in doc["events"]] == [
        ("marriage", "1972-03-10"),
        ("divorce", "1991-05-06"),
    ]
    marriage = doc["events"][0]
    assert marriage["match"] == "probable" and marriage["probability"] >= doc["threshold"]
    assert doc["status"] == "divorced" and doc["candidates"] == []
    # The index is current already: linking on demand finds nothing to do.
    assert _run(capsys, "link", "--db", sqlite_url, "--json")["parties"] == 0


def test_a_record_waiting_for_review_makes_the_answer_need_verification(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A 1995 remarriage whose bride's birth date cannot be read waits for a steward.
    remarriage = (
        f"1995-02-01,结婚,(95)楚民结字第0100号,张德明,532301195004021230,1950-04-02,彝族,{HUKOU},"
        f"王芳,,1960-13-40,汉族,{HUKOU}"
    )
    ledger = _ledger(tmp_path, [MARRIAGE_1972, DIVORCE_1991, remarriage])
    counts = _run(capsys, "import-ledger", str(ledger), "--db", sqlite_url, "--json")
    assert counts["to_review"] == 1
    doc = _run(capsys, "status", "--id", HIS_NUMBER, "--db", sqlite_url, "--json")
    assert doc["status"] == "needs_verification"
    assert [(c["type"], c["date"], c["match"], c["waiting"]) for c in doc["candidates"]] == [
        ("marriage", "1995-02-01", "candidate", True)
    ]
    by_name = _run(
        capsys,
        "status",
        "--name",
        "张德明",
        "--birth-date",
        "1950-04-02",
        "--db",
        sqlite_url,
        "--json",
    )
    assert by_name["status"] == "needs_verification"
    assert any(c["date"] == "1995-02-01" for c in by_name["candidates"])


def test_records_the_index_has_not_linked_need_verification(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import delete

    from warehouse.db import transaction
    from warehouse.models import PersonLink

    ledger = _ledger(tmp_path, [MARRIAGE_1972, DIVORCE_1991])
    _run(capsys, "import-ledger", str(ledger), "--db", sqlite_url, "--json")
    with transaction(sqlite_url) as session:
        session.execute(delete(PersonLink))  # as if a writer had not linked
    doc = _run(capsys, "status", "--id", HIS_NUMBER, "--db", sqlite_url, "--json")
    assert doc["status"] == "needs_verification"
    assert {c["date"] for c in doc["candidates"]} == {"1972-03-10"}
    assert _run(capsys, "link", "--db", sqlite_url, "--json")["parties"] == 4
    assert (
        _run(capsys, "status", "--id", HIS_NUMBER, "--db", sqlite_url, "--json")["status"]
        == "divorced"
    )


def test_a_marriage_written_as_clerks_did_is_still_found(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 1972: traditional characters, his birth date by the lunar calendar (1950-02-16 is the
    # civil 1950-04-02), her given name in a same-sound character, ethnicity abbreviated.
    written = (
        f"1972-03-10,结婚,(72)楚民结字第0012号,張德明,,1950-02-16,彝,{HUKOU},"
        f"李琇英,,1952-06-01,汉,{HUKOU}"
    )
    # And a namesake born the same day, elsewhere, married to someone else: not him.
    namesake = (
        "1974-09-09,结婚,(74)楚民结字第0031号,张德明,,1950-04-02,汉,云南省楚雄彝族自治州姚安县栋川镇,"
        "赵兰,,1953-01-01,汉,云南省楚雄彝族自治州姚安县栋川镇"
    )
    ledger = _ledger(tmp_path, [written, namesake, DIVORCE_1991])
    counts = _run(capsys, "import-ledger", str(ledger), "--db", sqlite_url, "--json")
    assert counts["imported"] == 3 and counts["to_review"] == 0
    doc = _run(capsys, "status", "--id", HIS_NUMBER, "--db", sqlite_url, "--json")
    assert [(e["type"], e["date"], e["match"]) for e in doc["events"]] == [
        ("marriage", "1972-03-10", "probable"),
        ("divorce", "1991-05-06", "id"),
    ]
    assert all(
        c["certificate_no"] != "(74)楚民结字第0031号" or c["match"] == "candidate"
        for c in doc["candidates"]
    )


def test_a_name_whose_record_knows_only_the_birth_year_is_never_no_record(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    undated = (
        f"1968-11-02,结婚,(68)楚民结字第0044号,罗正华,,1946年,彝族,{HUKOU},"
        f"普秀兰,,1948-01-05,彝族,{HUKOU}"
    )
    _run(capsys, "import-ledger", str(_ledger(tmp_path, [undated])), "--db", sqlite_url, "--json")
    doc = _run(
        capsys,
        "status",
        "--name",
        "罗正华",
        "--birth-date",
        "1946-07-01",
        "--db",
        sqlite_url,
        "--json",
    )
    # Maybe him, maybe a namesake: a registrar must look, never read "no record" as free to marry.
    assert doc["status"] == "needs_verification"
    assert [c["certificate_no"] for c in doc["candidates"]] == ["(68)楚民结字第0044号"]
