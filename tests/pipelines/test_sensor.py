"""The inbox sensor turns each new batch folder into a partition and one run."""

from pathlib import Path

from dagster import DagsterInstance, SensorResult, build_sensor_context

from assets.resources import InboxResource
from pipelines.sensors import inbox_sensor


def _tick(instance: DagsterInstance, inbox: Path) -> SensorResult:
    context = build_sensor_context(
        instance=instance,
        resources={"inbox": InboxResource(inbox_dir=str(inbox), var_dir=str(inbox.parent))},
    )
    result = inbox_sensor(context)
    assert isinstance(result, SensorResult)
    for request in result.dynamic_partitions_requests or []:
        instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
    return result


def test_new_batches_are_added_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "532322" / "box-1").mkdir(parents=True)
    (inbox / "532322" / "box-1" / "a.jpg").write_bytes(b"x")
    (inbox / "notes").mkdir()
    instance = DagsterInstance.ephemeral()

    first = _tick(instance, inbox)
    assert [r.partition_key for r in first.run_requests or []] == ["532322-box-1"]
    assert _tick(instance, inbox).run_requests == []

    (inbox / "532326" / "2013").mkdir(parents=True)
    third = _tick(instance, inbox)
    assert [r.partition_key for r in third.run_requests or []] == ["532326-2013"]
    assert sorted(instance.get_dynamic_partitions("batches")) == ["532322-box-1", "532326-2013"]
