"""No correction, approval or rejection loses a record, and none approves an error.

Findings of issue 12: correcting only the registrar of an accepted marriage took it out of the
store and of every queue; a record with the reader's own error (``male.occupation · format``)
was approved as is. Both backends.
"""

import itertools
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hunyin.domain.idnumber import check_character
from hunyin.schema import Issue
from registry.errors import ApiError
from registry.review import actions
from registry.status import status_by_id
from registry.users import create_user
from tests.factories import party, record
from warehouse.db import transaction
from warehouse.linkage import link_records
from warehouse.loading import Keyed, upsert_records
from warehouse.models import AuditEntry, RecordRow, ReviewTask, User

_SERIAL = itertools.count(1)


def _husband_id() -> str:
    first17 = f"53230119911115{2 * next(_SERIAL) % 1000 + 1:03d}"
    return first17 + check_character(first17)


def _load(url: str, *, issues: Sequence[Issue] = (), status: str = "accepted") -> tuple[int, str]:
    """A stored record (accepted, or waiting with ``issues``); its id and the husband's number."""
    number = _husband_id()
    item = record(
        status=status,
        issues=list(issues),
        male=party("male", id_number=number),
        certificate_no=f"J532301-2018-{number[-6:]}",
    )
    with transaction(url) as session:
        upsert_records(
            session,
            items=[Keyed(key=f"scan:{number}:1", record=item)],
            source_kind="scan",
            batch="b",
            engine="test",
        )
        row_id = session.scalars(
            select(RecordRow.id).where(RecordRow.natural_key == f"scan:{number}:1")
        ).one()
        link_records(session, record_ids=[row_id])
    return row_id, number


@pytest.fixture
def users(store_url: str) -> dict[str, str]:
    with transaction(store_url) as session:
        for role in ("steward", "admin"):
            if session.scalar(select(User.id).where(User.name == role)) is None:
                create_user(session, name=role, office_code="532301", role=role)
    return {"steward": "steward", "admin": "admin"}


def _act(url: str, record_id: int, who: str, step: Any) -> None:
    """One step in its own transaction; a refused step changes nothing."""
    try:
        with transaction(url) as session:
            user = session.scalars(select(User).where(User.name == who)).one()
            row = session.get(RecordRow, record_id)
            assert row is not None
            step(session, row, user)
    except ApiError as exc:
        assert exc.status in (403, 422)


def _where(url: str, record_id: int, number: str) -> str:
    """The record is accepted, in an open task, or rejected with a reason; the husband's
    status holds his marriage, or says it needs verifying, unless the record was rejected."""
    with transaction(url) as session:
        row = session.get(RecordRow, record_id)
        assert row is not None
        task = session.scalar(select(ReviewTask).where(ReviewTask.record_id == record_id))
        status = status_by_id(session, id_number=number)["status"]
    if row.status == "needs_review":
        assert task is not None and task.state == "open"
        assert status == "needs_verification"
    elif row.status == "rejected":
        assert task is not None and task.state == "rejected" and task.resolution
    else:
        assert row.status == "accepted"
        assert status == "married"
    return row.status


def test_a_registrar_correction_keeps_the_marriage_accepted(
    store_url: str, users: dict[str, str]
) -> None:
    record_id, number = _load(store_url)
    fix = {"registrar": "李文"}
    _act(
        store_url,
        record_id,
        "steward",
        lambda s, r, u: actions.correct(s, row=r, user=u, values=fix, reason=None),
    )
    assert _where(store_url, record_id, number) == "accepted"


def test_a_correction_that_breaks_a_rule_opens_a_task(
    store_url: str, users: dict[str, str]
) -> None:
    record_id, number = _load(store_url)
    wrong = {"male.sex": "女"}
    _act(
        store_url,
        record_id,
        "steward",
        lambda s, r, u: actions.correct(s, row=r, user=u, values=wrong, reason=None),
    )
    assert _where(store_url, record_id, number) == "needs_review"
    with transaction(store_url) as session:
        doc = status_by_id(session, id_number=number)
    assert [c["record_id"] for c in doc["candidates"]] == [record_id]


