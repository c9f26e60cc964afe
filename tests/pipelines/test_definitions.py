"""The Definitions load and hold the whole graph."""

import itertools

from dagster import AssetKey

from pipelines.definitions import defs

GRAPH = [
    "intake",
    "pages",
    "ocr_readings",
    "extracted_records",
    "validated_records",
    "consolidated_store",
    "person_index",
    "quality_report",
]


def test_definitions_load_with_the_whole_graph() -> None:
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert set(GRAPH) <= keys
    assert defs.resolve_job_def("batch_job") is not None
    assert defs.resolve_sensor_def("inbox_sensor") is not None
    checks = {c.name for c in graph.asset_check_keys}
    assert {"every_file_accounted_for", "expectations"} <= checks


def test_the_graph_runs_from_intake_to_report() -> None:
    graph = defs.resolve_asset_graph()
    for upstream, downstream in itertools.pairwise(GRAPH):
        parents = graph.get(AssetKey(downstream)).parent_keys
        assert AssetKey(upstream) in parents, downstream
