"""Alembic environment: runs migrations on the URL the caller configured."""

from alembic import context
from sqlalchemy import pool

from warehouse.db import get_engine
from warehouse.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url, "sqlalchemy.url must be set by warehouse.db.alembic_config"
connectable = get_engine(url) if not url.endswith(":memory:") else None

if connectable is None:
    from sqlalchemy import create_engine

    connectable = create_engine(url, poolclass=pool.StaticPool)

with connectable.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
