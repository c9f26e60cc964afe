"""Indexes the ledger backfill adds to the store's own tables (migration ``0002_ledger``)."""

from sqlalchemy import Index

from warehouse.models.records import PartyRow, RecordRow

# A status query by the number as printed (15 or 18 digits) before it is upgraded.
Index("ix_parties_id_number", PartyRow.__table__.c.id_number)
# Provenance of a bulk-loaded row is its document and row: find the record from either side.
Index(
    "ix_records_source_document_page",
    RecordRow.__table__.c.source_document_id,
    RecordRow.__table__.c.page,
)