def test_the_readers_error_blocks_approval_until_corrected_or_overridden(
    store_url: str, users: dict[str, str]
) -> None:
    doubt = Issue(field="male.occupation", rule="format", message="☑教师", severity="error")
    record_id, number = _load(store_url, issues=[doubt], status="needs_review")

    def approve(override: bool, note: str | None) -> Any:
        return lambda s, r, u: actions.approve(s, row=r, user=u, note=note, override=override)

    _act(store_url, record_id, "steward", approve(False, None))
    _act(store_url, record_id, "steward", approve(True, "looked at the page"))  # not allowed
    _act(store_url, record_id, "admin", approve(True, "  "))  # no reason
    assert _where(store_url, record_id, number) == "needs_review"
    _act(store_url, record_id, "admin", approve(True, "the page says 教师"))
    assert _where(store_url, record_id, number) == "accepted"
    with transaction(store_url) as session:
        actions_seen = session.scalars(select(AuditEntry.action)).all()
    assert "review_override" in actions_seen


def test_typing_the_field_clears_the_readers_doubt(store_url: str, users: dict[str, str]) -> None:
    doubt = Issue(field="male.id_number", rule="id-unconfirmed", message="?", severity="error")
    record_id, number = _load(store_url, issues=[doubt], status="needs_review")
    _act(
        store_url,
        record_id,
        "steward",
        lambda s, r, u: actions.approve(s, row=r, user=u, note=None),
    )
    assert _where(store_url, record_id, number) == "needs_review"
    confirm = {"male.id_number": number}
    _act(
        store_url,
        record_id,
        "steward",
        lambda s, r, u: actions.correct(
            s, row=r, user=u, values=confirm, reason="read on the page"
        ),
    )
    _act(
        store_url,
        record_id,
        "steward",
        lambda s, r, u: actions.approve(s, row=r, user=u, note=None),
    )
    assert _where(store_url, record_id, number) == "accepted"


# A step: who does what. Corrections that keep every rule, that break one, that mend it.
_STEPS = st.sampled_from(
    [
        ("steward", "correct", {"registrar": "李文"}),
        ("steward", "correct", {"male.occupation": "教师"}),
        ("steward", "correct", {"male.birth_date": "2010-01-01"}),  # under age: an anomaly
        ("steward", "correct", {"registration_date": "2018-13-01"}),  # refused: not a date
        ("steward", "correct", {"male.sex": "女"}),  # the number says male: an error
        ("steward", "correct", {"male.sex": "男", "male.birth_date": "1991-11-15"}),
        ("steward", "approve", None),
        ("steward", "override", "checked"),
        ("admin", "override", "checked against the page"),
        ("admin", "override", ""),
        ("steward", "reject", "duplicate page"),
        ("steward", "reject", " "),
    ]
)


def _step(kind: str, arg: Any) -> Any:
    if kind == "correct":
        return lambda s, r, u: actions.correct(s, row=r, user=u, values=arg, reason=None)
    if kind == "reject":
        return lambda s, r, u: actions.reject(s, row=r, user=u, reason=arg)
    override = kind == "override"
    return lambda s, r, u: actions.approve(s, row=r, user=u, note=arg, override=override)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(_STEPS, min_size=1, max_size=6), start=st.sampled_from(["ok", "doubt"]))
def test_no_sequence_of_decisions_loses_a_record(
    store_url: str, users: dict[str, str], steps: list[tuple[str, str, Any]], start: str
) -> None:
    doubt = Issue(field="male.occupation", rule="format", message="☑", severity="error")
    record_id, number = (
        _load(store_url)
        if start == "ok"
        else _load(store_url, issues=[doubt], status="needs_review")
    )
    for who, kind, arg in steps:
        _act(store_url, record_id, who, _step(kind, arg))
        # A steward's sex correction changes nothing of the number: the status key stays.
        _where(store_url, record_id, number)
