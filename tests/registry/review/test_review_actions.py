"""Correct and approve on both backends, without HTTP: the record reaches the status query."""

from pathlib import Path

from sqlalchemy import select

from registry.review import actions
from registry.status import status_by_id
from registry.users import create_user
from tests.registry.review.queued import TRUE_ID, queue_misread
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
