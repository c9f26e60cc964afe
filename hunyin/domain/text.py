"""Text clean-up shared by OCR and ledgers: full-width to half-width, spaces out."""

import re

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
