"""Plain language for the English source pages: the readers are under stress and often read English as a
second language, so every English page must stay easy to read.

Rules (rule name `readability`, one finding per problem, with file and line):
- grade: the page's Flesch-Kincaid grade (textstat) is at most MAX_GRADE;
- sentence: no sentence has more than MAX_WORDS words (a finding names each such sentence);
- heading: every heading below the page title (##, ### ...) is a question the reader would ask, which
  the check reads as "ends with a question mark". The page title (# ...) is exempt: it is the name in
  the menu and on the home page tiles.

What counts as text: the body without front matter, code, insert lines, HTML tags and link targets.
A heading, a list item and a table cell each end a sentence, even without a full stop.

textstat is pinned to 0.7.4: later versions download a dictionary when they first run.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from helpsite.lint.findings import Finding

RULE = "readability"
MAX_GRADE = 6.0
MAX_WORDS = 20
SHOWN_SENTENCES = 3  # a page over the grade names its longest sentences, so the writer knows where to start

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{[^}]*\})?\s*#*\s*$")
_INSERT = re.compile(r"^\s*<!--.*?-->\s*$")
_LINK_LINE = re.compile(r"^\s*!?\[[^\]]*\]\([^)]*\)\s*(?:\{[^}]*\})?\s*$")  # a tile or a menu entry
_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
_ATTRS = re.compile(r"\{[:.#][^}]*\}|\{ *[.#][^}]*\}")
_TAG = re.compile(r"<[^>]+>")
_CODE_SPAN = re.compile(r"`[^`]*`")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def _plain(line: str) -> str:
    """The words a reader sees on one Markdown line."""
    line = _CODE_SPAN.sub(" ", line)
    line = _LINK.sub(lambda m: m["text"], line)
    line = _ATTRS.sub(" ", line)
    line = _TAG.sub(" ", line)
    line = _LIST_MARK.sub("", line)
    line = _EMPHASIS.sub(lambda m: m.group(2), line)
    line = line.replace("|", " . ")
    return " ".join(line.split())


def _body(text: str) -> tuple[list[str], int]:
    """The lines after the front matter, and the line number of the first one."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :].split("\n"), text[: end + 5].count("\n") + 1
    return text.split("\n"), 1


def headings(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, level, text) of every Markdown heading outside code."""
    for number, line in _outside_code(text):
        heading = _HEADING.match(line) if line is not None else None
        if heading:
            yield number, len(heading["hashes"]), _plain(heading["text"])


def _outside_code(text: str) -> Iterator[tuple[int, str | None]]:
    """(line number, line) of the body's lines outside fenced code; a code block yields (number, None)
    once where it starts, so that a reader of sentences can end the one before it."""
    lines, start = _body(text)
    fence = None
    for number, line in enumerate(lines, start=start):
        match = _FENCE.match(line)
        if match and fence is None:
            fence = match.group(1)[0]
            yield number, None
            continue
        if fence is not None:
            if line.strip().startswith(fence * 3):
                fence = None
            continue
        yield number, line


def sentences(
    text: str, end: re.Pattern[str] = _SENTENCE_END, is_text: re.Pattern[str] = _WORD, joiner: str = " "
) -> list[Sentence]:
    """The sentences of a page, each with the line it starts on. Paragraph lines are joined; headings,
    list items, table rows and blank lines end a sentence. `end` splits sentences and `is_text` finds
    words (English by default; helpsite/lint/easy_japanese.py passes Japanese ones)."""
    result: list[Sentence] = []
    pending: list[tuple[int, str]] = []

    def flush() -> None:
        if not pending:
            return
        starts, offset = [], 0  # where each line begins in the joined paragraph
        for number, part in pending:
            starts.append((offset, number))
            offset += len(part) + len(joiner)
        joined = joiner.join(part for _, part in pending)
        pending.clear()
        position = 0
        for piece in end.split(joined):
            at = joined.find(piece, position)
            position = at + len(piece)
            piece = piece.strip()
            if is_text.search(piece):
                line = max(number for start, number in starts if start <= at)
                result.append(Sentence(line, piece))

    for number, line in _outside_code(text):
        if line is None or not line.strip() or _INSERT.match(line):
            flush()
            continue
        heading = _HEADING.match(line)
        if heading or _LIST_MARK.match(line) or _LINK_LINE.match(line) or line.lstrip().startswith("|"):
            flush()
            plain = _plain(heading["text"] if heading else line)
            if plain:
                pending.append((number, plain))
            flush()
            continue
        plain = _plain(line)
        if plain:
            pending.append((number, plain))
    flush()
    return result


def grade(text: str) -> float:
    """Flesch-Kincaid grade of the page's sentences (each ends with a full stop for textstat)."""
    import textstat  # imported here: only the English pages need it

    joined = " ".join(s.text if s.text[-1] in ".!?" else s.text + "." for s in sentences(text))
    return float(textstat.flesch_kincaid_grade(joined)) if joined else 0.0


def _quote(sentence: Sentence, limit: int = 90) -> str:
    text = sentence.text
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def check_text(shown: str, text: str) -> list[Finding]:
    """All readability findings of one English page (`shown` is the path printed in the findings)."""
    findings: list[Finding] = []
    all_sentences = sentences(text)
    for sentence in all_sentences:
        if sentence.words > MAX_WORDS:
            findings.append(
                Finding(
                    shown,
                    sentence.line,
                    RULE,
                    f"a sentence of {sentence.words} words (at most {MAX_WORDS}): {_quote(sentence)}.",
                    "Split it into two short sentences.",
                )
            )
    page_grade = grade(text)
    if page_grade > MAX_GRADE:
        longest = sorted(all_sentences, key=lambda s: (-s.words, s.line))[:SHOWN_SENTENCES]
        named = "; ".join(f"{shown}:{s.line} ({s.words} words) {_quote(s, 60)}" for s in longest)
        findings.append(
            Finding(
                shown,
                longest[0].line if longest else 1,
                RULE,
                f"reading grade {page_grade:.1f} (Flesch-Kincaid; at most {MAX_GRADE:g}). "
                f"Longest sentences: {named}.",
                "Use shorter sentences and everyday words.",
            )
        )
    for line, level, heading in headings(text):
        if level > 1 and not heading.endswith("?"):
            findings.append(
                Finding(
                    shown,
                    line,
                    RULE,
                    f"heading {heading!r} is not a question.",
                    "Write it as the question the reader has in mind, ending with '?' "
                    "(for example 'Where can I go at night?').",
                )
            )
    return findings


def check(linter, paths: Iterable[Path]) -> list[Finding]:
    """Findings for the source-language pages among `paths` (translations are not measured).
    `linter` is the content lint's Linter: it knows the docs folder, the source language and the root."""
    from helpsite.lint.core import _display

    folder = (linter.docs / linter.source).resolve()
    findings: list[Finding] = []
    for path in paths:
        if not path.resolve().is_relative_to(folder):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the main lint already reports files it cannot read
        findings.extend(check_text(_display(path, linter.root), text))
    return sorted(findings, key=lambda f: (f.path, f.line))
