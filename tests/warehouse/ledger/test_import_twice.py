"""A second ``import-ledger`` of the same files adds nothing: no record, no review task, no
quarantined row, no person; the rows quarantined the first time are reported again, the same
rows for the same reasons, and their account on the documents is unchanged. On generated
ledgers with clerks' slips and variations, beside a file whose rows cannot all be keyed."""

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from batch.ledgers import LedgerSummary, import_ledgers
from synth.ledgers.ledgers import generate, write_ledgers
from warehouse.db import transaction
from warehouse.linkage import pending_records
from warehouse.models import (
    MarriageEvent,
    PartyRow,
    PersonLink,
    PersonRow,
    RecordRow,
    ReviewTask,
    SourceDocument,
)

HEADER = "登记日期,登记类别,证字号,男方姓名,男方身份证号,男方出生日期,女方姓名,女方出生日期"
UNKEYED = [
    "2010-05-01,结婚,J532301-2010-000001,程辉忠,532301199111152090,1991-11-15,李兰,1990-01-01",
    ",结婚,J532301-2010-000002,王刚,,1965-03-08,赵梅,1966-02-02",  # no date
    "2011-06-02,,J532301-2011-000003,周强,,1971-01-15,吴芳,1970-03-03",  # no business type
    # the first row's key again, with other values
    "2010-05-01,结婚,J532301-2010-000001,程辉忠,532301199111152090,1991-11-15,李芳,1990-01-01",
]


def _store(url: str) -> dict[str, Any]:
    with transaction(url) as session:
        counts: dict[str, Any] = {
            model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (
                RecordRow,
                PartyRow,
                ReviewTask,
                PersonRow,
                PersonLink,
                MarriageEvent,
                SourceDocument,
            )
        }
        counts["reasons"] = sorted(
            session.execute(select(SourceDocument.path, SourceDocument.reason)).tuples().all()
        )
        counts["pending"] = pending_records(session)
    return counts


def _quarantine(summary: LedgerSummary) -> list[tuple[str, int, str]]:
    return [(name, q.row, q.reason) for name, q in summary.quarantine]


def test_a_second_import_of_the_same_files_adds_nothing(store_url: str, tmp_path: Path) -> None:
    prefecture = generate(couples=300, seed=20261202, variations=0.25)
    paths = write_ledgers(prefecture, tmp_path / "ledgers")
    unkeyed = tmp_path / "532301-unkeyed-ledger.csv"
    unkeyed.write_bytes(("\n".join([HEADER, *UNKEYED]) + "\n").encode("gb18030"))
    paths.append(unkeyed)

    first = import_ledgers(store_url, paths)
    assert first.imported > 300 and first.to_review > 0
    assert [(name, row) for name, row, _ in _quarantine(first)] == [
        (unkeyed.name, 3),
        (unkeyed.name, 4),
        (unkeyed.name, 5),
    ]
    stored = _store(store_url)
    assert stored["pending"] == []  # the index holds what the import wrote

    second = import_ledgers(store_url, paths)
    assert second.counts() == {
        "rows_read": first.rows_read,
        "imported": 0,
        "already_present": first.rows_read - first.quarantined,
        "to_review": 0,
        "quarantined": first.quarantined,
    }
    assert _quarantine(second) == _quarantine(first)
    assert second.record_ids == []
    assert _store(store_url) == stored
