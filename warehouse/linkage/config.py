"""The linkage settings file (``linkage.toml``): OCR confusions, blocking, training, model."""

import tomllib
from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=1)
def linkage_config() -> dict[str, Any]:
    """The parsed settings, read once per process."""
    text = files("warehouse.linkage").joinpath("linkage.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def prediction_rules() -> list[str]:
    """Blocking rules for scoring, each restricted to pairs not already joined by number."""
    predict = linkage_config()["predict"]
    return [f"{rule} and {predict['guard']}" for rule in predict["blocking_rules"]]
