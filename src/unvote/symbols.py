"""UN document symbols: one canonical spelling per document, and a key for tolerant lookup.

Sources spell the same symbol many ways: ``S/RES/2397 (2017)`` and ``S/RES/2397(2017)``, ``A/RES/3029(XXVII)[C]``
and ``A/RES/3029 (XXVII) C``, Voeten's ``R/69/188`` for ``A/RES/69/188``. :func:`symbol_key` folds them all into one
lookup key; :func:`from_voeten_unres` turns Voeten's shorthand into the UN's own symbol.

>>> symbol_key("S/RES/2397 (2017)") == symbol_key("s/res/2397(2017)")
True
>>> from_voeten_unres("R/69/188")
'A/RES/69/188'
>>> from_voeten_unres("R/5/377A")
'A/RES/377 (V) A'
"""

from __future__ import annotations

import re

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]

# The GA numbered its resolutions serially with the session in Roman numerals until the 30th session (1975);
# from the 31st session on, symbols carry the session number: A/RES/31/1.
LAST_SERIAL_SESSION = 30


def roman(n: int) -> str:
    """Roman numeral for a positive integer: ``roman(27) == 'XXVII'``."""
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def symbol_key(symbol: str | None) -> str:
    """Lookup key for a symbol: upper case, with spaces, brackets and a trailing dot removed."""
    if not symbol:
        return ""
    key = re.sub(r"[\s\[\]\u00a0]+", "", symbol.upper()).rstrip(".")
    return key


def from_voeten_unres(unres: str | None) -> str | None:
    """The UN symbol for Voeten's ``unres`` code (``R/69/188``, ``R/4/536B``, ``ESS/1/34``, ``SS/2/35B``).

    Codes already in UN form (``A/RES/75/4``) are returned unchanged; an empty code gives ``None``.
    """
    if unres is None:
        return None
    unres = unres.strip()
    if not unres:
        return None
    if unres.upper().startswith("A/"):
        return unres
    m = re.fullmatch(r"(R|ESS|SS)/(\d+)/(\d+)\s*([A-Z]*)", unres.upper())
    if not m:
        return unres
    kind, session, number, letter = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    suffix = f" {letter}" if letter else ""
    if kind == "R":
        if session <= LAST_SERIAL_SESSION:
            return f"A/RES/{number} ({roman(session)}){suffix}"
        return f"A/RES/{session}/{number}{suffix}"
    prefix = "ES-" if kind == "ESS" else "S-"
    # Voeten numbers special sessions by their own count; before 1976 the UN used the serial form too.
    return f"A/RES/{prefix}{session}/{number}{suffix}"


def sc_resolution_symbol(number: int, year: int) -> str:
    """``S/RES/2397 (2017)`` for resolution 2397 of 2017."""
    return f"S/RES/{number} ({year})"


def parse_sc_resolution(symbol: str) -> tuple[int, int | None] | None:
    """The number and year of an SC resolution symbol, or ``None``: ``'S/RES/83(1950)'`` gives ``(83, 1950)``."""
    m = re.fullmatch(r"(?:S/RES/)?(\d+)\s*(?:\((\d{4})\))?", symbol.strip().upper().replace(" ", ""))
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None
