"""The inbox sensor turns each new batch folder into a partition and one run."""

import os
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


def _tick_with_cursor(instance: DagsterInstance, inbox: Path, cursor: str | None) -> SensorResult:
    context = build_sensor_context(
        instance=instance,
        cursor=cursor,
        resources={"inbox": InboxResource(inbox_dir=str(inbox), var_dir=str(inbox.parent))},
    )
    result = inbox_sensor(context)
    assert isinstance(result, SensorResult)
    for request in result.dynamic_partitions_requests or []:
        instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
    return result


def test_only_offices_whose_folder_changed_are_listed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    for office in ("532301", "532322"):
        (inbox / office / "box-1").mkdir(parents=True)
    instance = DagsterInstance.ephemeral()
    first = _tick_with_cursor(instance, inbox, None)
    assert sorted(r.partition_key or "" for r in first.run_requests or []) == [
        "532301-box-1",
        "532322-box-1",
    ]
    assert all(int(r.tags["dagster/priority"]) > 0 for r in first.run_requests or [])

    # A batch folder slipped in while the office folder's time was put back is not seen: the
    # tick did not list that office again. Once the office folder changes, it is.
    office = inbox / "532301"
    stamp = office.stat()
    (office / "box-2").mkdir()
    os.utime(office, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    second = _tick_with_cursor(instance, inbox, first.cursor)
    assert second.run_requests == []
    (office / "box-3").mkdir()
    third = _tick_with_cursor(instance, inbox, second.cursor)
    assert sorted(r.partition_key or "" for r in third.run_requests or []) == [
        "532301-box-2",
        "532301-box-3",
    ]
