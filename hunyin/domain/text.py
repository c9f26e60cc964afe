"""Text clean-up shared by OCR and ledgers: full-width to half-width, spaces out."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def halfwidth(text: str) -> str:
    """Full-width ASCII forms (U+FF01–FF5E) and the ideographic space to their ASCII forms."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif code == 0x3000:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def compact(text: str | None) -> str | None:
    """Half-width, no white space; ``None`` for blank."""
    if text is None:
        return None
    cleaned = _SPACES.sub("", halfwidth(text))
    return cleaned or None


# Control, format, surrogate, private-use and unassigned code points, and line and paragraph
# separators: nothing a person writes in a name or a note, and NUL is refused by PostgreSQL.
_NOT_TEXT = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def checked_text(text: str) -> str:
    """``text`` without surrounding white space; ValueError when blank or holding control
    characters. The same check for every store: SQLite would keep what PostgreSQL refuses."""
    stripped = text.strip()
    if not stripped:
        raise ValueError("must not be blank")
    bad = sorted({f"U+{ord(ch):04X}" for ch in stripped if unicodedata.category(ch) in _NOT_TEXT})
    if bad:
        raise ValueError(f"must not hold control characters ({', '.join(bad[:5])})")
    return stripped
