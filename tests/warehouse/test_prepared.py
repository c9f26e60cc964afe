"""A statement run on the driver's cursor gives what SQLAlchemy gives for it, on both stores:
the same rows with the same Python types (dates, booleans, floats, nulls), its own literals
bound, and within the session's transaction."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import bindparam, literal, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from warehouse.db import session_factory
from warehouse.models import RecordRow
from warehouse.prepared import Prepared

_OF_OFFICE = (
    select(
        RecordRow.id,
        RecordRow.registration_date,
        RecordRow.certificate_no,
        (RecordRow.registration_date > bindparam("after")).label("later"),
        literal(0.5).label("half"),
    )
    .where(
        RecordRow.office_code == bindparam("office"),
        RecordRow.status == "accepted",
    )
    .order_by(RecordRow.id)
)
PREPARED = Prepared(_OF_OFFICE)


def _record(session: Session, n: int, *, day: date | None, office: str = "532301") -> None:
    session.add(
        RecordRow(
            natural_key=f"prepared:{n}",
            record_type="marriage",
            registration_date=day,
            office_code=office,
            certificate_no=f"C{n}" if n % 2 else None,
            status="accepted" if n != 3 else "needs_review",
            source_kind="ledger",
        )
    )


def test_rows_are_those_sqlalchemy_gives_with_the_same_types(store_url: str) -> None:
    with session_factory(store_url)() as session:
        for n, day in enumerate([date(1966, 5, 1), None, date(1990, 1, 2), date(2001, 12, 31)]):
            _record(session, n, day=day)
        _record(session, 9, day=date(1970, 1, 1), office="532322")
        # Not committed: the rows are seen because they run in the session's transaction.
        session.flush()
        params = {"office": "532301", "after": date(1980, 1, 1)}
        expected = [tuple(row) for row in session.execute(_OF_OFFICE, params)]
        for _ in range(7):  # past the driver's threshold for preparing it
            got = PREPARED.rows(session, params)
            assert [tuple(row) for row in got] == expected
        assert [type(v) for v in got[0]] == [int, date, type(None), bool, float]
        assert len(got) == 3
        assert PREPARED.rows(session, {"office": "999999", "after": date(1980, 1, 1)}) == []


def test_a_list_bound_to_in_is_refused(store_url: str) -> None:
    offices: Any = bindparam("offices", expanding=True)
    stmt = select(RecordRow.id).where(RecordRow.office_code.in_(offices))
    with session_factory(store_url)() as session, pytest.raises(ValueError, match="IN list"):
        Prepared(stmt).rows(session, {"offices": ["532301"]})


def test_a_failing_statement_raises_as_sqlalchemy_would(store_url: str) -> None:
    with session_factory(store_url)() as session:
        session.execute(text("ALTER TABLE records RENAME TO records_gone"))
        with pytest.raises(DBAPIError) as raised:
            PREPARED.rows(session, {"office": "532301", "after": date(1980, 1, 1)})
        session.rollback()
    assert "records" in str(raised.value.orig)
    # Parameters are never written into the message: they may hold whole ID numbers.
    assert "532301" not in str(raised.value)


@pytest.mark.postgres
def test_a_connection_the_server_dropped_is_dropped_and_the_next_one_works(pg_url: str) -> None:
    sessions = session_factory(pg_url)
    params = {"office": "532301", "after": date(1980, 1, 1)}
    with sessions() as session:
        driver: Any = session.connection().connection.driver_connection
        pid = driver.info.backend_pid
        with sessions() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        with pytest.raises(DBAPIError) as raised:
            PREPARED.rows(session, params)
        assert raised.value.connection_invalidated
    with sessions() as session:
        assert PREPARED.rows(session, params) == []
