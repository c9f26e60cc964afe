import shutil
from pathlib import Path

from sqlalchemy import func, select

from batch.ledgers import import_ledger, import_ledgers
from hunyin.domain.idnumber import upgrade
from warehouse.db import transaction
from warehouse.models import FieldProvenance, PartyRow, RecordRow, ReviewTask, SourceDocument

HEADER = "登记日期,登记类别,证字号,男方姓名,男方身份证号,男方出生日期,女方姓名,女方出生日期"
ROWS = [
    "2010-05-01,结婚,J532301-2010-000001,程辉忠,532301199111152090,1991-11-15,李兰,1990-01-01",
    "1990-06-02,结婚登记,(90)楚民结字第0007号,王刚,532301650308283,1965-03-08,赵梅,1966-02-02",
    "2012-07-03,离婚,L532301-2012-000002,周强,532301199111152091,1991-11-15,吴芳,1990-03-03",
    "2013-08-04,结婚,,孙平,,1980-01-01,叶琴,1982-04-04",
]


def _ledger(folder: Path, rows: list[str], name: str = "532301-ledger.csv") -> Path:
    path = folder / name
    path.write_bytes(("\n".join([HEADER, *rows]) + "\n").encode("gb18030"))
    return path


def _count(url: str, model: type) -> int:
    with transaction(url) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_samples_import_once(store_url: str, samples_dir: Path) -> None:
    paths = sorted((samples_dir / "ledgers").glob("*-ledger.*"))
    first = import_ledgers(store_url, paths)
    assert first.counts() == {
        "rows_read": 478,
        "imported": 478,
        "already_present": 0,
        "to_review": 0,
        "quarantined": 0,
    }
    second = import_ledgers(store_url, paths)
    assert second.imported == 0
    assert second.already_present == 478
    assert _count(store_url, RecordRow) == 478
    assert _count(store_url, PartyRow) == 956
    assert _count(store_url, FieldProvenance) == 0


def test_every_row_is_accounted_for(store_url: str, tmp_path: Path) -> None:
    with transaction(store_url) as session:
        summary = import_ledger(session, _ledger(tmp_path, ROWS))
    assert summary.counts() == {
        "rows_read": 4,
        "imported": 3,
        "already_present": 0,
        "to_review": 1,
        "quarantined": 0,
    }
    # A row without a certificate number is kept, under its office, date, type and parties.
    assert summary.quarantine == []
    with transaction(store_url) as session:
        doubtful = session.scalars(
            select(RecordRow).where(
                RecordRow.status == "needs_review", RecordRow.certificate_no.is_not(None)
            )
        ).one()
        task = session.scalars(select(ReviewTask).where(ReviewTask.record_id == doubtful.id)).one()
        upgraded = session.scalar(select(PartyRow.id18).where(PartyRow.name == "王刚"))
    assert doubtful.certificate_no == "L532301-2012-000002"
    assert doubtful.page == 4
    assert (task.record_id, task.kind, task.state) == (doubtful.id, "rule", "open")
    assert task.reasons[0]["field"] == "male.id_number"
    assert upgraded == upgrade("532301650308283")


def test_corrected_file_updates_in_place(store_url: str, tmp_path: Path) -> None:
    with transaction(store_url) as session:
        import_ledger(session, _ledger(tmp_path, ROWS[:2]))
    fixed = [ROWS[0].replace("李兰", "李兰英"), ROWS[1]]
    corrected = tmp_path / "fixed"
    corrected.mkdir()
    with transaction(store_url) as session:
        summary = import_ledger(session, _ledger(corrected, fixed))
    assert (summary.imported, summary.already_present) == (1, 1)
    assert _count(store_url, RecordRow) == 2
    with transaction(store_url) as session:
        name = session.scalar(select(PartyRow.name).where(PartyRow.role == "female").limit(1))
        rows = session.scalars(select(FieldProvenance).order_by(FieldProvenance.id)).all()
    assert name in {"李兰英", "赵梅"}
    assert [(r.field, r.value, r.previous_value) for r in rows] == [
        ("female.name", "李兰", None),
        ("female.name", "李兰英", "李兰"),
    ]
    assert rows[0].source_document_id != rows[1].source_document_id
    assert rows[0].page == rows[1].page == 2


