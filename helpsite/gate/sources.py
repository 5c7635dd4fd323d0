"""Which project file a piece of built output most likely came from, with its line."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from helpsite.gate.numbers import normalize


@lru_cache(maxsize=512)
def _lines(path: Path) -> tuple[str, ...]:
    try:
        return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", normalize(text))


def locate(root: Path, candidates: list[Path], needles: list[str], digits: str | None = None) -> str:
    """'file:line' of the first candidate line that holds one of ``needles`` (case-insensitive) or,
    for a number, the same digits (in any script, split by markup or not); else the first candidate."""
    lowered = [n.lower() for n in needles if n]
    if digits:  # the digits are the surest trace of a number, whatever markup surrounds them
        for path in candidates:
            for number, line in enumerate(_lines(path), start=1):
                if digits in _digits(line):
                    return f"{_rel(root, path)}:{number}"
    for path in candidates:
        for number, line in enumerate(_lines(path), start=1):
            low = line.lower()
            if any(n in low for n in lowered):
                return f"{_rel(root, path)}:{number}"
    return _rel(root, candidates[0]) if candidates else "(unknown source)"


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def page_candidates(root: Path, rel: str) -> list[Path]:
    """The files that make a built page: its Markdown, its language's catalog, the data, our templates."""
    parts = rel.split("/")
    lang = parts[0] if len(parts) > 1 and re.fullmatch(r"[a-z]{2,3}", parts[0]) else None
    out: list[Path] = []
    if lang:
        inner = "/".join(parts[1:])
        stem = inner.removesuffix("index.html").strip("/")
        for name in ([f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]):
            path = root / "docs" / lang / name
            if path.exists():
                out.append(path)
        out.append(root / "locales" / lang / "LC_MESSAGES" / "messages.po")
    return out + _shared(root)


def leaflet_candidates(root: Path, rel: str) -> list[Path]:
    lang = rel.split("/")[0]
    out = [root / "locales" / code / "LC_MESSAGES" / "messages.po" for code in dict.fromkeys((lang, "ja", "en"))]
    data = [root / "data" / n for n in ("contacts.yaml", "prefectures.yaml", "regions.yaml")]
    return out + data + sorted((root / "leaflets").glob("*.html"))


def _shared(root: Path) -> list[Path]:
    return [root / "data" / n for n in ("contacts.yaml", "prefectures.yaml", "regions.yaml")] + sorted(
        (root / "overrides").rglob("*.html")
    ) + [root / "mkdocs.yml"]
