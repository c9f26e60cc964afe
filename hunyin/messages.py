"""The message catalogue (``hunyin/data/messages.toml``): English messages in the reader's language.

Code raises messages in English, the language of logs and of the API's machine-readable side;
people read them through ``translate``, Chinese unless they asked for English.
"""

import re
import tomllib
from functools import lru_cache
from importlib.resources import files
from typing import Any

# Shown for a message the catalogue lacks: never the English text to a person who reads Chinese.
UNKNOWN = "操作未能完成（系统消息未收入目录，请联系管理员）"


@lru_cache(maxsize=1)
def _catalogue() -> tuple[list[tuple[re.Pattern[str], str]], dict[str, str]]:
    text = files("hunyin.data").joinpath("messages.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    patterns = [(re.compile(m["pattern"], re.DOTALL), m["zh"]) for m in data["message"]]
    return patterns, data["validation"]


def known(message: str) -> bool:
    """Whether the catalogue has a Chinese form of ``message``."""
    return any(p.fullmatch(message) for p, _ in _catalogue()[0])


def translate(message: str, *, lang: str = "zh") -> str:
    """``message`` in ``lang`` (``zh`` or ``en``)."""
    if lang == "en":
        return message
    for pattern, zh in _catalogue()[0]:
        if found := pattern.fullmatch(message.strip()):
            return zh.format(**{k: v or "" for k, v in found.groupdict().items()})
    return UNKNOWN


def validation_message(error: dict[str, Any], *, lang: str = "zh") -> str:
    """One pydantic error in ``lang``: a value error by its text, the others by their type."""
    if lang == "en":
        return str(error.get("msg", ""))
    if error.get("type") == "value_error":
        reason = error.get("ctx", {}).get("error")
        return translate(str(reason) if reason is not None else str(error.get("msg", "")))
    return _catalogue()[1].get(str(error.get("type")), UNKNOWN)


def language(accept_language: str | None) -> str:
    """``en`` when the header prefers English to Chinese, else ``zh`` (the default)."""
    best, best_q = "zh", -1.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in ("zh", "en") and q > best_q:
            best, best_q = primary, q
    return best
