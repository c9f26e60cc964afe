"""A person's whole history by key in one statement, so one round trip: the events of the person
holding the key, the events of their marriages (court divorces, deaths, voids), deaths entered
by the key without a marriage, and the records that may be theirs but do not count yet (waiting
for review or for the index), by the number or by a name and birth date the history holds; and,
when a name and birth date are given (a party at the window), the events of parties of that name
and birth date written without any number.

The same statement on SQLite and PostgreSQL: a union of the parts, each row tagged with its part
and padded with typed nulls to one shape. Built once with bound parameters and compiled once
per dialect (``warehouse.prepared``), so PostgreSQL runs it as a prepared statement after its
first few uses on a connection.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, cast, literal_column, null, select, union, union_all
from sqlalchemy.orm import Session

from warehouse.models import MarriageEvent, PartyRow
from warehouse.prepared import Prepared
from warehouse.queries.events import (
    EVENT_COLUMNS,
    EVENTS_OF_KEY,
    UNNUMBERED_BY_NAME,
    WAITING_BY_KEY,
    WAITING_EVENTS,
    EventRow,
    merged_waiting,
)
from warehouse.queries.marriage_events import ENDING_COLUMNS, EndingEvent


@dataclass(frozen=True, slots=True)
class History:
    """What the store holds of a key: ``attached`` endings are those of the events' marriages,
    ``unattached`` the deaths entered by the key alone; ``unnumbered`` the events of namesakes
    without a number (only when a name and birth date were asked for)."""

    events: list[EventRow]
    attached: list[EndingEvent]
    unattached: list[EndingEvent]
    waiting: list[EventRow]
    unnumbered: list[EventRow]


_EVENT, _ATTACHED, _UNATTACHED, _WAITING_KEY, _WAITING_NAME, _UNNUMBERED = range(6)
_WIDTH = len(EVENT_COLUMNS)
_ENDING = [c.label(f"ending_{c.key}") for c in ENDING_COLUMNS.selected_columns]
_NO_EVENT = [cast(null(), c.type).label(c.key) for c in EVENT_COLUMNS]
_NO_ENDING = [cast(null(), c.type).label(c.key) for c in _ENDING]


def _part(kind: int) -> Any:
    return literal_column(str(kind)).label("part")


_HISTORY = EVENTS_OF_KEY.order_by(None).cte("history")
# The names and birth dates the history holds, as written on its records and in the index.
_NAMES = union(
    select(_HISTORY.c.person_name.label("name"), _HISTORY.c.person_birth_date.label("born")).where(
        _HISTORY.c.person_name.is_not(None), _HISTORY.c.person_birth_date.is_not(None)
    ),
    select(_HISTORY.c.party_name, _HISTORY.c.party_birth_date).where(
        _HISTORY.c.party_name.is_not(None), _HISTORY.c.party_birth_date.is_not(None)
    ),
).cte("names")
_MARRIAGES = select(_HISTORY.c.record_id).where(_HISTORY.c.record_type == "marriage")
_PARTS = [
    select(*_HISTORY.c, *_NO_ENDING, _part(_EVENT)),
    select(*_NO_EVENT, *_ENDING, _part(_ATTACHED)).where(
        MarriageEvent.marriage_record_id.in_(_MARRIAGES)
    ),
    select(*_NO_EVENT, *_ENDING, _part(_UNATTACHED)).where(
        MarriageEvent.marriage_record_id.is_(None),
        MarriageEvent.person_id18 == bindparam("key"),
    ),
    WAITING_BY_KEY.order_by(None).add_columns(*_NO_ENDING, _part(_WAITING_KEY)),
    WAITING_EVENTS.order_by(None)
    .add_columns(*_NO_ENDING, _part(_WAITING_NAME))
    .where(
        select(_NAMES.c.name)
        .where(and_(_NAMES.c.name == PartyRow.name, _NAMES.c.born == PartyRow.birth_date))
        .exists()
    ),
]


def _ordered(*parts: Any) -> Any:
    both = union_all(*parts)
    order = both.selected_columns
    return both.order_by(
        order.part,
        order.registration_date,
        order.record_id,
        order.ending_event_date,
        order.ending_id,
        order.party_id,
    )


HISTORY_OF_KEY = _ordered(*_PARTS)
# The same with the unnumbered namesakes of a name and birth date (a party at the window).
HISTORY_AND_NAMESAKES = _ordered(
    *_PARTS, UNNUMBERED_BY_NAME.order_by(None).add_columns(*_NO_ENDING, _part(_UNNUMBERED))
)
_OF_KEY = Prepared(HISTORY_OF_KEY)
_AND_NAMESAKES = Prepared(HISTORY_AND_NAMESAKES)


def history_of_key(
    session: Session,
    *,
    id18: str,
    id_number: str | None,
    name: str | None = None,
    birth_date: date | None = None,
) -> History:
    """Everything the store holds of the key ``id18`` (``id_number`` as written, 15 or 18), and
    the unnumbered namesakes of ``name`` born on ``birth_date`` when both are given."""
    parts: list[list[Any]] = [[] for _ in range(6)]
    params: dict[str, Any] = {"key": id18, "number": id_number}
    stmt = _OF_KEY
    if name is not None and birth_date is not None:
        stmt, params = _AND_NAMESAKES, params | {"name": name, "born": birth_date}
    for row in stmt.rows(session, params):
        kind = row[-1]
        if kind in (_ATTACHED, _UNATTACHED):
            parts[kind].append(EndingEvent(*row[_WIDTH:-1]))
        else:
            parts[kind].append(EventRow(*row[:_WIDTH]))
    by_name = sorted(parts[_WAITING_NAME], key=lambda e: (e.party_name, e.party_birth_date))
    return History(
        events=parts[_EVENT],
        attached=parts[_ATTACHED],
        unattached=parts[_UNATTACHED],
        waiting=merged_waiting(parts[_WAITING_KEY], by_name),
        unnumbered=parts[_UNNUMBERED],
    )
