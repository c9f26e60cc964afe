"""The order of a registration's steps, forced: a rival's commit lands while the second
registration of the same couple is under way, at the one moment that once turned its 409 into
a 422. No timing decides the outcome: the test waits for the second registration to reach that
moment (or to wait on the rival's lock), then commits the rival."""

import threading
import time
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from registry.errors import ApiError
from registry.routes.registrations import registration
from registry.rules import facts
from registry.schemas import CaseIn
from registry.users import create_user, user_by_token
from tests.conftest import _empty_tables
from tests.registry.people import bride, case, groom
from warehouse.db import session_factory, transaction
from warehouse.models import RecordRow, User
from warehouse.store import prepare

pytestmark = pytest.mark.postgres
DAY = "2023-06-01"
# The window's day: a live registration is dated today.
TODAY = date.fromisoformat(DAY)
# Generous: the second registration reaches its first read or its lock wait in milliseconds.
PATIENCE = 60.0


def _registrar(url: str, office: str) -> User:
    with transaction(url) as session:
        token = create_user(session, name=f"r{office}", office_code=office, role="registrar")
    with session_factory(url)() as session:
        user = user_by_token(session, token)
    assert user is not None
    return user


def _waiting_on_a_lock(url: str) -> bool:
    with session_factory(url)() as session:
        waiting = session.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
    return bool(waiting)


def test_a_rival_committing_mid_registration_makes_it_409(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _empty_tables(pg_url)
    prepare(pg_url)
    couple = [groom(), bride(hukou="532326")]
    first, second = _registrar(pg_url, "532301"), _registrar(pg_url, "532326")
    rival: Session = session_factory(pg_url)()
    body = case(office="532301", day=DAY, parties=couple)
    won = registration(rival, user=first, case=CaseIn.model_validate(body), today=TODAY)
    assert not isinstance(won, ApiError)

    # Between the two parties' histories, the second registration pauses until the rival
    # has committed: a check reading one party before that commit and one after it.
    between, committed = threading.Event(), threading.Event()
    read_one = facts.party_facts

    def pausing(session: Session, party: Any) -> facts.PartyFacts:
        found = read_one(session, party)
        if not between.is_set():
            between.set()
            committed.wait(PATIENCE)
        return found

    monkeypatch.setattr(facts, "party_facts", pausing)
    outcome: list[Any] = []

    def second_office() -> None:
        with session_factory(pg_url)() as session:
            body = case(office="532326", day=DAY, parties=couple)
            answer = registration(
                session, user=second, case=CaseIn.model_validate(body), today=TODAY
            )
            outcome.append(answer)
            session.commit()

    worker = threading.Thread(target=second_office)
    worker.start()
    deadline = time.monotonic() + PATIENCE
    while not (between.is_set() or _waiting_on_a_lock(pg_url)) and time.monotonic() < deadline:
        time.sleep(0.02)
    rival.commit()
    rival.close()
    committed.set()
    worker.join(PATIENCE)

    assert len(outcome) == 1
    answer = outcome[0]
    assert isinstance(answer, ApiError), "a second marriage of the couple was registered"
    assert (answer.status, answer.code) == (409, "conflict"), answer.message
    with transaction(pg_url) as session:
        assert session.scalar(select(func.count()).select_from(RecordRow)) == 1
