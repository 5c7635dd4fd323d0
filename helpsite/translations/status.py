"""Compute the state of every translation: pages x languages, and the gettext catalogs.

Everything takes a `root` (the project folder) so tests can point it at a copy of the project.
"""
from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from helpsite import i18n, languages, paths
from helpsite.pages import HASH_LENGTH, page_names, split_front_matter, translation_meta

# Cell states, worst first.
MISSING = "MISSING"
INVALID = "INVALID"
OUTDATED = "OUTDATED"
NOT_REVIEWED = "NOT REVIEWED"
UP_TO_DATE = "up to date"
SOURCE = "source"

STATUSES = ("machine-drafted", "reviewed")
TRANSLATION_KEYS = ("source", "source_hash", "status", "reviewed_by", "reviewed_on")
_HASH_RE = re.compile(rf"^[0-9a-f]{{{HASH_LENGTH}}}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def pot_path(locales: Path) -> Path:
    return locales / f"{i18n.DOMAIN}.pot"


def pybabel_init_command(lang: str) -> str:
    return f"pybabel init -i locales/messages.pot -d locales -l {lang}"


@dataclass(frozen=True)
class Project:
    """Where one copy of the project keeps its files."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    @classmethod
    def at(cls, root: Path | str | None) -> "Project":
        return cls(Path(root).resolve() if root is not None else paths.ROOT)


def content_hash_bytes(data: bytes) -> str:
    """Same as helpsite.pages.content_hash, for bytes read from Git rather than from a file."""
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()[:HASH_LENGTH]


# ----------------------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class EnglishRevision:
    """The committed version of an English page a translation was made from."""

    commit: str  # full hash
    short: str  # abbreviated, as `git rev-parse --short` gives it
    text: str


@dataclass
class PageStatus:
    page: str  # e.g. about.md
    lang: str
    state: str  # MISSING | INVALID | OUTDATED | NOT_REVIEWED | UP_TO_DATE | SOURCE
    path: Path
    rel_path: str  # docs/th/about.md
    english_rel_path: str  # docs/en/about.md
    english_hash: str
    problems: list[str] = field(default_factory=list)  # why INVALID
    reviewed: bool = False
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    recorded_hash: str | None = None
    revision: EnglishRevision | None = None  # for OUTDATED, when Git knows the recorded version
    lines_changed: int | None = None
    lines_added: int | None = None
    lines_removed: int | None = None
    diff_lines: list[str] = field(default_factory=list)

    @property
    def diff_command(self) -> str:
        if self.revision is not None:
            return f"git diff {self.revision.short} -- {self.english_rel_path}"
        return f"git log -p -- {self.english_rel_path}"

    @property
    def cell(self) -> str:
        """A short table cell."""
        if self.state == OUTDATED:
            text = f"OUTDATED ({self.lines_changed})" if self.lines_changed is not None else "OUTDATED (?)"
            return text if self.reviewed else text + "*"
        return self.state


def validate_translation_block(meta: dict[str, Any], page: str, source_lang: str = "en") -> list[str]:
    """What is wrong with a translated page's `translation:` front matter block (empty list: valid)."""
    block = meta.get("translation")
    expected_source = f"{source_lang}/{page}"
    if block is None:
        return ["its front matter has no 'translation:' block"]
    if not isinstance(block, dict):
        return ["'translation:' in its front matter must be a block of keys (source, source_hash, status, …)"]
    problems = []
    for key in block:
        if key not in TRANSLATION_KEYS:
            problems.append(f"'translation: {key}:' is not a known key (known: {', '.join(TRANSLATION_KEYS)})")
    source = block.get("source")
    if source != expected_source:
        problems.append(f"'translation: source:' is {source!r}, it must be '{expected_source}'")
    source_hash = block.get("source_hash")
    if not isinstance(source_hash, str) or not _HASH_RE.match(source_hash):
        problems.append(
            f"'translation: source_hash:' is {source_hash!r}, it must be the {HASH_LENGTH}-character content hash "
            f"of docs/{expected_source} (python -c \"from helpsite.translations import content_hash; "
            f"print(content_hash('docs/{expected_source}'))\")"
        )
    status = block.get("status")
    if status not in STATUSES:
        problems.append(f"'translation: status:' is {status!r}, it must be one of: {', '.join(STATUSES)}")
    if status == "reviewed":
        if not block.get("reviewed_by"):
            problems.append("'translation: status: reviewed' needs 'reviewed_by:' (the reviewer's name)")
        reviewed_on = block.get("reviewed_on")
        if not reviewed_on or not _DATE_RE.match(str(reviewed_on)):
            problems.append("'translation: status: reviewed' needs 'reviewed_on:' as a date, YYYY-MM-DD")
    return problems


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.decode("utf-8", errors="replace")


def _git_bytes(root: Path, *args: str) -> bytes | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None


@lru_cache(maxsize=256)
def _find_revision(root: Path, rel_path: str, wanted_hash: str, head: str | None) -> EnglishRevision | None:
    """Walk the Git history of an English page for the version whose content hash is `wanted_hash`.
    `head` is only part of the cache key, so a new commit invalidates the cache."""
    log = _git(root, "log", "--format=%H", "--", rel_path)
    if not log:
        return None
    for commit in log.split():
        data = _git_bytes(root, "show", f"{commit}:{rel_path}")
        if data is None:
            continue
        if content_hash_bytes(data) == wanted_hash:
            short = (_git(root, "rev-parse", "--short", commit) or commit[:12]).strip()
            return EnglishRevision(commit, short, data.decode("utf-8", errors="replace").replace("\r\n", "\n"))
    return None


def _count_changes(old: str, new: str) -> tuple[int, int, int, list[str]]:
    """(lines changed, added, removed, unified diff lines). A line rewritten counts as one changed line."""
    a, b = old.splitlines(), new.splitlines()
    changed = added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        removed += i2 - i1
        added += j2 - j1
        changed += max(i2 - i1, j2 - j1)
    diff = [line for line in difflib.unified_diff(a, b, lineterm="", n=0)][2:]
    return changed, added, removed, diff


def page_status(project: Project, page: str, lang: str, source: str) -> PageStatus:
    english = project.docs / source / page
    english_hash = content_hash_bytes(english.read_bytes())
    path = project.docs / lang / page
    status = PageStatus(
        page=page,
        lang=lang,
        state=SOURCE,
        path=path,
        rel_path=project.rel(path),
        english_rel_path=project.rel(english),
        english_hash=english_hash,
    )
    if lang == source:
        return status
    if not path.exists():
        status.state = MISSING
        return status
    try:
        meta, _body, _line = split_front_matter(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        status.state = INVALID
        status.problems = [f"its front matter cannot be read ({_one_line(exc)})"]
        return status
    if not isinstance(meta, dict):
        meta = {}
    problems = validate_translation_block(meta, page, source)
    if problems:
        status.state = INVALID
        status.problems = problems
        return status
    tm = translation_meta(meta)
    assert tm is not None
    status.reviewed = tm.reviewed
    status.reviewed_by = tm.reviewed_by
    status.reviewed_on = tm.reviewed_on
    status.recorded_hash = tm.source_hash
    if tm.source_hash != english_hash:
        status.state = OUTDATED
        head = (_git(project.root, "rev-parse", "HEAD") or "").strip() or None
        revision = _find_revision(project.root, status.english_rel_path, tm.source_hash, head)
        if revision is not None:
            status.revision = revision
            current = english.read_text(encoding="utf-8").replace("\r\n", "\n")
            (status.lines_changed, status.lines_added, status.lines_removed, status.diff_lines) = _count_changes(
                revision.text, current
            )
        return status
    status.state = UP_TO_DATE if tm.reviewed else NOT_REVIEWED
    return status


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


# -------------------------------------------------------------------------------------- catalogs


@dataclass(frozen=True)
class CatalogMessage:
    rel_path: str
    lineno: int
    msgid: str
    fuzzy: bool
    in_catalog: bool  # False: in messages.pot but not yet in this catalog (pybabel update needed)

    def __str__(self) -> str:
        if not self.in_catalog:
            return (
                f"{self.rel_path}: message {self.msgid!r} is in locales/messages.pot but not in this catalog. "
                "Fix: run `make catalogs` (pybabel update), then translate it."
            )
        what = "fuzzy (needs review)" if self.fuzzy else "untranslated"
        fix = "check the msgstr, then remove the '#, fuzzy' line" if self.fuzzy else "write its msgstr"
        return f"{self.rel_path}:{self.lineno}: {what} message {self.msgid!r}. Fix: {fix}."


@dataclass
class CatalogStatus:
    lang: str
    rel_path: str
    exists: bool
    error: str | None = None  # the catalog cannot be read
    total: int = 0
    messages: list[CatalogMessage] = field(default_factory=list)

    @property
    def untranslated(self) -> int:
        return sum(1 for m in self.messages if not m.fuzzy)

    @property
    def fuzzy(self) -> int:
        return sum(1 for m in self.messages if m.fuzzy)

    @property
    def complete(self) -> bool:
        return self.exists and self.error is None and not self.messages


def _template_msgids(project: Project) -> set[str] | None:
    pot = pot_path(project.locales)
    if not pot.exists():
        return None
    from babel.messages.pofile import read_po

    try:
        with pot.open("rb") as fh:
            catalog = read_po(fh)
    except Exception:  # a broken template is reported by `make catalogs`, not here
        return None
    return {m.id[0] if isinstance(m.id, (tuple, list)) else m.id for m in catalog if m.id}


def catalog_status(project: Project, lang: str, template: set[str] | None) -> CatalogStatus:
    po = i18n.po_path(lang, project.locales)
    status = CatalogStatus(lang=lang, rel_path=project.rel(po), exists=po.exists())
    if not status.exists:
        return status
    i18n.read_catalog.cache_clear()  # the .po may have changed since it was last read (mkdocs serve)
    try:
        catalog = i18n.read_catalog(lang, project.locales)
        found = i18n.gaps(lang, template, project.locales)
    except Exception as exc:  # Babel raises several kinds for a broken .po
        status.error = _one_line(exc)
        return status
    status.total = sum(1 for m in catalog if m.id)
    status.messages = [
        CatalogMessage(status.rel_path, gap.lineno, gap.msgid, gap.fuzzy, in_catalog=gap.lineno != 0)
        for gap in found
    ]
    return status


@dataclass(frozen=True)
class CatalogReview:
    """Whether a native speaker reviewed a catalog (the interface and leaflet words of one language)."""

    reviewed: bool
    reviewed_by: str | None = None
    reviewed_on: str | None = None


_REVIEW_LINE = re.compile(r"^\s*(status|reviewed_by|reviewed_on)\s*:\s*(.*?)\s*$")


def catalog_review(lang: str, locales: Path | None = None) -> CatalogReview:
    """A catalog is machine-drafted until its header comment (kept by `pybabel update`) records a review
    with the same keys as a page's `translation:` block::

        # status: reviewed
        # reviewed_by: Somchai P.
        # reviewed_on: 2027-01-15

    and none of its messages is fuzzy. The leaflets print "not yet reviewed by a native speaker" until then."""
    locales = locales or paths.LOCALES
    try:
        catalog = i18n.read_catalog(lang, locales)
    except (FileNotFoundError, Exception):  # noqa: BLE001 - a broken catalog is reported by its own check
        return CatalogReview(False)
    block = {}
    for line in (catalog.header_comment or "").splitlines():
        match = _REVIEW_LINE.match(line.lstrip("#"))
        if match:
            block[match[1]] = match[2]
    fuzzy = any(m.fuzzy for m in catalog if m.id)
    if block.get("status") != "reviewed" or not block.get("reviewed_by") or fuzzy \
            or not _DATE_RE.match(block.get("reviewed_on", "")):
        return CatalogReview(False)
    return CatalogReview(True, block["reviewed_by"], block["reviewed_on"])


# ---------------------------------------------------------------------------------------- report


@dataclass
class Report:
    project: Project
    source: str
    langs: list[str]
    pages: list[str]
    cells: dict[tuple[str, str], PageStatus]
    catalogs: list[CatalogStatus]
    extra_pages: list[tuple[str, str]]  # (lang, rel path) of pages with no English source

    def statuses(self, *states: str) -> list[PageStatus]:
        return [
            self.cells[(page, lang)]
            for page in self.pages
            for lang in self.langs
            if self.cells[(page, lang)].state in states
        ]

    @property
    def translated_langs(self) -> list[str]:
        return [lang for lang in self.langs if lang != self.source]


def build_report(root: Path | str | None = None) -> Report:
    project = Project.at(root)
    langs = languages.codes(project.mkdocs_yml)
    source = languages.source_language(project.mkdocs_yml).code
    pages = page_names(project.docs, source)
    cells = {(page, lang): page_status(project, page, lang, source) for page in pages for lang in langs}
    template = _template_msgids(project)
    catalogs = [catalog_status(project, lang, template) for lang in langs]
    extra = []
    for lang in langs:
        folder = project.docs / lang
        if lang == source or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            if path.relative_to(folder).as_posix() not in pages:
                extra.append((lang, project.rel(path)))
    return Report(project, source, langs, pages, cells, catalogs, extra)
