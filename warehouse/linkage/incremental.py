"""Linking new parties against the existing index, without re-running the prefecture.

New parties with a number join the person holding it. Then the newest stored model (or the
priors of ``linkage.toml``) scores the new parties against existing parties that share their
name or birth date, found through indexes; corroborated strong pairs join, merging persons where
a new record bridges them, never across two different numbers.
"""

from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import pyarrow as pa
from sqlalchemy import ColumnElement, Table, and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from hunyin.domain.lunar import lunar_to_solar, solar_to_lunar
from hunyin.settings import get_settings
from warehouse.db import dialect_insert
from warehouse.linkage.batch import LinkResult
from warehouse.linkage.cluster import Ints, cluster
from warehouse.linkage.features import party_table
from warehouse.linkage.model import initial_settings, linker_for, score
from warehouse.models import LinkModel, LinkPrediction, PartyRow, PersonLink, PersonRow

# Names per look-up of their frequencies: within every backend's parameter limit.
_NAMES_STEP = 2_000
# A Core insert: nothing reads the new links back as objects, and an executemany is one
# prepared statement where the ORM's flush costs a unit of work on every registration.
_ADD_LINK = insert(cast(Table, PersonLink.__table__))


def _model_settings(session: Session) -> dict[str, Any]:
    newest = session.scalar(select(LinkModel).order_by(LinkModel.id.desc()).limit(1))
    return newest.settings if newest is not None else initial_settings()


def forget(session: Session, party_ids: Sequence[int]) -> None:
    """Drop earlier links and predictions of these parties, and persons left with no party."""
    before = select(PersonLink.person_id).where(PersonLink.party_id.in_(party_ids))
    persons = list(session.scalars(before.distinct()))
    session.execute(delete(PersonLink).where(PersonLink.party_id.in_(party_ids)))
    if persons:
        still = select(PersonLink.person_id).where(PersonLink.person_id.in_(persons))
        session.execute(
            delete(PersonRow).where(PersonRow.id.in_(persons), PersonRow.id.not_in(still))
        )
    session.execute(
        delete(LinkPrediction).where(
            or_(LinkPrediction.party_l.in_(party_ids), LinkPrediction.party_r.in_(party_ids))
        )
    )


def link_by_key(session: Session, *, record_ids: Sequence[int], result: LinkResult) -> list[int]:
    """Link the unlinked parties of these records that carry a key straight to its holder;
    returns the other parties.

    A party with a number needs no scoring to be found: its key names its person, and a status
    query by that number finds it. A live registration, whose parties all show their ID card,
    so costs three statements instead of a pass of the model over every namesake.
    """
    rows = session.execute(
        select(PartyRow.id, PartyRow.id18, PartyRow.name, PartyRow.sex, PartyRow.birth_date)
        .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
        .where(PartyRow.record_id.in_(record_ids), PersonLink.party_id.is_(None))
    ).all()
    keyed = {r.id18: r for r in rows if r.id18 is not None}
    if keyed:
        faces = {key: (r.name, r.sex, r.birth_date) for key, r in keyed.items()}
        holders = _holders(session, faces=faces, result=result)
        session.execute(
            _ADD_LINK,
            [
                {"party_id": r.id, "person_id": holders[r.id18], "match": "id"}
                for r in rows
                if r.id18 is not None
            ],
        )
        result.parties += len(keyed)
        result.linked_by_id += len(keyed)
        result.linked += len(keyed)
    return [r.id for r in rows if r.id18 is None]


def _holders(
    session: Session, *, faces: dict[str, tuple[Any, Any, Any]], result: LinkResult
) -> dict[str, int]:
    """Key → person for these keys (each with the name, sex and birth date a new person would
    show), persons created for keys nobody holds yet.

    One insert that skips the keys held already (waiting for, then skipping, one another
    registration is creating at this moment), then one look-up of those, if any.
    """
    values = [
        {"id18": key, "name": name, "sex": sex, "birth_date": born}
        for key, (name, sex, born) in faces.items()
    ]
    # The rows as parameters of a statement on the table, not in its VALUES: the statement is
    # then compiled once and cached, where a list in ``values()`` was compiled on every call.
    created = session.execute(
        dialect_insert(session, cast(Table, PersonRow.__table__))
        .on_conflict_do_nothing(index_elements=["id18"])
        .returning(PersonRow.id18, PersonRow.id),
        values,
    ).all()
    holders = {key: person for key, person in created}
    result.persons_created += len(holders)
    missing = [key for key in faces if key not in holders]
    if missing:
        found = session.execute(
            select(PersonRow.id18, PersonRow.id).where(PersonRow.id18.in_(missing))
        ).all()
        holders |= {key: person for key, person in found}
    return holders


def _near(new: list[dict[str, Any]]) -> ColumnElement[bool]:
    """The new parties and the existing ones sharing a sex and a name or a birth date (the
    date as written, or read the other way between the lunar and the civil calendar)."""
    names = {r["name"] for r in new if r["name"]}
    written = {r["birth_date"] for r in new if r["birth_date"]}
    other = {lunar_to_solar(d) for d in written} | {solar_to_lunar(d) for d in written}
    born = written | {d for d in other if d is not None}
    near = and_(
        PartyRow.sex.in_({r["sex"] for r in new}),
        or_(PartyRow.name.in_(names), PartyRow.birth_date.in_(born)),
    )
    return or_(PartyRow.id.in_([r["unique_id"] for r in new]), near)


