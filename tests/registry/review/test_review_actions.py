"""Correct and approve on both backends, without HTTP: the record reaches the status query."""

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from hunyin.settings import get_settings
from ocr.engines.base import TextLine
from ocr.pagexml import build_page, schema_errors, stored_page_file, versions, write_page
from ocr.reading import EngineReading, PageReading
from registry.review import actions
from registry.status import status_by_id
from registry.users import create_user
from tests.registry.review.queued import (
    MISREAD,
    SCAN,
    TRUE_ID,
    _misread,
    queue_misread,
)
from warehouse.db import transaction
from warehouse.models import PartyRow, RecordRow, ReviewTask, User


def test_correct_and_approve(store_url: str, samples_dir: Path) -> None:
    record_id = queue_misread(store_url, samples_dir)
    with transaction(store_url) as session:
        create_user(session, name="steward1", office_code="532301", role="steward")
    with transaction(store_url) as session:
        user = session.scalars(select(User)).one()
        row = session.get(RecordRow, record_id)
        assert row is not None
        issues = actions.correct(
            session,
            row=row,
            user=user,
            values={"male.id_number": TRUE_ID.lower(), "registrar": " 起志红 "},
            reason=None,
        )
        assert issues == []
        actions.approve(session, row=row, user=user, note="checked against the page")
    with transaction(store_url) as session:
        party = session.scalars(select(PartyRow).where(PartyRow.role == "male")).one()
        assert (party.id_number, party.id18) == (TRUE_ID, TRUE_ID)
        task = session.scalars(select(ReviewTask)).one()
        assert (task.state, task.resolved_by) == ("approved", "steward1")
        assert status_by_id(session, id_number=TRUE_ID)["status"] == "married"


def test_a_correction_is_a_new_version_of_the_pages_file(
    sqlite_url: str, samples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUNYIN_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("HUNYIN_INBOX_DIR", str(samples_dir))
    get_settings.cache_clear()
    try:
        record_id = queue_misread(sqlite_url, samples_dir)
        machine = stored_page_file(
            var_dir=tmp_path / "var", inbox_dir=samples_dir, scan=samples_dir / SCAN, page=1
        )
        assert machine is not None
        line = TextLine(MISREAD, 0.55, (300, 300, 900, 360))
        reading = PageReading(
            1654, 2339, False, 0.0, False, (), (EngineReading("e", "1", (line,)),)
        )
        write_page(machine, build_page(reading, _misread(), image_filename=str(SCAN)))
        before = machine.read_bytes()
        with transaction(sqlite_url) as session:
            create_user(session, name="steward1", office_code="532301", role="steward")
        with transaction(sqlite_url) as session:
            user = session.scalars(select(User)).one()
            row = session.get(RecordRow, record_id)
            assert row is not None
            actions.correct(
                session, row=row, user=user, values={"male.id_number": TRUE_ID}, reason=None
            )
    finally:
        get_settings.cache_clear()
    assert machine.read_bytes() == before
    (corrected,) = versions(machine)[1:]
    assert schema_errors(corrected.read_bytes()) == []
    texts = re.findall(r"<Unicode>(\w+)</Unicode>", corrected.read_text(encoding="utf-8"))
    assert texts == [TRUE_ID, MISREAD]
    assert "steward1" in corrected.read_text(encoding="utf-8")
