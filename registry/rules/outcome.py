"""What one check says about one case."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Outcome:
    """``passed`` True/False, or None when the rule does not apply or cannot be decided.

    ``veto`` bars the office whatever other jurisdiction rules grant; ``verify`` marks a null
    that a person must settle (a probable match), with the ``candidates`` to look at.
    """

    passed: bool | None
    message: str
    veto: bool = False
    verify: bool = False
    candidates: list[dict[str, Any]] = field(default_factory=list)
