"""Invisible and bidirectional control characters ("Trojan Source", CVE-2021-42574) and their kin.

They can make text read differently from what it is, or hide words; none of them belongs in a page.
"""
from __future__ import annotations

import unicodedata

_RANGES = [
    (0x00AD, 0x00AD),  # SOFT HYPHEN
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x115F, 0x1160),  # HANGUL CHOSEONG/JUNGSEONG FILLER
    (0x180E, 0x180E),  # MONGOLIAN VOWEL SEPARATOR
    (0x200B, 0x200F),  # ZERO WIDTH SPACE, ZWNJ, ZWJ, LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    (0x2028, 0x2029),  # LINE SEPARATOR, PARAGRAPH SEPARATOR
    (0x202A, 0x202E),  # LRE, RLE, PDF, LRO, RLO
    (0x2060, 0x2064),  # WORD JOINER, invisible operators
    (0x2066, 0x2069),  # LRI, RLI, FSI, PDI
    (0x206A, 0x206F),  # deprecated format characters
    (0x3164, 0x3164),  # HANGUL FILLER
    (0xFE00, 0xFE0F),  # variation selectors (text/emoji presentation)
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE / byte order mark
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
    (0xFFF9, 0xFFFB),  # interlinear annotation characters
]

FORBIDDEN: frozenset[str] = frozenset(chr(c) for lo, hi in _RANGES for c in range(lo, hi + 1))

# Readable names for the ones unicodedata has no name for (or a confusing one).
_NAMES = {0xFEFF: "ZERO WIDTH NO-BREAK SPACE (byte order mark)"}


def describe(char: str) -> str:
    code = ord(char)
    name = _NAMES.get(code) or unicodedata.name(char, "unnamed format character")
    return f"U+{code:04X} {name}"


ZWNJ, ZWJ = "\u200c", "\u200d"
VIRAMA = 9  # the canonical combining class of every script's virama (Sinhala al-lakuna, Devanagari halant)


def _script(ch: str) -> str:
    """The first word of a character's name: its script for the letters and signs that matter here."""
    return unicodedata.name(ch, "").split(" ")[0]


def orthographic_joiner(line: str, index: int) -> bool:
    """ZWJ and ZWNJ are spelling in some scripts, not a trick: Sinhala writes ප්‍ර and ව්‍ය with a ZWJ after
    the al-lakuna, Devanagari picks half forms with ZWJ / ZWNJ after the virama, and Urdu stops a join between
    two letters with a ZWNJ. Allowed only there: between a virama and a letter of the same script, or (ZWNJ)
    between two Arabic letters."""
    ch = line[index]
    if ch not in (ZWJ, ZWNJ) or index == 0 or index + 1 >= len(line):
        return False
    before, after = line[index - 1], line[index + 1]
    if unicodedata.combining(before) == VIRAMA and unicodedata.category(after).startswith("L"):
        return _script(before) == _script(after)
    return ch == ZWNJ and _script(before) == _script(after) == "ARABIC" and unicodedata.category(after) == "Lo"


def find(line: str) -> list[tuple[int, str]]:
    """(1-based column, character) for every forbidden character in the line."""
    return [
        (index + 1, ch)
        for index, ch in enumerate(line)
        if ch in FORBIDDEN and not orthographic_joiner(line, index)
    ]


def remove(text: str) -> str:
    """The text without its forbidden characters (orthographic joiners stay)."""
    return "\n".join(
        "".join(ch for index, ch in enumerate(line) if ch not in FORBIDDEN or orthographic_joiner(line, index))
        for line in text.split("\n")
    )
