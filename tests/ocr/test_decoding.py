"""Field-constrained decoding over made-up recogniser steps (no engine runs here)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ocr.decoding import DATE_SYMBOLS, ID_SYMBOLS, nbest
from ocr.engines.base import STEP_SYMBOLS, TextLine
from ocr.fields import read_field
from ocr.idchoice import choose

_WIDTH = len(STEP_SYMBOLS) + 1


def _steps(*columns: dict[str, float]) -> np.ndarray:
    """Steps from per-step probabilities by symbol ("" is blank; what is left over belongs to
    glyphs outside the symbols)."""
    steps = np.zeros((len(columns), _WIDTH), np.float16)
    for t, probs in enumerate(columns):
        for symbol, p in probs.items():
            steps[t, 0 if symbol == "" else STEP_SYMBOLS.index(symbol) + 1] = p
    return steps


def _spelled(text: str, *, doubt: dict[int, dict[str, float]] | None = None) -> np.ndarray:
    """Each character of ``text`` on one step, a blank step after it; ``doubt`` replaces the
    probabilities of some characters' steps."""
    columns: list[dict[str, float]] = []
    for i, ch in enumerate(text):
        columns += [(doubt or {}).get(i, {ch: 0.97}), {"": 0.99}]
    return _steps(*columns)


def test_best_reading_comes_first_and_repeats_need_a_blank() -> None:
    readings = nbest(_spelled("1990"), ID_SYMBOLS)
    assert readings[0][0] == "1990"
    assert readings[0][1] > 0.8
    merged = _steps({"9": 0.9}, {"9": 0.9}, {"": 0.9})
    assert nbest(merged, ID_SYMBOLS)[0][0] == "9"


def test_a_step_held_by_another_glyph_gives_no_symbol() -> None:
    # The second step is a Chinese character to the recogniser: under the digit alphabet it is
    # nothing, never the digit that had a sliver of probability there.
    steps = _steps({"5": 0.98}, {"": 0.01, "3": 0.02}, {"": 0.98}, {"2": 0.98})
    assert nbest(steps, ID_SYMBOLS)[0][0] == "52"


def test_the_check_character_and_birth_date_choose_among_the_n_best() -> None:
    truth = "532301199111152090"
    # The recogniser is unsure of the 13th character: 1 or 7 (and the plain reading was junk).
    steps = _spelled(truth, doubt={12: {"7": 0.5, "1": 0.45}})
    line = TextLine("53230119911l15209O号", 0.8, (0, 0, 600, 40), (), steps, ())
    value = read_field("male.id_number", [line])
    assert [text for text, _ in value.alternatives[:2]] == [truth[:12] + "7" + truth[13:], truth]
    chosen, _ = choose(value, [], birth="1991-11-15", sex="男")
    assert chosen.value == truth
    assert not chosen.issues


def test_no_reading_is_chosen_when_none_passes_the_check() -> None:
    wrong = "532301199111152091"
    line = TextLine(wrong[:-1] + "B", 0.9, (0, 0, 600, 40), (), _spelled(wrong), ())
    chosen, _ = choose(read_field("male.id_number", [line]), [], birth="1991-11-15", sex="男")
    assert chosen.issues and chosen.issues[-1].rule == "id-check"


def test_a_misread_date_is_read_under_the_date_grammar_but_not_accepted_alone() -> None:
    steps = _spelled("2013年08月13日", doubt={2: {"1": 0.6}, 3: {"3": 0.5}})
    line = TextLine("20B年08月13日", 0.9, (0, 0, 300, 40), (), steps, ())
    value = read_field("registration_date", [line])
    assert value.value == "2013-08-13"
    assert value.confidence <= 0.6
    assert [i.severity for i in value.issues] == ["warning"]


@settings(max_examples=60, deadline=None)
@given(
    steps=arrays(
        np.float16,
        st.tuples(st.integers(0, 80), st.just(_WIDTH)),
        elements=st.floats(0, 1, width=16),
    ),
    alphabet=st.sampled_from((ID_SYMBOLS, DATE_SYMBOLS)),
)
def test_any_steps_decode_to_readings_of_the_alphabet(steps: np.ndarray, alphabet: str) -> None:
    readings = nbest(steps, alphabet)
    assert all(set(text) <= set(alphabet) and 0 <= share <= 1 for text, share in readings)


def test_a_certificate_number_misread_in_a_separator_is_read_under_its_shape() -> None:
    # The dash before the serial read as a dot; the letter is no symbol of the digit alphabet.
    truth = "L532329-2016-002351"
    steps = _spelled(truth.replace("-", "."), doubt={0: {}})
    line = TextLine("L532329-2016.002351", 0.95, (0, 0, 600, 40), (), steps, ())
    value = read_field("certificate_no", [line])
    assert value.value == truth
    assert value.confidence <= 0.6
    assert "number-constrained" in [i.rule for i in value.issues]


def test_a_certificate_number_is_not_made_of_digits_nobody_read() -> None:
    line = TextLine(
        "L532329-2016-0023", 0.95, (0, 0, 600, 40), (), _spelled("532329-2016-0023"), ()
    )
    assert read_field("certificate_no", [line]).value == "L532329-2016-0023"