def test_same_file_elsewhere_is_one_document(store_url: str, tmp_path: Path) -> None:
    path = _ledger(tmp_path, ROWS[:1])
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(path, copy / path.name)
    assert import_ledgers(store_url, [path, copy / path.name]).already_present == 1


def test_repeated_and_conflicting_rows(store_url: str, tmp_path: Path) -> None:
    other = ROWS[0].replace("李兰", "李芳")
    with transaction(store_url) as session:
        summary = import_ledger(session, _ledger(tmp_path, [ROWS[0], ROWS[0], other]))
    assert (summary.imported, summary.already_present, summary.quarantined) == (1, 1, 1)
    assert "as row 2" in summary.quarantine[0][1].reason


def test_unreadable_file_is_reported_and_others_load(store_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "532302-ledger.csv"
    bad.write_text("日期,类型,结婚证号,男姓名,女姓名,血型\n", encoding="utf-8")
    summary = import_ledgers(store_url, [bad, _ledger(tmp_path, ROWS[:1])])
    assert summary.imported == 1
    assert summary.failed == ["532302-ledger.csv: cannot map columns: 血型"]
    with transaction(store_url) as session:
        refused = session.scalars(
            select(SourceDocument).where(SourceDocument.outcome == "quarantined")
        ).one()
    assert (refused.path, refused.reason) == (str(bad.resolve()), summary.failed[0])


def test_a_ledger_changed_at_its_path_is_refused_not_read_as_new(
    store_url: str, tmp_path: Path
) -> None:
    path = _ledger(tmp_path, ROWS[:2])
    assert import_ledgers(store_url, [path]).imported == 2
    _ledger(tmp_path, [ROWS[0].replace("李兰", "李兰英"), ROWS[1]])
    summary = import_ledgers(store_url, [path])
    assert summary.imported == 0 and len(summary.failed) == 1
    assert "changed since intake" in summary.failed[0]
    assert _count(store_url, RecordRow) == 2
    with transaction(store_url) as session:
        outcomes = session.scalars(select(SourceDocument.outcome).order_by(SourceDocument.id))
        assert list(outcomes) == ["records", "quarantined"]


def test_old_rows_without_a_certificate_number_are_kept_once(
    store_url: str, tmp_path: Path
) -> None:
    rows = [
        "1962-03-10,结婚,,李正,,1938-01-01,何芬,1940-02-02",
        "1962-03-10,结婚,,张德,,1936-05-05,王英,1941-06-06",  # the same day, other parties
    ]
    with transaction(store_url) as session:
        first = import_ledger(session, _ledger(tmp_path, rows))
    assert (first.imported, first.quarantined) == (2, 0)
    with transaction(store_url) as session:
        again = import_ledger(session, _ledger(tmp_path, rows))
        keys = session.scalars(select(RecordRow.natural_key).order_by(RecordRow.id)).all()
    assert (again.imported, again.already_present) == (0, 2)
    assert keys == [
        "ledger:532301:parties:李正/1938-01-01+何芬/1940-02-02:1962-03-10:marriage",
        "ledger:532301:parties:张德/1936-05-05+王英/1941-06-06:1962-03-10:marriage",
    ]


def test_each_row_carries_the_office_valid_on_its_date(store_url: str, tmp_path: Path) -> None:
    # One ledger kept across the renaming of 禄丰县 (532331) to 禄丰市 (532302) on 2021-04-01.
    rows = [
        "2019-05-01,结婚,J532331-2019-000011,程辉忠,532301199111152090,1991-11-15,李兰,1990-01-01",
        "2021-05-01,结婚,J532302-2021-000012,王刚,532301650308283,1965-03-08,赵梅,1966-02-02",
    ]
    with transaction(store_url) as session:
        summary = import_ledger(session, _ledger(tmp_path, rows, name="532302-ledger.csv"))
        stored = session.execute(
            select(RecordRow.office_code, RecordRow.office_name, RecordRow.issues).order_by(
                RecordRow.registration_date
            )
        ).all()
    assert summary.quarantined == 0
    assert [(code, name) for code, name, _ in stored] == [
        ("532331", "禄丰县民政局"),
        ("532302", "禄丰市民政局"),
    ]
    office_rules = {i["rule"] for _, _, issues in stored for i in issues if "office" in i["rule"]}
    assert office_rules == set()
