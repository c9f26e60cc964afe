"""Dagster's instance, executors and run priorities as the settings choose them."""

from pathlib import Path

import pytest
from dagster import DagsterInstance, in_process_executor

from hunyin.errors import InputError
from hunyin.settings import Settings
from pipelines.executors import celery_config, executor_for
from pipelines.instance import instance_config, write_home
from pipelines.jobs import batch_job, priority_tags


def test_the_embedded_default_keeps_the_instance_in_sqlite(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path, ocr_pool_slots=3)
    config = instance_config(settings)
    assert "sqlite" in config["storage"]
    assert config["concurrency"]["pools"]["default_limit"] == 3
    assert executor_for(settings) is in_process_executor
    home = tmp_path / "dagster"
    write_home(settings, home)
    with DagsterInstance.from_config(str(home)) as instance:
        assert instance.get_runs() == []


def test_one_setting_moves_the_instance_to_postgres(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path, dagster_pg_url="postgresql://dagster@db.example:6432/d")
    storage = instance_config(settings)["storage"]["postgres"]["postgres_db"]
    assert storage == {
        "scheme": "postgresql+psycopg2",
        "username": "dagster",
        "hostname": "db.example",
        "port": 6432,
        "db_name": "d",
    }
    with pytest.raises(InputError, match="password"):
        instance_config(Settings(dagster_pg_url="postgresql://u:secret@h/d"))


def test_celery_workers_take_one_step_at_a_time_and_survive_a_lost_worker() -> None:
    source = celery_config(Settings(broker_url="redis://broker:6379/3"))
    assert source["broker"] == "redis://broker:6379/3"
    options = source["config_source"]
    assert options["worker_prefetch_multiplier"] == 1
    assert options["task_acks_late"] and options["task_reject_on_worker_lost"]


def test_offices_go_ahead_of_backfills() -> None:
    office, backfill = priority_tags(backfill=False), priority_tags(backfill=True)
    assert int(office["dagster/priority"]) > int(backfill["dagster/priority"])
    # On Redis, Celery takes the lower priority number first.
    assert int(office["dagster-celery/run_priority"]) < int(backfill["dagster-celery/run_priority"])
    assert batch_job.tags["dagster/priority"] == backfill["dagster/priority"]


def test_the_ocr_pool_is_sized_from_cores_and_threads() -> None:
    assert Settings(ocr_threads=1).ocr_pool_size >= Settings(ocr_threads=2).ocr_pool_size >= 1
    assert Settings(ocr_pool_slots=7).ocr_pool_size == 7
