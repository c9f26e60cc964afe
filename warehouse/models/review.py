"""Review tasks: records the machine was unsure of, or drew as an audit sample."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, BigId, utcnow


class ReviewTask(Base):
    __tablename__ = "review_tasks"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # doubt | audit_sample | rule
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    batch: Mapped[str | None] = mapped_column(String(128))
    office_code: Mapped[str | None] = mapped_column(String(6))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Why it was rejected, or why an approval overrode the errors left (migration 0006).
    resolution: Mapped[str | None] = mapped_column(String(200))
