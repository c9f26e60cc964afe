"""Ledger rows recording a court divorce, a death, a void or annulled marriage become events of
the couple's marriage; the survivor's status reads them; rows that cannot be placed are
quarantined with the reason, and a second import adds nothing."""

from datetime import date
from pathlib import Path

from sqlalchemy import select

from batch.ledgers import import_ledger
from registry.status import status_by_id, status_by_name
from warehouse.db import transaction
from warehouse.models import MarriageEvent

HEADER = "登记日期,登记类别,证字号,男方姓名,男方身份证号,男方出生日期,女方姓名,女方出生日期,死亡方"
ROWS = [
    "2000-05-01,结婚,J532301-2000-000001,程辉忠,532301197111150037,1971-11-15,李兰,1972-01-01,",
    "1962-03-10,结婚,,李正,,1938-01-01,何芬,1940-02-02,",
    "2010-06-01,法院判决离婚,(2010)楚民初字第12号,程辉忠,532301197111150037,1971-11-15,李兰,1972-01-01,",
    "1990-01-01,死亡,,李正,,1938-01-01,何芬,1940-02-02,男方",
    "1991-01-01,死亡,,王五,,1938-01-01,赵六,1940-02-02,女方",  # no such marriage
    "1992-01-01,死亡,,李正,,1938-01-01,何芬,1940-02-02,",  # who died is not said
]


def _ledger(folder: Path) -> Path:
    path = folder / "532301-ledger.csv"
    path.write_bytes(("\n".join([HEADER, *ROWS]) + "\n").encode("gb18030"))
    return path


def test_event_rows_become_events(store_url: str, tmp_path: Path) -> None:
    with transaction(store_url) as session:
        first = import_ledger(session, _ledger(tmp_path))
    assert first.counts() == {
        "rows_read": 6,
        "imported": 4,
        "already_present": 0,
        "to_review": 0,
        "quarantined": 2,
    }
    reasons = {q.row: q.reason for _, q in first.quarantine}
    assert "no marriage" in reasons[6]
    assert "who died" in reasons[7]
    with transaction(store_url) as session:
        again = import_ledger(session, _ledger(tmp_path))
        events = session.scalars(select(MarriageEvent).order_by(MarriageEvent.event_date)).all()
        divorced = status_by_id(session, id_number="532301197111150037")
        widow = status_by_name(session, name="何芬", birth_date=date(1940, 2, 2))
    assert (again.imported, again.already_present, again.quarantined) == (0, 4, 2)
    assert [(e.event_type, e.role, e.source_kind) for e in events] == [
        ("death", "male", "ledger"),
        ("court_divorce", None, "ledger"),
    ]
    assert "登记台账" in events[0].archive_note
    assert divorced["status"] == "divorced"
    assert [e["type"] for e in divorced["events"]] == ["marriage", "court_divorce"]
    # Without ID numbers nothing links the widow for certain: her marriage is a candidate.
    assert widow["status"] == "needs_verification"
    assert [c["type"] for c in widow["candidates"]] == ["marriage"]
