"""Closed-vocabulary decoding: how probable the recogniser makes each word of a field's
vocabulary (sex, ethnicity, education, marital status, occupation, a township), summed over
every alignment of the word to the recogniser's steps (CTC forward pass).

Nothing is invented here either: a word needs, at some step for each of its characters, a
probability the recogniser actually gave that glyph (the engine keeps those above a floor); a
character it never saw there costs ``_UNSEEN`` per step, so such a word scores far below one
the recogniser read.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from hunyin.domain.text import halfwidth
from ocr.engines.base import TextLine
from ocr.glyphs import simplify

# The probability of a glyph at a step where the recogniser kept none for it.
_UNSEEN = 1e-6


@dataclass(frozen=True, slots=True)
class Steps:
    """The lines of one value end to end: blank probability per step, and per step the
    probability of each glyph kept (half-width, simplified), a blank step between lines."""

    blank: np.ndarray
    glyphs: tuple[dict[str, float], ...]


def steps_of(lines: list[TextLine]) -> Steps | None:
    """The value's steps, or ``None`` when a line carries no per-step glyphs."""
    blank: list[np.ndarray] = []
    glyphs: list[dict[str, float]] = []
    for line in lines:
        if line.steps is None or line.glyphs is None:
            return None
        if blank:
            blank.append(np.ones(1))
            glyphs.append({})
        count = len(line.steps)
        blank.append(line.steps[:, 0].astype(np.float64))
        per_step: list[dict[str, float]] = [{} for _ in range(count)]
        kept = line.glyphs
        for t, glyph, p in zip(kept.step, kept.glyph, kept.prob, strict=True):
            if t < count:
                ch = simplify(halfwidth(str(glyph)))
                per_step[t][ch] = per_step[t].get(ch, 0.0) + float(p)
        glyphs += per_step
    if not blank:
        return None
    return Steps(np.concatenate(blank), tuple(glyphs))


def log_probability(steps: Steps, word: str) -> float:
    """The log probability of ``word`` (every CTC alignment of it), spaces being no glyph."""
    word = "".join(ch for ch in word if not ch.isspace())
    count = len(steps.blank)
    if not word or count == 0:
        return -math.inf
    states = 2 * len(word) + 1
    emit = np.empty((count, states))
    emit[:, 0::2] = np.maximum(steps.blank, _UNSEEN)[:, None]
    for k, ch in enumerate(word):
        emit[:, 2 * k + 1] = [max(g.get(ch, 0.0), _UNSEEN) for g in steps.glyphs]
    # A character may follow the one before it without a blank between unless it is the same.
    skip = np.zeros(states, bool)
    skip[3::2] = [word[k] != word[k - 1] for k in range(1, len(word))]
    alpha = np.zeros(states)
    alpha[0], alpha[1] = emit[0, 0], emit[0, 1]
    total = 0.0
    for t in range(1, count):
        grown = alpha.copy()
        grown[1:] += alpha[:-1]
        grown[2:] += np.where(skip[2:], alpha[:-2], 0.0)
        alpha = grown * emit[t]
        scale = alpha.sum()
        if scale <= 0.0:
            return -math.inf
        alpha /= scale
        total += math.log(scale)
    end = alpha[-1] + (alpha[-2] if states > 1 else 0.0)
    return total + math.log(end) if end > 0 else -math.inf


def _plausible(steps: Steps, word: str) -> bool:
    """A quick filter: every character of the word was seen somewhere in the steps."""
    seen = {ch for g in steps.glyphs for ch, p in g.items() if p > 0}
    return all(ch in seen for ch in word)


def ranked(steps: Steps, words: Iterable[str]) -> list[tuple[str, float, float]]:
    """The vocabulary words the recogniser supports, most probable first, each with its share
    of the probability of all of them and its log probability."""
    scored = {w: log_probability(steps, w) for w in set(words) if w and _plausible(steps, w)}
    finite = {w: s for w, s in scored.items() if s > -math.inf}
    if not finite:
        return []
    top = max(finite.values())
    weights = {w: math.exp(s - top) for w, s in finite.items()}
    mass = sum(weights.values())
    return sorted(((w, weights[w] / mass, finite[w]) for w in finite), key=lambda kv: -kv[1])
