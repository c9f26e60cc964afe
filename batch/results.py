"""What reading a batch produced: a record, or an outcome, for every page or refused file."""

from dataclasses import dataclass, field

from hunyin.schema import Outcome, Record


@dataclass(slots=True)
class BatchResults:
    items: list[Record | Outcome] = field(default_factory=list)
    expected_files: set[str] = field(default_factory=set)
    """The files that this run had to account for (refused, or with pages to read)."""

    def missing_files(self) -> list[str]:
        """Expected files that ended in no record and no outcome: they were lost."""
        return sorted(self.expected_files - {item.source.file for item in self.items})

    def counts(self) -> dict[str, int]:
        """How many items ended accepted, needing review, blank and quarantined."""
        counts = {"accepted": 0, "needs_review": 0, "blank": 0, "quarantined": 0}
        for item in self.items:
            counts[item.status] += 1
        return counts
