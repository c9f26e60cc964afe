"""The quality report's table of events that end or void a marriage: each event by its Chinese
name with its marriage and evidence, counted by kind, the person's number masked, on SQLite and
PostgreSQL; a batch's report shows the events of its marriages only."""

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hunyin.domain.idnumber import ids_in_text, mask
from tests.english import english_sentences
from tests.registry.people import archive_marriage, bride, groom, party
from validation.report import write_report
from warehouse.db import transaction
from warehouse.events import add_event, archive_note, event_key
from warehouse.models import MarriageEvent, RecordRow

OTHER = (party("王强", "男", date(1960, 1, 1), seq=5), party("赵梅", "女", date(1962, 2, 2), seq=6))


def _event(session: Session, record: RecordRow, kind: str, day: date, **extra: str) -> None:
    face = record.parties[1]
    add_event(
        session,
        event=MarriageEvent(
            natural_key=event_key(
                event_type=kind, marriage_record_id=record.id, role=face.role, person=None
            ),
            event_type=kind,
            event_date=day,
            marriage_record_id=record.id,
            role=face.role,
            person_id18=face.id18,
            person_name=face.name,
            person_birth_date=face.birth_date,
            evidence_document=extra.get("document", "离婚判决书"),
            evidence_number="(2010)楚民初字第12号",
            evidence_issuer=extra.get("issuer", "楚雄市人民法院"),
            archive_note=archive_note(
                event_type=kind,
                day=day,
                document="离婚判决书",
                number=None,
                issuer=None,
                marriage=record,
            ),
            office_code="532301",
            source_kind=extra.get("source", "live"),
            created_by="registrar",
        ),
    )


def test_the_report_lists_every_event_in_chinese_with_masked_numbers(
    store_url: str, tmp_path: Path
) -> None:
    archive_marriage(store_url, male=groom(), female=bride(), day=date(2000, 5, 5))
    archive_marriage(store_url, male=OTHER[0], female=OTHER[1], day=date(1985, 1, 1), key="b")
    with transaction(store_url) as session:
        first, second = session.scalars(select(RecordRow).order_by(RecordRow.id)).all()
        _event(session, first, "court_divorce", date(2010, 6, 1), source="ledger")
        _event(
            session,
            second,
            "death",
            date(2001, 3, 3),
            document="居民死亡医学证明",
            issuer="楚雄州人民医院",
        )
    with transaction(store_url) as session:
        html = write_report(session=session, out_dir=tmp_path, batch=None).read_text("utf-8")
        empty = write_report(session=session, out_dir=tmp_path, batch="other").read_text("utf-8")
    assert "<h2>终止或使婚姻无效的事件</h2>" in html
    table = html.split("<h2>终止或使婚姻无效的事件</h2>")[1].split("<h2>")[0]
    # counted by kind, then one row each, oldest first, by their Chinese names
    assert "<td>法院判决/调解离婚</td><td>1</td>" in table and "<td>死亡</td><td>1</td>" in table
    assert table.index("2001-03-03") < table.index("2010-06-01")
    assert "<th>事件</th><th>生效日期</th><th>当事人</th><th>身份证号（遮蔽）</th>" in table
    assert f"<td>{mask(bride()['id_number'])}</td>" in table
    assert "<td>台账</td>" in table and "<td>窗口录入</td>" in table
    assert "532324 " in table and "居民死亡医学证明" in table and "楚雄州人民医院" in table
    assert ids_in_text(html) == []
    assert english_sentences(html) == []
    # a batch holding none of these marriages lists none of their events
    events_part = empty.split("<h2>终止或使婚姻无效的事件</h2>")[1].split("<h2>")[0]
    assert "此范围内没有数据。" in events_part and "死亡</td>" not in events_part
