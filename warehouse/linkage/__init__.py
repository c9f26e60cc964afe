"""The person index: who, across counties and decades, is one person.

``link_records`` is what loaders call after writing records: with ``record_ids`` it links just
those records against the existing index; without, it rebuilds the whole index (the batch run),
as it also does when the new records are a large share of the store (a backfill).
``link_pending`` finds what the index lags behind (accepted parties not in it, parties whose
record changed since it was linked or is no longer accepted) and links just that: what
``hunyin link`` and every writer that does not know its record ids call.
"""

from collections.abc import Sequence

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session

from warehouse.linkage.batch import LinkResult, link_all
from warehouse.linkage.config import linkage_config
from warehouse.linkage.incremental import forget, link_by_key, link_parties
from warehouse.models import PartyRow, PersonLink, RecordRow

# Parties per incremental step: keeps IN lists within every backend's parameter limit.
_STEP = 2_000

__all__ = ["LinkResult", "link_new_by_key", "link_pending", "link_records", "pending_records"]


def link_records(session: Session, *, record_ids: Sequence[int] | None = None) -> LinkResult:
    """Link the parties of ``record_ids`` into the index, or rebuild it when ``None``."""
    if record_ids is None or _is_backfill(session, len(record_ids)):
        return link_all(session)
    result = LinkResult()
    for start in range(0, len(record_ids), _STEP // 2):
        chunk = list(record_ids[start : start + _STEP // 2])
        rows = session.execute(
            select(PartyRow.id, RecordRow.status)
            .join(RecordRow, RecordRow.id == PartyRow.record_id)
            .where(PartyRow.record_id.in_(chunk))
        ).all()
        # A record no longer accepted (sent back to review) leaves the index.
        forget(session, [party for party, status in rows if status != "accepted"])
        accepted = [party for party, status in rows if status == "accepted"]
        if accepted:
            link_parties(session, party_ids=accepted, result=result)
    return result


def link_new_by_key(session: Session, *, record_ids: Sequence[int]) -> LinkResult:
    """Link the parties of newly written records: by key where they carry one, the rest by
    the model (``link_records``). For records never linked before, such as a live registration."""
    result = LinkResult()
    rest = link_by_key(session, record_ids=record_ids, result=result)
    if rest:
        link_parties(session, party_ids=rest, result=result)
    return result


def _is_backfill(session: Session, count: int) -> bool:
    cfg = linkage_config()["incremental"]
    if count < cfg["rebuild_min_records"]:
        return False
    total = session.scalar(select(func.count()).select_from(RecordRow)) or 0
    return count > cfg["rebuild_share"] * total


_UNLINKED = (
    select(PartyRow.record_id)
    .join(RecordRow, RecordRow.id == PartyRow.record_id)
    .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
    .where(PersonLink.party_id.is_(None), RecordRow.status == "accepted")
)
# Linked, but the record was sent back to review, retired, or changed after the link was made.
_STALE = (
    select(PartyRow.record_id)
    .join(RecordRow, RecordRow.id == PartyRow.record_id)
    .join(PersonLink, PersonLink.party_id == PartyRow.id)
    .where(or_(RecordRow.status != "accepted", RecordRow.updated_at > PersonLink.updated_at))
)
_PENDING = union(_UNLINKED, _STALE)


def pending_records(session: Session) -> list[int]:
    """The records whose parties the index lags behind, in id order."""
    return sorted(session.scalars(_PENDING))


def link_pending(session: Session) -> LinkResult:
    """Bring the index up to date with the store; a no-op when it already is."""
    pending = pending_records(session)
    return link_records(session, record_ids=pending) if pending else LinkResult()
