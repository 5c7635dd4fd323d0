"""Catalog lint: a translation may say the msgid in another language, nothing more.

A msgstr reaches the site and the leaflets as HTML (Jinja's gettext marks it safe), so a volunteer's
catalog could otherwise add a link, a script or a phone number. Each msgstr:
- has only markup (tags, entities) that its msgid has;
- has no URL, domain or digit run (in any script) that its msgid lacks;
- has exactly the msgid's placeholders (%(place)s), and no stray '%' (it would crash the build).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from helpsite.gate.numbers import normalize
from helpsite.lint.findings import Finding

_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")
_MARKUP = re.compile(r"<\s*[A-Za-z/!?]|&#?[A-Za-z0-9]+;?")
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|%")
_URL = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:(?=[^\s\d])\S*|//\S+|\bwww\.\S+|"
    r"\b[\w-]+\.(?:com|net|org|jp|me|io|info|biz|co|ly|gl|ee|link|app|xyz|site|page|to|gg|cc)\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _tags(text: str) -> set[str]:
    return {re.sub(r"\s+", " ", t) for t in _TAG.findall(text)}


def check_message(msgid: str, msgstr: str) -> Iterator[tuple[str, str]]:
    """(what is wrong, fix) for one translation."""
    extra_tags = _tags(msgstr) - _tags(msgid)
    rest = msgstr
    for tag in _tags(msgid):
        rest = rest.replace(tag, " ")
    rest = re.sub(r"\s+", " ", rest)
    stray = [m.group(0) for m in _MARKUP.finditer(rest) if m.group(0) not in msgid]
    if extra_tags or stray:
        shown = ", ".join(sorted(extra_tags)[:3] + stray[:3])
        yield (f"the translation has markup its msgid does not have ({shown})",
               "Translate the words only; keep exactly the tags of the msgid, add none.")
    urls = [u for u in _URL.findall(msgstr) if u.lower() not in msgid.lower()]
    if urls:
        yield (f"the translation has an address its msgid does not have ({', '.join(urls[:3])})",
               "Remove it; links and addresses come from the templates and data/.")
    # Kanji numerals are words in Chinese and Japanese ("一个"); one or two extra digits are wording
    # ("24時間" for "day and night"). Three or more would make a number, split or not.
    allowed = set(_DIGITS.findall(normalize(msgid, kanji=False)))
    extra = [d for d in _DIGITS.findall(normalize(_PLACEHOLDER.sub(" ", msgstr), kanji=False)) if d not in allowed]
    if len("".join(extra)) >= 3:
        yield (f"the translation has digits its msgid does not have ({', '.join(extra[:3])})",
               "Numbers come from data/contacts.yaml; keep only the digits of the msgid.")
    want = sorted(p for p in _PLACEHOLDER.findall(msgid) if p not in ("%", "%%"))
    got = [p for p in _PLACEHOLDER.findall(msgstr) if p != "%%"]
    if any(p not in want and "(" not in p for p in got):
        yield ("the translation has a stray '%' (not a placeholder); the build would stop on it",
               "Write '%%' for a percent sign, or keep the placeholders exactly as in the msgid, e.g. %(place)s.")
    elif sorted(got) != want:
        yield (f"the placeholders differ from the msgid's (msgid {want or 'none'}, msgstr {sorted(got) or 'none'})",
               "Keep each placeholder of the msgid, e.g. %(place)s, exactly once; translate the words around it.")


def lint_catalog(path: Path, root: Path) -> list[Finding]:
    shown = _display(path, root)
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", 1) or 1
        return [Finding(shown, line, "catalog", f"the catalog cannot be read ({exc}).",
                        "Check the quotes of the entry at that line; save the file as UTF-8 (Poedit does).")]
    findings = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for msgstr in strings:
            if not msgstr:
                continue
            for what, fix in check_message(" ".join(ids), msgstr):
                findings.append(Finding(shown, message.lineno, "catalog", f"entry {ids[0][:60]!r}: {what}.", fix))
    return findings


def catalog_files(root: Path) -> list[Path]:
    return sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))


def lint_catalogs(root: Path) -> list[Finding]:
    findings = []
    for path in catalog_files(root):
        findings += lint_catalog(path, root)
    return findings
