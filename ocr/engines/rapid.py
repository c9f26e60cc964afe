"""PP-OCRv6 through RapidOCR: detection on a downscaled page, recognition of full-size crops."""

import logging
from importlib.metadata import version

import cv2
import numpy as np

from ocr.engines.base import Box, TextLine, crop

# Text on a 200–300 dpi page stays 20 px or taller at this size: enough for detection, and
# detection is the costly step, roughly quadratic in the side.
DET_MAX_SIDE = 1280


class RapidOcrEngine:
    """The main engine. One instance per process: the models load once."""

    name = "rapidocr"

    def __init__(self, *, threads: int | None = None, det_max_side: int = DET_MAX_SIDE) -> None:
        from rapidocr import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        params: dict[str, object] = {
            "Global.log_level": "error",
            "Global.max_side_len": 4000,
        }
        if threads:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
            params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
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

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        """Text-line quadrilaterals in page pixels, found on a downscaled copy."""
        scale = min(1.0, self._det_max_side / max(image.shape[:2]))
        small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        out = self._ocr(small, use_det=True, use_cls=False, use_rec=False)
        if out.boxes is None:
            return []
        return [np.asarray(quad, dtype=np.float32) / scale for quad in out.boxes]

    def read_regions(
        self, image: np.ndarray, boxes: list[Box], *, charset: str | None = None
    ) -> list[TextLine]:
        """Recognise each box (batched); ``charset`` is not used by this engine."""
        if not boxes:
            return []
        from rapidocr.ch_ppocr_rec import TextRecInput

        crops = [np.ascontiguousarray(crop(image, box)) for box in boxes]
        out = self._ocr.text_rec(TextRecInput(img=crops))
        return [
            TextLine(text=str(text), score=float(score), box=box)
            for text, score, box in zip(out.txts, out.scores, boxes, strict=True)
        ]

    def read_full(self, image: np.ndarray) -> list[TextLine]:
        """A plain full-page pass with RapidOCR's own defaults: the benchmark's baseline."""
        out = self._ocr(image)
        if out.boxes is None:
            return []
        return [
            TextLine(text=str(t), score=float(s), box=_box(q))
            for q, t, s in zip(out.boxes, out.txts, out.scores, strict=True)
        ]


def _box(quad: np.ndarray) -> Box:
    q = np.asarray(quad)
    return int(q[:, 0].min()), int(q[:, 1].min()), int(q[:, 0].max()), int(q[:, 1].max())
