"""PP-OCRv6 through RapidOCR: detection on a downscaled page, recognition of full-size crops."""

import logging
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

import cv2
import numpy as np

from ocr.engines.base import STEP_SYMBOLS, Box, StepGlyphs, TextLine, crop
from ocr.forms import routing

# Text on a 200–300 dpi page stays 20 px or taller at this size: enough for detection, and
# detection is the costly step, roughly quadratic in the side.
DET_MAX_SIDE = 960
# RapidOCR pads every batch of crops to at least 320 px wide (its rec_img_shape). Most lines of a
# form are two to four characters, about 100 px at the model's 48 px height, so that floor
# triples the recogniser's work on them; the crops are sorted by width and batched, so padding to
# the widest crop of each batch is enough.
REC_MIN_WIDTH = 240
# A step between two Chinese characters this many times the line's usual step means one was
# not read; the character before the gap then scores no more than _GAP_SCORE.
_WIDE_STEP = 1.7
_GAP_SCORE = 0.5
_MIN_STEPS = 3
# Glyphs below this probability at a step are not kept for vocabulary decoding: a word that
# needs one of them at a step is no reading the recogniser supports there.
GLYPH_FLOOR = 0.01


def rapidocr_params(threads: int | None) -> dict[str, object]:
    """RapidOCR's defaults, quiet, with a thread budget per process when given."""
    params: dict[str, object] = {"Global.log_level": "error"}
    if threads:
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
        params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
    return params


class RapidOcrEngine:
    """The main engine. One instance per process: the models load once."""

    name = "rapidocr"

    def __init__(self, *, threads: int | None = None, det_max_side: int = DET_MAX_SIDE) -> None:
        from rapidocr import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        params = rapidocr_params(threads) | {"Rec.rec_img_shape": [3, 48, REC_MIN_WIDTH]}
        self._ocr = RapidOCR(params=params)
        cfg = self._ocr.cfg
        det, rec = cfg.Det, cfg.Rec
        self.version = (
            f"rapidocr {version('rapidocr')}; {det.ocr_version.value} det {det.model_type.value}"
            f", {rec.ocr_version.value} rec {rec.model_type.value}"
        )
        self._det_max_side = det_max_side
        # Loads the recogniser once, so that ``text_rec`` is ready for batched crops.
        self._ocr(np.full((48, 160, 3), 255, np.uint8), use_det=False, use_cls=False, use_rec=True)
        recogniser: Any = self._ocr.text_rec
        recogniser.postprocess_op = _KeepSteps(recogniser.postprocess_op)

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        """Text-line quadrilaterals in page pixels, found on a downscaled copy."""
        scale = min(1.0, self._det_max_side / max(image.shape[:2]))
        small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        out: Any = self._ocr(small, use_det=True, use_cls=False, use_rec=False)
        if out.boxes is None:
            return []
        return [np.asarray(quad, dtype=np.float32) / scale for quad in out.boxes]

    def read_regions(
        self,
        image: np.ndarray,
        boxes: list[Box],
        *,
        charset: str | None = None,
        expect: Sequence[str] | None = None,
    ) -> list[TextLine]:
        """Recognise each box (batched); ``charset`` and ``expect`` are not used here."""
        if not boxes:
            return []
        from rapidocr.ch_ppocr_rec import TextRecInput

        crops = [np.ascontiguousarray(crop(image, box)) for box in boxes]
        rec: Any = self._ocr.text_rec
        out = rec(TextRecInput(img=crops, return_word_box=True))
        lines = []
        for text, score, words, box in zip(
            out.txts, out.scores, out.word_results, boxes, strict=True
        ):
            confs = tuple(float(c) for c in words.confs) if words else ()
            # Per-character scores only when they line up with the characters of the text.
            chars = mark_gaps(str(text), confs, words) if len(confs) == len(text) else ()
            cols = tuple(c for word in words.word_cols for c in word) if words else ()
            lines.append(
                TextLine(
                    str(text),
                    float(score),
                    box,
                    chars,
                    getattr(words, "steps", None),
                    cols if len(cols) == len(text) else (),
                    getattr(words, "glyphs", None),
                )
            )
        return lines


class _KeepSteps:
    """RapidOCR's CTC decoder, which also keeps, for every line, the probability of blank and
    of each symbol of ``STEP_SYMBOLS`` at every step (look-alike glyphs added to the symbol),
    so that fields can be decoded again under their own constraint, and every other glyph
    above ``GLYPH_FLOOR`` (for closed vocabularies). The rest of the distribution (thousands of
    classes) is dropped: it is what makes the decoder's output large."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._glyphs = np.asarray(inner.character, dtype=object)
        index = inner.dict
        looks = routing()["step_lookalikes"]
        self._columns = [[0]] + [
            [index[g] for g in looks.get(symbol, symbol) if g in index] for symbol in STEP_SYMBOLS
        ]

    def __call__(self, preds: np.ndarray, return_word_box: bool = False, **kwargs: Any) -> Any:
        lines, words = self._inner(preds, return_word_box, **kwargs)
        ratios = kwargs.get("wh_ratio_list", ())
        widest = kwargs.get("max_wh_ratio", 1.0)
        steps = np.stack([preds[:, :, cols].sum(axis=2) for cols in self._columns], axis=2)
        rows, at, cls = np.nonzero(preds[:, :, 1:] >= GLYPH_FLOOR)
        cls += 1
        for row, info in enumerate(words):
            ratio = ratios[row] / widest if row < len(ratios) else 1.0
            used = min(preds.shape[1], int(np.ceil(preds.shape[1] * ratio)) + 2)
            info.steps = steps[row, :used].astype(np.float16)
            mine = (rows == row) & (at < used)
            info.glyphs = StepGlyphs(
                at[mine].astype(np.int16),
                self._glyphs[cls[mine]].astype(str),
                preds[row, at[mine], cls[mine]].astype(np.float16),
            )
        return lines, words


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def mark_gaps(text: str, confs: tuple[float, ...], words: Any) -> tuple[float, ...]:
    """Scores with a character marked unsure when an unusually wide step follows it between
    two Chinese characters: CTC decoding merges a doubled character (村村 → 村) and may drop a
    faint one, and the only trace is that gap in the character positions."""
    cols = [c for word in words.word_cols for c in word]
    if len(cols) != len(text):
        return confs
    steps = [
        (i, cols[i + 1] - cols[i])
        for i in range(len(text) - 1)
        if _cjk(text[i]) and _cjk(text[i + 1])
    ]
    if len(steps) < _MIN_STEPS:
        return confs
    usual = float(np.median([step for _, step in steps]))
    marked = list(confs)
    for i, step in steps:
        if step > _WIDE_STEP * usual:
            marked[i] = min(marked[i], _GAP_SCORE)
    return tuple(marked)
