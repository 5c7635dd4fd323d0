"""Phone numbers typed into text: Japanese formats, with ASCII or full-width digits.

Contacts live in data/ with their source and reach the pages through inserts; a number typed into a page
is never checked again, so the lint stops it. Years (2004), dates (2025-01-15), postal codes (100-8977),
times (9:00-17:00) and list numbers are not phone numbers.
"""
from __future__ import annotations

import re

# One character for one character, so columns stay right.
_NORMALIZE = {chr(0xFF10 + i): str(i) for i in range(10)}
_NORMALIZE.update(
    {
        "\uff0b": "+",  # FULLWIDTH PLUS SIGN
        "\uff03": "#",  # FULLWIDTH NUMBER SIGN
        "\uff08": "(",
        "\uff09": ")",
        "\u3000": " ",  # IDEOGRAPHIC SPACE
        "\u00a0": " ",
        "\uff0e": ".",
        "\uff1a": ":",
    }
)
for _dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\u30fc\uff70\u2043\ufe63":
    _NORMALIZE[_dash] = "-"
_TABLE = str.maketrans(_NORMALIZE)

SHORT_CODES = ("110", "118", "119", "171", "188", "189")

_A = r"A-Za-z0-9_"  # ASCII word characters: '110番' (Japanese) is still the number 110
# A run of digits joined by the separators people use in phone numbers.
_CANDIDATE = re.compile(
    rf"(?<![{_A}#+.,/\-])"
    r"(?P<num>(?:\+\s?|\()?\d+(?:(?:[\-.]|\)\s?|\s?\(|\s)\d+\)?)*)"
    rf"(?![{_A}%]|[.,:]\d)"
)
_SHORT = re.compile(rf"(?<![{_A}#])#\d{{4}}(?![{_A}])")  # #9110, #8008, #7119
_TEL = re.compile(r"\btel:[^\s)\"'>\]]*", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^\s*\d+[.)]\s")


def normalize(line: str) -> str:
    return line.translate(_TABLE)


def _is_phone(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    stripped = text.lstrip("( ")
    if stripped.startswith("+"):
        if not digits.startswith("81"):
            return len(digits) >= 9  # a foreign number is still a number typed into the page
        national = digits[2:]
        if national.startswith("0"):
            national = national[1:]
        return 9 <= len(national) <= 10
    if stripped.startswith("0"):
        return 10 <= len(digits) <= 11
    return digits in SHORT_CODES and text.strip("() ") == digits


def find(line: str) -> list[tuple[int, str]]:
    """(1-based column, the number as written) for every phone-number-like text in the line."""
    norm = normalize(line)
    found: list[tuple[int, str]] = []
    for match in _TEL.finditer(norm):
        found.append((match.start() + 1, line[match.start() : match.end()]))
    list_marker = _LIST_MARKER.match(norm)
    for match in _CANDIDATE.finditer(norm):
        start, end = match.span("num")
        text = norm[start:end].rstrip()
        if list_marker and start < list_marker.end() and text.strip("().") in SHORT_CODES:
            continue  # "110. item" is a list number
        if _is_phone(text) and not any(s <= start < s + len(t) for s, t in ((c - 1, t) for c, t in found)):
            found.append((start + 1, line[start : start + len(text)]))
    for match in _SHORT.finditer(norm):
        found.append((match.start() + 1, line[match.start() : match.end()]))
    return sorted(found)


def contains_phone_number(text: str) -> bool:
    return any(find(line) for line in text.splitlines())
