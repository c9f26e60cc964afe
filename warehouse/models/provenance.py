"""Field provenance: every stored value, who or what read it, where, and every correction."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, BigId, utcnow


class FieldProvenance(Base):
    __tablename__ = "field_provenance"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(Text)
    engine: Mapped[str] = mapped_column(
        String(64)
    )  # rapidocr | tesseract | ledger | steward | live
    engine_version: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None] = mapped_column(Float)
    source_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_documents.id", ondelete="SET NULL")
    )
    page: Mapped[int | None] = mapped_column(Integer)
    region: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    previous_value: Mapped[str | None] = mapped_column(Text)
    corrected_by: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
