"""Linkage results kept in the store: pairwise predictions and the trained linkage model."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, BigId, utcnow
from warehouse.models.records import PartyRow


class LinkPrediction(Base):
    """A scored pair of parties (lower id first); those below the threshold are candidates."""

    __tablename__ = "link_predictions"
    __table_args__ = (
        Index("uq_link_predictions_pair", "party_l", "party_r", unique=True),
        Index("ix_link_predictions_party_r", "party_r"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    party_l: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    party_r: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"))
    probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LinkModel(Base):
    """A trained linkage model (Splink settings with m/u values); the newest one is used."""

    __tablename__ = "link_models"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    trained_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    parties: Mapped[int] = mapped_column(Integer)
    engine: Mapped[str] = mapped_column(String(32))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)


# Incremental linking looks up existing parties of the same birth date (a name slip).
Index("ix_parties_birth_date", PartyRow.__table__.c.birth_date)
