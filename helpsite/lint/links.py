"""Internal links and anchors, in every language: a relative link is resolved inside the page's own
language folder, and `#anchor` is checked against the ids the target's headings get on the site."""
from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from helpsite.lint import anchors

_INLINE = re.compile(r"(?<!\\)\]\(\s*(?P<url><[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REF_DEF = re.compile(r"^\s{0,3}\[(?P<ref>[^\]]+)\]:\s*(?P<url><[^>]*>|\S+)")
_HREF = re.compile(r"""<(?:a|area)\b[^>]*?\shref\s*=\s*(?P<q>["']?)(?P<url>[^"'\s>]*)(?P=q)""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

# Pages the build generates (helpsite/web/generated.py): they have no Markdown file in docs/.
GENERATED_EVERY_LANGUAGE = ("search.md",)
GENERATED_SOURCE_ONLY = ("translation-status.md",)
GENERATED_FOLDERS = ("near-you/",)

ANCHOR_HINT = (
    "Headings in Thai, Japanese, Chinese or Korean get ids like _1, _2 on this site; "
    "to link to one, give it an explicit id: ## Heading { #my-id }"
)


def reference_definitions(lines: list[str]) -> dict[str, str]:
    refs = {}
    for line in lines:
        match = _REF_DEF.match(line)
        if match:
            refs[match["ref"].strip().lower()] = match["url"].strip("<>")
    return refs


def link_targets(line: str) -> Iterator[tuple[int, str]]:
    """(column, target) of the links and images in one line (code spans already blanked)."""
    for match in _INLINE.finditer(line):
        yield match.start("url") + 1, match["url"].strip("<>")
    match = _REF_DEF.match(line)
    if match:
        yield match.start("url") + 1, match["url"].strip("<>")
    for match in _HREF.finditer(line):
        yield match.start("url") + 1, match["url"]


class LinkChecker:
    def __init__(self, docs: Path, mkdocs_yml: Path, source_lang: str, lang_codes: list[str]):
        self.docs = docs
        self.mkdocs_yml = mkdocs_yml
        self.source_lang = source_lang
        self.lang_codes = lang_codes

    def check(self, page: Path, target: str, own_ids: frozenset[str] | None) -> tuple[str, str, str] | None:
        """(rule, what, fix) when the link is broken, else None."""
        target = html.unescape(target).strip()
        if not target or _SCHEME.match(target) or target.startswith("//"):
            return None  # outbound (https:, mailto:) – other rules look at tel: and javascript:
        path_part, _, anchor = target.partition("#")
        path_part = unquote(path_part.split("?", 1)[0])
        anchor = unquote(anchor)
        try:
            rel_page = page.resolve().relative_to(self.docs.resolve())
        except ValueError:
            return None  # not a page of the site
        lang = rel_page.parts[0] if len(rel_page.parts) > 1 else ""
        if path_part.startswith("/"):
            return (
                "broken-link",
                f"'{target}' is an absolute link; it breaks when the site is not at the root of its host.",
                "Use a relative link to the Markdown file, e.g. [Report a case](report.md).",
            )
        if not path_part:
            if anchor and own_ids is not None and anchor not in own_ids:
                return self._bad_anchor(target, anchor, rel_page.as_posix(), own_ids)
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel_page.as_posix()), path_part))
        if resolved.startswith("../") or resolved == "..":
            return (
                "broken-link",
                f"'{target}' points outside docs/.",
                "Link to a page in the same language folder, e.g. [Report a case](report.md).",
            )
        first = resolved.split("/", 1)[0]
        if lang and first != lang and first in self.lang_codes:
            return (
                "broken-link",
                f"'{target}' points into another language folder (docs/{resolved}).",
                f"Link to the page in the same language, docs/{lang}/…; readers switch language with the language menu.",
            )
        in_lang = resolved[len(lang) + 1 :] if lang and first == lang else resolved
        if path_part.endswith("/") or (self.docs / resolved).is_dir():
            return (
                "broken-link",
                f"'{target}' links to a folder, not to a page.",
                f"Link to the Markdown file itself, e.g. '{path_part.rstrip('/')}.md' or '{path_part.rstrip('/')}/index.md'.",
            )
        file = self.docs / resolved
        if not file.is_file():
            if self._generated(in_lang, lang):
                return None
            suggestion = self._suggest(lang, in_lang)
            return (
                "broken-link",
                f"'{target}' does not exist (looked for docs/{resolved}).",
                f"Link to an existing page of the same language{suggestion}; file names are the same in every "
                "language (those of docs/en/).",
            )
        if anchor and file.suffix == ".md":
            ids = anchors.heading_ids(file, self.mkdocs_yml)
            if anchor not in ids:
                return self._bad_anchor(target, anchor, f"{resolved}", ids)
        return None

    def _generated(self, in_lang: str, lang: str) -> bool:
        if in_lang in GENERATED_EVERY_LANGUAGE:
            return True
        if in_lang in GENERATED_SOURCE_ONLY and lang == self.source_lang:
            return True
        return any(in_lang.startswith(folder) and in_lang.endswith(".md") for folder in GENERATED_FOLDERS)

    def _suggest(self, lang: str, in_lang: str) -> str:
        folder = self.docs / (lang or self.source_lang)
        names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")) if folder.is_dir() else []
        import difflib

        close = difflib.get_close_matches(in_lang, names, n=1)
        return f", e.g. '{close[0]}'" if close else ""

    @staticmethod
    def _bad_anchor(target: str, anchor: str, where: str, ids: frozenset[str] | set[str]) -> tuple[str, str, str]:
        import difflib

        close = difflib.get_close_matches(anchor, sorted(ids), n=1, cutoff=0.7)
        known = ", ".join(sorted(ids)[:12]) or "none"
        return (
            "broken-anchor",
            f"'{target}': docs/{where} has no heading with id '{anchor}' (its ids: {known}).",
            (f"Use '#{close[0]}'. " if close else "Link to an existing heading id. ") + ANCHOR_HINT + ".",
        )
