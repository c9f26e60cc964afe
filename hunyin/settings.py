"""One settings class: every knob is declared here once, with its documentation."""

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Settings read from ``HUNYIN_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="HUNYIN_", extra="ignore")

    db_url: str = Field(
        default="sqlite:///var/hunyin.db",
        description="SQLAlchemy URL of the consolidated store.",
    )
    var_dir: Path = Field(
        default=Path("var"),
        description="Folder for the embedded store, Dagster home, reports and Data Docs.",
    )
    inbox_dir: Path = Field(
        default=Path("var/inbox"),
        description="Folder the intake sensor watches: one sub-folder per office, then per batch.",
    )
    archive_share_dir: Path | None = Field(
        default=None,
        description="The archive's file share: archivists may hand in a folder from under it.",
    )
    audit_key: str = Field(
        default="hunyin-audit-development-key",
        description="Secret of the keyed hash that lets auditors search the log by a whole ID "
        "number the log never stores; set a secret of the deployment's own.",
    )
    office_timezone: str = Field(
        default="Asia/Shanghai",
        description="Time zone in which pages show times to the offices (the store keeps UTC).",
    )
    audit_sample_rate: float = Field(
        default=0.02,
        ge=0.0,
        le=1.0,
        description="Share of accepted scanned records also sent to review as an audit sample.",
    )
    link_threshold: float = Field(
        default=0.9,
        ge=0.0,
        le=1.0,
        description="Probability at or above which a probabilistic link counts as 'probable'.",
    )
    link_backend: str = Field(
        default="duckdb",
        pattern=r"^duckdb(:.+)?$",
        description="Splink backend of the person linkage: `duckdb` (in process, spilling "
        "to {var_dir}/duckdb beyond the memory limit) or `duckdb:DIR` (spilling to DIR).",
    )
    link_memory_limit: str | None = Field(
        default=None,
        pattern=r"^[0-9.]+ ?[KMGT]i?B$",
        description="Memory the linkage's DuckDB may hold (e.g. `8GB`); beyond it, it spills "
        "to disk. Unset: DuckDB's own default, 80 % of the machine's memory.",
    )
    link_chunk_parties: int = Field(
        # Each slice joins its parties against the whole store again, rule by rule: at 2.4 M
        # parties, slices of 100 k scored in 24.7 s, of 1 M in 6.5 s, in one piece 4.6 s, for
        # peaks of 3.14, 3.24 and 3.62 GB.
        default=1_000_000,
        ge=1_000,
        description="Parties per prediction slice: a store is scored in parties / this slices, "
        "so the pairs held at once stay bounded as the store grows.",
    )
    ocr_workers: int = Field(
        default=2,
        ge=1,
        description="Default number of worker processes reading pages.",
    )
    ocr_threads: int = Field(
        default=1,
        ge=1,
        description="Threads one OCR step may use; a machine runs cores / threads steps at once.",
    )
    ocr_slice_pages: int = Field(
        default=25,
        ge=1,
        description="Pages per OCR step: the unit a worker takes from the queue and retries.",
    )
    ocr_pool_slots: int | None = Field(
        default=None,
        ge=1,
        description="OCR steps running at once across all workers (default: cores / threads).",
    )
    executor: Literal["in_process", "multiprocess", "celery"] = Field(
        default="in_process",
        description="How the batch job runs its steps: in one process, in local processes, "
        "or on Celery workers that take OCR steps from the `ocr` queue.",
    )
    broker_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        description="Celery broker (and result backend) for the `celery` executor.",
    )
    broker_visibility_timeout: int = Field(
        default=3600,
        ge=10,
        description="Seconds before the broker hands a step whose worker vanished to another; "
        "longer than the slowest OCR step.",
    )
    io_dir: Path | None = Field(
        default=None,
        description="Shared folder for step inputs and outputs (default: {var_dir}/io); "
        "every worker machine must see it at the same path.",
    )
    dagster_pg_url: str | None = Field(
        default=None,
        description="PostgreSQL URL of Dagster's instance (runs, events, schedules); "
        "unset keeps it in SQLite under the Dagster home.",
    )
    service_role: str = Field(
        default="hunyin_service",
        pattern=r"^([a-z_][a-z0-9_]{0,62})?$",
        description=(
            "PostgreSQL role the registry service acts as (SET ROLE): it may only add to the "
            "audit log. Blank: act as the connecting user."
        ),
    )
    max_image_pixels: int = Field(
        default=60_000_000,
        ge=1_000_000,
        description="Largest image (in pixels) accepted before it is quarantined as a bomb.",
    )

    @property
    def io_path(self) -> Path:
        """The folder of step inputs and outputs."""
        return self.io_dir or self.var_dir / "io"

    @property
    def ocr_pool_size(self) -> int:
        """OCR steps at once: each takes ``ocr_threads`` cores, so the cores bound them."""
        return self.ocr_pool_slots or max(1, (os.cpu_count() or 1) // self.ocr_threads)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
