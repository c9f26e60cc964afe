"""An event row whose marriage is in another file of the same import is stored whichever file
comes first; a row with no marriage anywhere in the import is quarantined with the reason.
Both import paths (the command's ``import_ledgers``, the batch's ``import_batch``), both
orders of the files, on SQLite and PostgreSQL."""

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from batch.ledgers import LedgerSummary, import_batch, import_ledgers
from registry.status import status_by_id
from warehouse.db import transaction
from warehouse.models import MarriageEvent, SourceDocument

HEADER = "登记日期,登记类别,证字号,男方姓名,男方身份证号,男方出生日期,女方姓名,女方出生日期,死亡方"
MARRIAGES = [
    "2000-05-01,结婚,J532301-2000-000001,程辉忠,532301197111150037,1971-11-15,李兰,1972-01-01,",
    "1962-03-10,结婚,,李正,,1938-01-01,何芬,1940-02-02,",
]
EVENTS = [
    "2010-06-01,法院判决离婚,(2010)楚民初字第12号,程辉忠,532301197111150037,1971-11-15,李兰,1972-01-01,",
    "1990-01-01,死亡,,李正,,1938-01-01,何芬,1940-02-02,男方",
    "1991-01-01,死亡,,王五,,1938-01-01,赵六,1940-02-02,女方",  # no such marriage anywhere
]


def _file(folder: Path, name: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_bytes(("\n".join([HEADER, *rows]) + "\n").encode("gb18030"))
    return path


def _by_command(url: str, paths: list[Path]) -> LedgerSummary:
    return import_ledgers(url, paths)


def _by_batch(url: str, paths: list[Path]) -> LedgerSummary:
    summary, refused = import_batch(url, paths=paths, office_code=None, batch="2024-01")
    assert refused == {}
    return summary


@pytest.mark.parametrize("importer", [_by_command, _by_batch], ids=["command", "batch"])
@pytest.mark.parametrize("events_first", [True, False], ids=["events-first", "marriages-first"])
def test_events_find_their_marriage_in_any_file_of_the_import(
    store_url: str,
    tmp_path: Path,
    importer: Callable[[str, list[Path]], LedgerSummary],
    events_first: bool,
) -> None:
    marriages = _file(tmp_path, "532301-marriages.csv", MARRIAGES)
    events = _file(tmp_path, "532301-events.csv", EVENTS)
    paths = [events, marriages] if events_first else [marriages, events]
    summary = importer(store_url, paths)
    assert summary.counts() == {
        "rows_read": 5,
        "imported": 4,
        "already_present": 0,
        "to_review": 0,
        "quarantined": 1,
    }
    assert [(name, q.row) for name, q in summary.quarantine] == [("532301-events.csv", 4)]
    assert "no marriage" in summary.quarantine[0][1].reason
    with transaction(store_url) as session:
        stored = session.scalars(select(MarriageEvent).order_by(MarriageEvent.event_date)).all()
        reasons = dict(session.execute(select(SourceDocument.path, SourceDocument.reason)).all())
        divorced = status_by_id(session, id_number="532301197111150037")
    assert [(e.event_type, e.role) for e in stored] == [("death", "male"), ("court_divorce", None)]
    # the events file's account names the one row that has no marriage, the other file none
    assert reasons[str(marriages.resolve())] is None
    assert (reasons[str(events.resolve())] or "").startswith("1 rows quarantined: row 4:")
    assert divorced["status"] == "divorced"
    assert [e["type"] for e in divorced["events"]] == ["marriage", "court_divorce"]

    again = importer(store_url, list(reversed(paths)))
    assert (again.imported, again.already_present, again.quarantined) == (0, 4, 1)
