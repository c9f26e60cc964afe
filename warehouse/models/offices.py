"""Registration offices with the period each code was valid (``offices.csv``)."""

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base


class OfficeRow(Base):
    __tablename__ = "offices"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    county: Mapped[str] = mapped_column(String(32))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    level: Mapped[str] = mapped_column(String(16))