def name_frequencies(session: Session, *, names: list[str | None]) -> pa.Table:
    """``name``, ``tf_name``: each name's share among the store's parties."""
    wanted = sorted({n for n in names if n})
    total = session.scalar(select(func.count()).select_from(PartyRow)) or 1
    counts = dict.fromkeys(wanted, 0)
    for start in range(0, len(wanted), _NAMES_STEP):
        chunk = wanted[start : start + _NAMES_STEP]
        stmt = (
            select(PartyRow.name, func.count())
            .where(PartyRow.name.in_(chunk))
            .group_by(PartyRow.name)
        )
        counts |= {name: count for name, count in session.execute(stmt) if name is not None}
    return pa.table(
        {
            "name": pa.array(list(counts), pa.string()),
            "tf_name": pa.array([max(c, 1) / total for c in counts.values()], pa.float64()),
        }
    )


def _persons(session: Session, near: ColumnElement[bool]) -> dict[int, tuple[int, str | None]]:
    """Party → (person, person's key) for the linked parties matching ``near``."""
    stmt = (
        select(PersonLink.party_id, PersonLink.person_id, PersonRow.id18)
        .join(PersonRow, PersonRow.id == PersonLink.person_id)
        .join(PartyRow, PartyRow.id == PersonLink.party_id)
        .where(near)
    )
    return {party: (person, key) for party, person, key in session.execute(stmt)}


def link_parties(session: Session, *, party_ids: Sequence[int], result: LinkResult) -> None:
    """Link these (new or changed) parties into the index."""
    forget(session, party_ids)
    new = party_table(session, where=PartyRow.id.in_(party_ids)).to_pylist()
    if not new:
        return
    result.parties += len(new)
    keyed = [row for row in new if row["key"] is not None]
    faces: dict[str, tuple[Any, Any, Any]] = {}
    for row in keyed:
        faces.setdefault(row["key"], (row["name"], row["sex"], row["birth_date"]))
    holders = _holders(session, faces=faces, result=result) if faces else {}
    session.add_all(
        PersonLink(party_id=row["unique_id"], person_id=holders[row["key"]], match="id")
        for row in keyed
    )
    result.linked_by_id += len(keyed)
    result.linked += len(keyed)
    session.flush()
    near = _near(new)
    features = party_table(session, where=near)
    frequencies = name_frequencies(session, names=features["name"].to_pylist())
    linker = linker_for(features, settings=_model_settings(session), name_frequencies=frequencies)
    scored = score(linker)
    fresh = {r["unique_id"] for r in new}
    pairs = [p for p in scored.to_pylist() if p["party_l"] in fresh or p["party_r"] in fresh]
    session.add_all(
        LinkPrediction(
            party_l=p["party_l"],
            party_r=p["party_r"],
            probability=p["probability"],
            match_weight=p["match_weight"],
        )
        for p in pairs
    )
    result.predictions += len(pairs)
    _join(session, features=features, held=_persons(session, near), pairs=pairs, result=result)


def _codes(values: list[Any]) -> Ints:
    """Each distinct non-null value as a small integer, -1 for null."""
    seen: dict[Any, int] = {}
    return np.array(
        [-1 if v is None else seen.setdefault(v, len(seen)) for v in values], dtype=np.int64
    )


def _join(
    session: Session,
    *,
    features: pa.Table,
    held: dict[int, tuple[int, str | None]],
    pairs: list[dict[str, Any]],
    result: LinkResult,
) -> None:
    nodes: list[int] = features["unique_id"].to_pylist()
    row = {node: i for i, node in enumerate(nodes)}
    keys = [
        held[n][1] if n in held else k
        for n, k in zip(nodes, features["key"].to_pylist(), strict=True)
    ]
    threshold = get_settings().link_threshold
    strong = [p for p in pairs if p["probability"] >= threshold and p["joinable"]]
    clusters = cluster(
        groups=_codes([held[n][0] if n in held else None for n in nodes]),
        keys=_codes(keys),
        left=np.array([row[p["party_l"]] for p in strong], dtype=np.int64),
        right=np.array([row[p["party_r"]] for p in strong], dtype=np.int64),
        probability=np.array([p["probability"] for p in strong], dtype=np.float64),
    )
    members: dict[int, list[int]] = {}
    for node, root in zip(nodes, clusters.roots.tolist(), strict=True):
        members.setdefault(root, []).append(node)
    rows = {r["unique_id"]: r for r in features.to_pylist()}
    keyed = {person for person, key in held.values() if key is not None}
    for group in members.values():
        # The survivor of a merge is the person with a number, else the oldest.
        persons = sorted(
            {held[m][0] for m in group if m in held}, key=lambda p: (p not in keyed, p)
        )
        if persons:
            survivor = persons[0]
            _merge(session, survivor=survivor, others=persons[1:])
        else:
            face = rows[group[0]]
            created = PersonRow(name=face["name"], sex=face["sex"], birth_date=face["birth_date"])
            session.add(created)
            session.flush()
            survivor = created.id
            result.persons_created += 1
        for member in group:
            if member not in held:
                best = float(clusters.best[row[member]])
                joined = not np.isnan(best)
                session.add(
                    PersonLink(
                        party_id=member,
                        person_id=survivor,
                        match="probable",
                        probability=best if joined else 1.0,
                    )
                )
                result.linked_probable += joined
                result.linked += 1
    session.flush()


def _merge(session: Session, *, survivor: int, others: Sequence[int]) -> None:
    """Move the parties of ``others`` to ``survivor`` and drop the emptied persons."""
    if not others:
        return
    session.execute(
        update(PersonLink).where(PersonLink.person_id.in_(others)).values(person_id=survivor)
    )
    session.execute(delete(PersonRow).where(PersonRow.id.in_(others)))
