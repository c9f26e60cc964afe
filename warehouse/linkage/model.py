"""The Splink model on DuckDB: build it from ``linkage.toml`` or a stored model, train, score.

Training is unsupervised (Fellegi–Sunter): u from random pairs, the prior from pairs that share
a number, m by expectation maximisation on two blocking rules that each leave some comparisons
free to learn. Stores too small to train on keep the priors of ``linkage.toml``.
"""

import copy
import logging
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker

from warehouse.linkage.backend import chunked_predict, connect
from warehouse.linkage.config import linkage_config, prediction_rules

# Dates become ISO text so that a one-digit slip is one edit apart.
_INPUT_SQL = """
CREATE OR REPLACE TABLE parties_in AS
SELECT unique_id, sex, name, strftime(birth_date, '%Y-%m-%d') AS birth_date, key, ethnicity,
       nullif(regexp_replace(hukou, $prefix, ''), '') AS hukou, spouse_name,
       strftime(spouse_birth_date, '%Y-%m-%d') AS spouse_birth_date, spouse_key,
       name_simplified, name_sound, spouse_sound, strftime(birth_lunar, '%Y-%m-%d') AS birth_lunar
FROM features
"""


_TF_KEYS = ("tf_adjustment_column", "tf_adjustment_weight")


def initial_settings(*, term_frequencies: bool = False) -> dict[str, Any]:
    """The untrained model: comparisons with their prior m/u values and the blocking rules.

    Term-frequency adjustments only with ``term_frequencies``: in a store too small to train
    on, two 李秀英 among ten parties make the name look common, not the person uncertain."""
    model = copy.deepcopy(linkage_config()["model"])
    if not term_frequencies:
        for comparison in model["comparisons"]:
            for level in comparison["comparison_levels"]:
                for key in _TF_KEYS:
                    level.pop(key, None)
    return {**model, "blocking_rules_to_generate_predictions": prediction_rules()}


def large_enough(parties: int) -> bool:
    """Whether a store of ``parties`` is large enough to train on (and to count names in)."""
    return parties >= int(linkage_config()["training"]["min_parties"])


def linker_for(
    features: pa.Table, *, settings: dict[str, Any], name_frequencies: pa.Table | None = None
) -> Linker:
    """A linker over ``features`` in a fresh in-memory DuckDB.

    Term frequencies of names come from ``features`` themselves, unless ``name_frequencies``
    (columns ``name``, ``tf_name``: the share of the store's parties with that name) gives them:
    a handful of near parties says nothing of how common a name is.
    """
    con = connect()
    con.register("features", features)
    con.execute(_INPUT_SQL, {"prefix": linkage_config()["features"]["hukou_prefix"]})
    con.unregister("features")
    db_api = DuckDBAPI(con)
    linker = Linker(db_api.register("parties_in"), settings, log_level=logging.WARNING)
    if name_frequencies is not None:
        lookup = db_api.register(name_frequencies, table_name="name_frequencies")
        linker.table_management.register_term_frequency_lookup(lookup, "name")
    return linker


def _floored(settings: dict[str, Any], *, floor: float) -> dict[str, Any]:
    """Every m probability at least ``floor``: a level EM (almost) never saw among true pairs,
    such as a changed hukou, stays strong evidence against a link but not an absolute veto."""
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            if not level.get("is_null_level"):
                m = level.get("m_probability")
                level["m_probability"] = max(m, floor) if isinstance(m, float) else floor
    return settings


def train(linker: Linker, *, parties: int) -> Linker | None:
    """The model trained without labels, as a linker on the same data; ``None`` when the store
    is too small to train on (the priors then stand)."""
    cfg = linkage_config()["training"]
    if not large_enough(parties):
        return None
    training = linker.training
    training.estimate_probability_two_random_records_match(
        cfg["deterministic_rules"], recall=cfg["deterministic_recall"]
    )
    training.estimate_u_using_random_sampling(max_pairs=cfg["u_max_pairs"], seed=11)
    for rule in cfg["em_blocking_rules"]:
        training.estimate_parameters_using_expectation_maximisation(
            rule, max_pairs=cfg["em_max_pairs"]
        )
    settings = _floored(model_dict(linker), floor=cfg["m_floor"])
    # The same DuckDB table under a second name: a linker takes its inputs once.
    table = linker._db_api.register("parties_in", table_name="parties_trained")
    return Linker(table, settings, log_level=logging.WARNING)


def model_dict(linker: Linker) -> dict[str, Any]:
    """The model as a JSON-able dict, to keep in the store for incremental runs."""
    return linker.misc.save_model_to_json()


def score(linker: Linker) -> pa.Table:
    """Scored pairs: ``party_l``, ``party_r``, ``probability``, ``match_weight``, ``joinable``."""
    predict = linkage_config()["predict"]
    con: duckdb.DuckDBPyConnection = linker._db_api.duckdb_con
    [(parties,)] = con.sql("SELECT count(*) FROM parties_in").fetchall()
    scored = chunked_predict(
        linker, parties=parties, min_probability=predict["store_min_probability"]
    )
    sql = f"""
        SELECT least(unique_id_l, unique_id_r) AS party_l,
               greatest(unique_id_l, unique_id_r) AS party_r,
               match_probability AS probability, match_weight,
               coalesce({predict["joining_evidence"]}, false) AS joinable
        FROM {scored.physical_name}
    """
    table = con.sql(sql).to_arrow_table()
    scored.drop_table_from_database_and_remove_from_cache()
    return table
