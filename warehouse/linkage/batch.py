"""The batch run: link every accepted party of the store afresh, and keep the trained model.

Numbers first (parties sharing an 18-digit key are one person), then Splink scores the pairs
where at least one side has no number, and the strong, corroborated pairs join clusters. The
person index, the predictions and the model are replaced in one transaction.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Table
from sqlalchemy.orm import Session

from hunyin.settings import get_settings
from warehouse.linkage.bulk import (
    analyse,
    checks_after,
    clear_tables,
    insert_table,
    reset_sequence,
)
from warehouse.linkage.cluster import Clustering, cluster
from warehouse.linkage.features import party_table
from warehouse.linkage.model import (
    initial_settings,
    large_enough,
    linker_for,
    model_dict,
    score,
    train,
)
from warehouse.models import LinkModel, LinkPrediction, PartyRow, PersonLink, PersonRow, RecordRow
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


def _table(model: type) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _clusters(features: pa.Table, scored: pa.Table, threshold: float) -> Clustering:
    ids = features["unique_id"].to_numpy()
    codes = pc.fill_null(features["key"].combine_chunks().dictionary_encode().indices, -1)
    keys = codes.to_numpy().astype(np.int64)
    strong = scored.filter(
        pc.and_(pc.greater_equal(scored["probability"], threshold), scored["joinable"])
    )
    return cluster(
        groups=keys,
        keys=keys,
        left=np.searchsorted(ids, strong["party_l"].to_numpy()),
        right=np.searchsorted(ids, strong["party_r"].to_numpy()),
        probability=strong["probability"].to_numpy(),
    )


def link_all(session: Session) -> LinkResult:
    """Rebuild the person index of the whole store."""
    features = party_table(session).sort_by("unique_id")
    settings = initial_settings(term_frequencies=large_enough(features.num_rows))
    linker = linker_for(features, settings=settings)
    result = LinkResult(parties=features.num_rows)
    trained = train(linker, parties=features.num_rows)
    result.trained = trained is not None
    linker = trained if trained is not None else linker
    scored = score(linker)
    clusters = _clusters(features, scored, get_settings().link_threshold)
    tables = [_table(PersonLink), _table(LinkPrediction), _table(PersonRow)]
    clear_tables(session, tables=tables)
    with checks_after(session, tables=tables):
        _write_index(session, features=features, clusters=clusters, result=result)
        now = pa.scalar(utcnow(), pa.timestamp("us"))
        predictions = scored.drop_columns(["joinable"])
        insert_table(
            session,
            table=_table(LinkPrediction),
            rows=predictions.append_column("created_at", pa.repeat(now, predictions.num_rows)),
        )
    result.predictions = scored.num_rows
    session.add(
        LinkModel(parties=features.num_rows, engine="splink-duckdb", settings=model_dict(linker))
    )
    session.flush()
    # Records and parties too: a bulk import just before may have left them without statistics.
    analyse(session, tables=[*tables, _table(PartyRow), _table(RecordRow)])
    return result


def _write_index(
    session: Session, *, features: pa.Table, clusters: Clustering, result: LinkResult
) -> None:
    n = features.num_rows
    keyed = features["key"].is_valid().to_numpy(zero_copy_only=False)
    _, person = np.unique(clusters.roots, return_inverse=True)
    person_id = person.astype(np.int64) + 1
    # Each person's face (name, number) is its first party with a number, else its first party.
    order = np.lexsort((np.arange(n), ~keyed, person_id))
    first = np.r_[True, person_id[order][1:] != person_id[order][:-1]]
    faces = order[first]
    now = pa.scalar(utcnow(), pa.timestamp("us"))
    persons = features.select(["key", "name", "sex", "birth_date"]).take(faces)
    persons = persons.rename_columns(["id18", "name", "sex", "birth_date"])
    persons = persons.add_column(0, "id", pa.array(person_id[faces]))
    insert_table(
        session,
        table=_table(PersonRow),
        rows=persons.append_column("created_at", pa.repeat(now, len(faces))),
    )
    reset_sequence(session, table=_table(PersonRow))
    joined = ~np.isnan(clusters.best)
    links = pa.table(
        {
            "party_id": features["unique_id"],
            "person_id": pa.array(person_id),
            "match": pa.array(np.where(keyed, "id", "probable")),
            "probability": pa.array(np.where(~keyed & joined, clusters.best, 1.0)),
            "updated_at": pa.repeat(now, n),
        }
    )
    insert_table(session, table=_table(PersonLink), rows=links)
    result.persons_created = len(faces)
    result.linked = n
    result.linked_by_id = int(keyed.sum())
    result.linked_probable = int((~keyed & joined).sum())
