"""The batch run: link every accepted party of the store afresh, and keep the trained model.

Numbers first (parties sharing an 18-digit key are one person), then Splink scores the pairs
where at least one side has no number, and the strong, corroborated pairs join clusters. The
person index, the predictions and the model are replaced in one transaction.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy.orm import Session

from hunyin.settings import get_settings
from warehouse.linkage.bulk import clear_tables, insert_rows, reset_sequence
from warehouse.linkage.cluster import Edge, cluster
from warehouse.linkage.features import party_table
from warehouse.linkage.model import initial_settings, linker_for, model_dict, score, train
from warehouse.models import LinkModel, LinkPrediction, PersonLink, PersonRow
from warehouse.models.base import utcnow


@dataclass(slots=True)
class LinkResult:
    """What a linkage run did."""

    parties: int = 0
    linked: int = 0
    persons_created: int = 0
    linked_by_id: int = 0
    linked_probable: int = 0
    predictions: int = 0
    trained: bool = False


def _seeds(ids: list[int], keys: list[str | None]) -> Iterator[tuple[int, int]]:
    first: dict[str, int] = {}
    for node, key in zip(ids, keys, strict=True):
        if key is not None:
            yield (first.setdefault(key, node), node)


def _edges(scored: pa.Table, threshold: float) -> list[Edge]:
    rows = scored.filter(
        pc.and_(pc.greater_equal(scored["probability"], threshold), scored["joinable"])
    )
    return [
        Edge(left, right, p)
        for left, right, p in zip(
            rows["party_l"].to_pylist(),
            rows["party_r"].to_pylist(),
            rows["probability"].to_pylist(),
            strict=True,
        )
    ]


def link_all(session: Session) -> LinkResult:
    """Rebuild the person index of the whole store."""
    features = party_table(session)
    linker = linker_for(features, settings=initial_settings())
    result = LinkResult(parties=features.num_rows)
    result.trained = train(linker, parties=features.num_rows)
    scored = score(linker)
    ids: list[int] = features["unique_id"].to_pylist()
    keys: list[str | None] = features["key"].to_pylist()
    sets, best = cluster(
        keys=dict(zip(ids, keys, strict=True)),
        seeds=_seeds(ids, keys),
        edges=_edges(scored, get_settings().link_threshold),
    )
    clear_tables(
        session,
        tables=[PersonLink.__table__, LinkPrediction.__table__, PersonRow.__table__],  # type: ignore[list-item]
    )
    _write_index(session, features=features, groups=sets.groups(), best=best, result=result)
    _write_predictions(session, scored=scored, result=result)
    session.add(
        LinkModel(parties=features.num_rows, engine="splink-duckdb", settings=model_dict(linker))
    )
    session.flush()
    return result


def _write_index(
    session: Session,
    *,
    features: pa.Table,
    groups: dict[int, list[int]],
    best: dict[int, float],
    result: LinkResult,
) -> None:
    row_of = {node: i for i, node in enumerate(features["unique_id"].to_pylist())}
    columns = {c: features[c].to_pylist() for c in ("key", "name", "sex", "birth_date")}
    now = utcnow()
    persons: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    for person_id, members in enumerate(groups.values(), start=1):
        keyed = [m for m in members if columns["key"][row_of[m]] is not None]
        face = row_of[(keyed or members)[0]]
        born: date | None = columns["birth_date"][face]
        persons.append(
            (
                person_id,
                columns["key"][face],
                columns["name"][face],
                columns["sex"][face],
                born,
                now,
            )
        )
        for member in members:
            if columns["key"][row_of[member]] is not None:
                links.append((member, person_id, "id", 1.0, now))
                result.linked_by_id += 1
            else:
                links.append((member, person_id, "probable", best.get(member, 1.0), now))
                result.linked_probable += member in best
    result.persons_created = len(persons)
    result.linked = len(links)
    insert_rows(
        session,
        table=PersonRow.__table__,  # type: ignore[arg-type]
        columns=("id", "id18", "name", "sex", "birth_date", "created_at"),
        rows=persons,
    )
    reset_sequence(session, table=PersonRow.__table__)  # type: ignore[arg-type]
    insert_rows(
        session,
        table=PersonLink.__table__,  # type: ignore[arg-type]
        columns=("party_id", "person_id", "match", "probability", "updated_at"),
        rows=links,
    )


def _write_predictions(session: Session, *, scored: pa.Table, result: LinkResult) -> None:
    now = utcnow()
    columns = [scored[c].to_pylist() for c in ("party_l", "party_r", "probability", "match_weight")]
    result.predictions = scored.num_rows
    insert_rows(
        session,
        table=LinkPrediction.__table__,  # type: ignore[arg-type]
        columns=("party_l", "party_r", "probability", "match_weight", "created_at"),
        rows=((*row, now) for row in zip(*columns, strict=True)),
    )
