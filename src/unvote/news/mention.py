"""The one type every finder in :mod:`unvote.news` returns: a span of the article's text and what it names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """Something a story names, at ``text[start:end]`` of the article.

    ``kind`` and what ``value`` holds:

    - ``"body"``: the body's id (``"SC"``, ``"GA"``, ``"GA-C3"`` for the Third Committee, ``"HRC"``, ``"ICC"``, ``"ICJ"``)
    - ``"member"``: the member state's ISO3 code (``"PRK"``); ``detail`` says how it was named (name, demonym, capital…)
    - ``"date"``: ``(first day, last day)`` of the window the words name
    - ``"symbol"``: the document symbol as the UN writes it (``"S/RES/2397 (2017)"``, ``"S/2022/431"``)
    - ``"topic"``: a topic id (``"sanctions"``, ``"nuclear"``, ``"missiles"``, ``"human_rights"``, ``"icc_referral"``,
      ``"ceasefire"``, ``"humanitarian"``)
    - ``"count"``: the number; ``detail`` is what is counted (``"member"``, ``"permanent member"``, ``"launch"``…),
      with ``"ordinal"`` for "14th"
    """

    kind: str
    start: int
    end: int
    text: str
    value: object
    detail: str = ""

    def to_json(self) -> dict:
        """A JSON-ready dict (dates as ISO strings)."""
        value = self.value
        if isinstance(value, tuple):
            value = [v.isoformat() if hasattr(v, "isoformat") else v for v in value]
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text, "value": value,
                "detail": self.detail}
