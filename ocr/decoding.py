"""Field-constrained decoding: the recogniser's per-step probabilities read again under a
field's own alphabet (digits and X for an ID number, the date symbols for a date), giving the
n-best readings the recogniser itself supports, each with its share of the probability.

Nothing is invented here: every reading is a path through what the recogniser saw, and the
probability of every glyph outside the alphabet counts as "no symbol at this step", so a step
that held a Chinese character never turns into a digit.
"""

from collections import defaultdict

import numpy as np

from ocr.engines.base import STEP_SYMBOLS, TextLine

ID_SYMBOLS = "0123456789X"
DATE_SYMBOLS = "0123456789年月日〇零一二三四五六七八九十-./"
# Symbols below this probability at a step are not tried there: they cannot lift a reading
# into the n-best, and skipping them keeps the search to a few symbols per step.
_FLOOR = 1e-3


def steps_of(lines: list[TextLine]) -> np.ndarray | None:
    """The steps of the lines of one value end to end, a blank step between lines; ``None``
    when a line has none (an engine that gives no probabilities)."""
    parts: list[np.ndarray] = []
    for line in lines:
        if line.steps is None:
            return None
        if parts:
            gap = np.zeros((1, line.steps.shape[1]), np.float32)
            gap[0, 0] = 1.0
            parts.append(gap)
        parts.append(line.steps.astype(np.float32))
    return np.concatenate(parts) if parts else None


def nbest(
    steps: np.ndarray, alphabet: str, *, beam: int = 10, top: int = 8
) -> list[tuple[str, float]]:
    """The ``top`` most probable readings made only of ``alphabet`` (CTC prefix beam search),
    each with its share of the probability of all the readings kept."""
    columns = [STEP_SYMBOLS.index(ch) + 1 for ch in alphabet]
    probs = steps.astype(np.float64)
    # Whatever the recogniser put on other glyphs is no symbol of this field at this step.
    blank = probs[:, 0] + np.clip(1.0 - probs.sum(axis=1), 0.0, None)
    symbols = probs[:, columns]
    beams: dict[str, tuple[float, float]] = {"": (1.0, 0.0)}
    for t in range(len(probs)):
        tried = [(alphabet[i], float(p)) for i, p in enumerate(symbols[t]) if p >= _FLOOR]
        grown: defaultdict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for prefix, (ends_blank, ends_symbol) in beams.items():
            total = ends_blank + ends_symbol
            grown[prefix][0] += total * float(blank[t])
            for ch, p in tried:
                if prefix and prefix[-1] == ch:
                    # The same symbol again without a blank between is the same character.
                    grown[prefix][1] += ends_symbol * p
                    grown[prefix + ch][1] += ends_blank * p
                else:
                    grown[prefix + ch][1] += total * p
        kept = sorted(grown.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))[:beam]
        scale = sum(b + s for _, (b, s) in kept) or 1.0
        beams = {prefix: (b / scale, s / scale) for prefix, (b, s) in kept}
    ranked = sorted(((p, b + s) for p, (b, s) in beams.items() if p), key=lambda kv: -kv[1])
    mass = sum(score for _, score in ranked) or 1.0
    return [(text, score / mass) for text, score in ranked[:top]]
