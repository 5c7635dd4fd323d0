"""Easy Japanese (やさしい日本語, docs/ja-easy/): the rules of the guidelines that a program can check.

The Immigration Services Agency and the Agency for Cultural Affairs publish "Easy Japanese Guidelines
for Residency Support" (research: services-facts.md). Two of its rules can be checked:

- sentence: one idea per short sentence. Easy Japanese writers aim at about 24 characters; names such
  as 出入国在留管理局 (8 characters) cannot be shortened, so the lint stops a sentence at more than
  MAX_CHARS = 36 characters (1.5 times the aim), counted without spaces, Markdown and link targets;
- double-negative: no double negatives (ないわけではない, なくはない, ないことはない, ざるを得ない ...):
  a reader learning Japanese takes them for a "no". Write what is true as a plain positive sentence.

Sentences end at 。！？ (or ! ?), and at each heading, list item and table row, as in readability.py.
The catalog (locales/ja-easy/LC_MESSAGES/messages.po) is checked for double negatives too.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from helpsite.lint.findings import Finding
from helpsite.lint.readability import Sentence, sentences

LANG = "ja-easy"
AIM_CHARS = 24
MAX_CHARS = 36

_END = re.compile(r"(?<=[。！？!?])[」』）)]*\s*")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u9fff]")
_SPACE = re.compile(r"\s+")

# Double negatives in plain and polite forms. Each: (pattern, what it says, a positive way to write it).
_POLITE_NOT = r"(?:ない|ありません|なかった|ありませんでした)"
DOUBLE_NEGATIVES = (
    (re.compile(rf"ないわけでは{_POLITE_NOT}"), "〜ないわけではない", "「〜することもあります」"),
    (re.compile(rf"なくは{_POLITE_NOT}"), "〜なくはない", "「〜できます」「〜します」"),
    (re.compile(rf"なくも{_POLITE_NOT}"), "〜なくもない", "「〜できます」「〜します」"),
    (re.compile(rf"ないことは{_POLITE_NOT}"), "〜ないことはない", "「〜できます」「〜することがあります」"),
    (re.compile(rf"ないことも{_POLITE_NOT}"), "〜ないこともない", "「〜することがあります」"),
    (re.compile(rf"ないでも{_POLITE_NOT}"), "〜ないでもない", "「〜することがあります」"),
    (re.compile(r"ざるを(?:得|え)(?:ない|ません|なかった)"), "〜ざるを得ない", "「〜しなければいけません」"),
    (re.compile(r"ないわけには(?:いかない|いきません)"), "〜ないわけにはいかない", "「〜しなければいけません」"),
    (re.compile(r"ないとは限(?:らない|りません)"), "〜ないとは限らない", "「〜することもあります」"),
)


def length(sentence: str) -> int:
    """Characters a reader reads: spaces do not count."""
    return len(_SPACE.sub("", sentence))


def double_negatives(text: str) -> list[tuple[str, str]]:
    """(the form found, a positive way to write it) for every double negative in `text`."""
    return [(name, better) for pattern, name, better in DOUBLE_NEGATIVES if pattern.search(text)]


def check_text(shown: str, text: str) -> list[Finding]:
    """Findings for one Easy Japanese page (`shown` is the path printed in the findings)."""
    findings: list[Finding] = []
    for sentence in sentences(text, end=_END, is_text=_JAPANESE, joiner=""):
        findings.extend(_check_sentence(shown, sentence))
    return findings


def _check_sentence(shown: str, sentence: Sentence) -> list[Finding]:
    findings = []
    size = length(sentence.text)
    if size > MAX_CHARS:
        findings.append(
            Finding(
                shown,
                sentence.line,
                "easy-japanese",
                f"a sentence of {size} characters (Easy Japanese: about {AIM_CHARS}, at most {MAX_CHARS}): "
                f"{sentence.text!r}.",
                "Split it into short sentences, one idea each (end each with 。).",
            )
        )
    for name, better in double_negatives(sentence.text):
        findings.append(
            Finding(
                shown,
                sentence.line,
                "easy-japanese",
                f"a double negative ({name}): {sentence.text!r}.",
                f"Say it as a positive sentence, for example {better}.",
            )
        )
    return findings


def check_catalog(shown: str, path: Path) -> list[Finding]:
    """Double negatives in the catalog's translations (interface lines are not split into sentences)."""
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh)
    findings = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for string in strings:
            for name, better in double_negatives(string or ""):
                findings.append(
                    Finding(
                        shown,
                        message.lineno,
                        "easy-japanese",
                        f"a double negative ({name}) in the translation of {_key(message.id)!r}.",
                        f"Say it as a positive sentence, for example {better}.",
                    )
                )
    return findings


def _key(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, (tuple, list)) else msgid


def check(linter, paths: Iterable[Path]) -> list[Finding]:
    """Findings for the Easy Japanese pages and catalog among `paths` (the content lint's file list)."""
    from helpsite.lint.core import _display

    pages = (linter.docs / LANG).resolve()
    catalog = (linter.root / "locales" / LANG / "LC_MESSAGES" / "messages.po").resolve()
    findings: list[Finding] = []
    for path in paths:
        resolved = path.resolve()
        try:
            if resolved == catalog:
                findings.extend(check_catalog(_display(path, linter.root), path))
            elif resolved.is_relative_to(pages) and path.suffix == ".md":
                findings.extend(check_text(_display(path, linter.root), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue  # the main lint already reports files it cannot read
    return sorted(findings, key=lambda f: (f.path, f.line))
