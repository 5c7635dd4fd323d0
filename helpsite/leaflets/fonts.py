"""Fonts per language, from Debian's Noto packages (scripts/system-packages.txt), and the tofu check.

Each language gets a stack of Noto families. The CJK fonts are one collection with a face per region,
so the family name (and the ``lang`` attribute) picks Japanese, Simplified Chinese or Korean glyph forms.
Before a leaflet is rendered, every character of its text must be in one of the faces of its stack;
otherwise the build of that file stops and names the character (no tofu on paper).
"""
from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from helpsite.leaflets.errors import LeafletError

LATIN = "Noto Sans"
THAI = "Noto Sans Thai"
CJK = {"ja": "Noto Sans CJK JP", "zh": "Noto Sans CJK SC", "ko": "Noto Sans CJK KR"}

# The Debian package a family comes from, for the error message when it is missing.
PACKAGES = {LATIN: "fonts-noto-core", THAI: "fonts-noto-core", **{f: "fonts-noto-cjk" for f in CJK.values()}}

# BCP 47 tags for the HTML ``lang`` attribute (and the PDF /Lang): Chinese is Simplified.
HTML_LANG = {"zh": "zh-Hans", "tl": "fil"}


def html_lang(code: str) -> str:
    from helpsite import languages

    code = languages.data_language(code)  # ja-easy is printed as Japanese (lang="ja")
    return HTML_LANG.get(code, code)


def stack(code: str) -> tuple[str, ...]:
    """The font families for text in this language, first choice first."""
    from helpsite import languages

    code = languages.data_language(code)
    if code in CJK:
        return (CJK[code], LATIN)
    if code == "th":
        return (LATIN, THAI)
    return (LATIN,)


ALIAS = "HS "  # the build's @font-face names: "HS Noto Sans" = a per-document subset of Noto Sans


def css_stack(code: str) -> str:
    """The CSS font-family for a language: the per-document subsets (see subset.py), nothing else."""
    return ", ".join(f'"{ALIAS}{family}"' for family in stack(code))


def font_face_css(text: str, codes: list[str], cache) -> str:
    """@font-face rules for every face of these languages, each a subset of the font to ``text``."""
    from helpsite.leaflets.subset import subset_file

    rules = []
    for f in faces_for(codes):
        path = subset_file(f.file, f.index, text, cache)
        weight = 700 if f.weight == "bold" else 400
        rules.append(
            f'@font-face {{ font-family: "{ALIAS}{f.family}"; font-weight: {weight}; font-style: normal; '
            f'src: url("{path.as_uri()}"); }}'
        )
    return "\n".join(rules)


@dataclass(frozen=True)
class Face:
    family: str
    weight: str  # "regular" | "bold"
    file: str
    index: int


@lru_cache(maxsize=None)
def face(family: str, weight: str = "regular") -> Face:
    """The font file fontconfig gives for this family, checked to be that family (no silent substitute)."""
    pattern = family if weight == "regular" else f"{family}:bold"
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{family[0]}|%{file}|%{index}", pattern],
            check=True, capture_output=True, text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise LeafletError(f"fc-match failed for {pattern!r} ({exc}); install 'fontconfig' (scripts/system-packages.txt)") from exc
    got_family, file, index = out.split("|")
    if got_family != family:
        raise LeafletError(
            f"font '{family}' is not installed (fontconfig offers '{got_family}' instead). "
            f"Install the Debian package '{PACKAGES.get(family, 'fonts-noto-core')}' (make setup)."
        )
    return Face(family, weight, file, int(index or 0))


def faces_for(codes: tuple[str, ...] | list[str]) -> list[Face]:
    """Every face (regular and bold) used for text in these languages, without duplicates, in order."""
    seen: dict[tuple[str, str], Face] = {}
    for code in codes:
        for family in stack(code):
            for weight in ("regular", "bold"):
                seen.setdefault((family, weight), face(family, weight))
    return list(seen.values())


def fonts_fingerprint(codes: list[str]) -> str:
    """A text that changes when a font file changes (part of the content hash)."""
    import os

    parts = []
    for f in faces_for(codes):
        st = os.stat(f.file)
        parts.append(f"{f.family}|{f.weight}|{f.file}|{f.index}|{st.st_size}|{int(st.st_mtime)}")
    return "\n".join(parts)


@lru_cache(maxsize=None)
def coverage(file: str, index: int) -> frozenset[int]:
    """The code points a font face maps to a glyph (its cmap)."""
    from fontTools.ttLib import TTFont

    font = TTFont(file, fontNumber=index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


# Characters that are never drawn as glyphs, so they cannot turn into tofu.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def check_coverage(text: str, code: str, where: str, weights: tuple[str, ...] = ("regular", "bold")) -> None:
    """Stop with a clear message if a character of ``text`` is in none of the faces of ``code``'s stack."""
    missing: dict[str, str] = {}
    for weight in weights:
        covered: set[int] = set()
        for family in stack(code):
            f = face(family, weight)
            covered |= coverage(f.file, f.index)
        for ch in set(text):
            if ord(ch) in covered or ch in " \n\t" or unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
                continue
            missing.setdefault(ch, weight)
    if missing:
        listed = ", ".join(
            f"'{ch}' U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}" for ch in sorted(missing)
        )
        raise LeafletError(
            f"{where}: no font for {listed} in language '{code}' (fonts: {', '.join(stack(code))}). "
            f"Fix the text (catalog or data) or add a font package to scripts/system-packages.txt and to "
            f"helpsite/leaflets/fonts.py."
        )
