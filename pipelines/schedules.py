"""Schedules: the weekly fixity check of every stored source file."""

from dagster import DefaultScheduleStatus, ScheduleDefinition

from pipelines.jobs import fixity_job

# Monday 03:00, when no office is registering; running by default, as an archive's check must.
fixity_schedule = ScheduleDefinition(
    name="weekly_fixity",
    job=fixity_job,
    cron_schedule="0 3 * * 1",
    execution_timezone="Asia/Shanghai",
    default_status=DefaultScheduleStatus.RUNNING,
)
