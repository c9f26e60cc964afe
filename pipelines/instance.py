"""Dagster's instance: the repository's ``dagster.yaml`` written into the Dagster home.

One setting moves the instance: with ``HUNYIN_DAGSTER_PG_URL`` set, runs, events, schedules and
concurrency slots live in PostgreSQL (``dagster-postgres``), which every machine of a deployment
shares; unset, they stay in SQLite under the Dagster home, for one machine. The ``ocr`` pool's
limit comes from the cores and the OCR thread budget (``Settings.ocr_pool_size``).

    python -m pipelines.instance      # writes $DAGSTER_HOME/dagster.yaml
"""

import os
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import make_url

from hunyin.errors import InputError
from hunyin.settings import Settings, get_settings
from pipelines.samples import REPO

PG_URL_ENV = "HUNYIN_DAGSTER_PG_URL"


def instance_config(settings: Settings) -> dict[str, Any]:
    """The instance configuration for the settings: the repository's file, storage chosen."""
    config: dict[str, Any] = yaml.safe_load((REPO / "dagster.yaml").read_text(encoding="utf-8"))
    if settings.dagster_pg_url:
        config["storage"] = {"postgres": {"postgres_db": _postgres_db(settings.dagster_pg_url)}}
    config.setdefault("concurrency", {}).setdefault("pools", {})["default_limit"] = (
        settings.ocr_pool_size
    )
    return config


def _postgres_db(url: str) -> dict[str, Any]:
    """``dagster-postgres``'s connection fields for a URL, on the driver it is written for.

    A password is never written to the file: as for every libpq client it comes from
    ``PGPASSWORD`` or ``~/.pgpass``.
    """
    parsed = make_url(url)
    if parsed.password:
        raise InputError(
            f"{PG_URL_ENV} must not carry a password; set PGPASSWORD or ~/.pgpass instead"
        )
    if not parsed.drivername.startswith("postgresql") or not parsed.database:
        raise InputError(f"{PG_URL_ENV} must be a postgresql:// URL naming a database")
    fields: dict[str, Any] = {
        # dagster-postgres's statements are written for psycopg2's client-side parameters.
        "scheme": "postgresql+psycopg2",
        "username": parsed.username or "postgres",
        "hostname": parsed.host or "localhost",
        "port": parsed.port or 5432,
        "db_name": parsed.database,
    }
    if parsed.query:
        fields["params"] = dict(parsed.query)
    return fields


def write_home(settings: Settings, home: Path) -> Path:
    """Write ``dagster.yaml`` into the Dagster home (only when it changes) and return its path."""
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    text = "# Written from the repository's dagster.yaml by pipelines.instance.\n" + yaml.safe_dump(
        instance_config(settings), sort_keys=False, allow_unicode=True
    )
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def home_dir(settings: Settings) -> Path:
    """The Dagster home: ``DAGSTER_HOME`` when set, else ``{var_dir}/dagster``."""
    return Path(os.environ.get("DAGSTER_HOME") or settings.var_dir / "dagster").resolve()


if __name__ == "__main__":
    print(write_home(get_settings(), home_dir(get_settings())))
