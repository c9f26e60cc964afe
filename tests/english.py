"""What a person reads on a page, and the English sentences in it (for the one-language tests).

Visible text is every text node outside ``<script>`` and ``<style>``, and the attributes a
browser shows (``alt``, ``title``, ``placeholder``, a button's ``value``). Technical tokens pass:
codes, rule ids, certificate numbers, file names, engine names - a single Latin token at a time.
Two or more Latin words in a row make a sentence, unless the phrase is a name on the list.
"""

import re
from html.parser import HTMLParser

# Proper names (a tool, a file format) that are two Latin words and are no sentence.
ALLOWED_PHRASES = {"Great Expectations", "PAGE XML", "PRImA PAGE"}
_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'’]+[A-Za-z]{2,})+")
_SHOWN_ATTRIBUTES = {"alt", "title", "placeholder"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        for name, value in attrs:
            if value and name in _SHOWN_ATTRIBUTES:
                self.texts.append(value)
        if tag == "input" and dict(attrs).get("type") in ("submit", "button"):
            self.texts.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.texts.append(data.strip())


def visible_texts(html: str) -> list[str]:
    """The pieces of text a person sees on the page."""
    parser = _Visible()
    parser.feed(html)
    return parser.texts


def english_sentences(html: str) -> list[str]:
    """Every run of two or more Latin words a person would read, allowed names aside."""
    found = []
    for text in visible_texts(html):
        for match in _WORDS.finditer(text):
            if match.group(0) not in ALLOWED_PHRASES:
                found.append(match.group(0))
    return found
