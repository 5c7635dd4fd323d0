"""Burmese in Unicode only: refuse Zawgyi-encoded text in docs/my/, locales/my/ and the data.

Zawgyi is an old font encoding of Burmese that reuses Unicode's Myanmar code points for other letters.
Text typed on a Zawgyi phone looks right there and broken everywhere else (and on our leaflets, whose
fonts are Unicode). Google's myanmartools gives the probability that a run of Myanmar text is Zawgyi.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from helpsite.lint.findings import Finding

THRESHOLD = 0.95
MIN_RUN = 3  # letters: shorter runs say too little about their encoding
# Myanmar letters (and the spaces between words of one phrase): one run is judged as a whole.
_RUN = re.compile("[\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f][\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f \u200b\u200c\u200d]*")
FIX = ("Convert the text to Unicode Burmese, e.g. with Rabbit (Rabbit.zg2uni) or ICU's 'Zawgyi-my' transliterator, "
       "and check it in a Unicode font (Noto Sans Myanmar).")


@lru_cache(maxsize=1)
def _detector():
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


def zawgyi_runs(line: str) -> list[tuple[str, float]]:
    """The runs of Myanmar text in a line that are Zawgyi, with their probability."""
    out = []
    for m in _RUN.finditer(line):
        run = m.group(0).strip()
        if len(run) >= MIN_RUN:
            p = _detector().get_zawgyi_probability(run)
            if p > THRESHOLD:
                out.append((run, p))
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def check_file(path: Path, root: Path) -> list[Finding]:
    findings = []
    text = path.read_text(encoding="utf-8", errors="replace")
    if not _RUN.search(text):
        return findings
    for number, line in enumerate(text.splitlines(), 1):
        for run, p in zawgyi_runs(line):
            shown = run if len(run) <= 30 else run[:30] + "…"
            findings.append(Finding(
                _rel(path, root), number, "zawgyi",
                f"Burmese text in the Zawgyi encoding, not Unicode ({p:.0%} sure): '{shown}'.", FIX,
            ))
    return findings


def files(root: Path) -> list[Path]:
    """Where Burmese text lives: its pages, its catalog and names, and the data (names in every language)."""
    out = [p for p in sorted((root / "docs" / "my").rglob("*.md"))]
    out += [p for p in sorted((root / "locales" / "my").rglob("*")) if p.is_file() and p.suffix in (".po", ".yaml", ".yml", ".txt")]
    out += sorted((root / "data").rglob("*.yaml"))
    return out


def findings(root: Path, paths: list[Path] | None = None) -> list[Finding]:
    return [f for path in (paths if paths is not None else files(root)) for f in check_file(path, root)]
