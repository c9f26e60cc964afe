"""Revision 0010_batch: scan records hashed the old way get the one content hash."""

from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select, update

from tests.factories import record
from warehouse.db import alembic_config, transaction
from warehouse.keys import content_hash, scan_key
from warehouse.loading import Keyed, upsert_records
from warehouse.models import RecordRow


def test_old_scan_hashes_are_recomputed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    config = alembic_config(url)
    command.upgrade(config, "heads")
    one = record(status="accepted")
    with transaction(url) as session:
        item = Keyed(key=scan_key(sha256="e" * 64, page=1), record=one)
        upsert_records(session, items=[item], source_kind="scan", batch="b1", engine="t")
        session.execute(update(RecordRow).values(content_hash="0" * 64))
    # to the revision before 0010_batch, whatever came after it since
    before = ScriptDirectory.from_config(config).get_revision("0010_batch").down_revision
    command.downgrade(config, str(before))
    command.upgrade(config, "heads")
    with transaction(url) as session:
        assert session.scalars(select(RecordRow.content_hash)).one() == content_hash(one)
