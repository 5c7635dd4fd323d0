"""Run every content rule over Markdown pages and collect findings with file and line."""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE, get_data

from helpsite import languages, paths
from helpsite.lint import chars, html_rules, phones, yamlcheck
from helpsite.lint.findings import Finding
from helpsite.lint.links import LinkChecker, link_targets, reference_definitions
from helpsite.translations.status import TRANSLATION_KEYS, validate_translation_block

ALLOWED_KEYS = ("title", "description", "translation", "hide", "sources")  # sources: helpsite.pages.page_sources
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
_FENCE = re.compile(r"^\s{0,3}(?P<fence>`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?P<ticks>`+)(?P<code>.+?)(?P=ticks)")
_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<key>[^\s:#][^:]*?)\s*:(?:\s|$)")


def _blank_code_spans(line: str) -> str:
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def _display(path: Path, root: Path) -> str:
    for base in (root, Path.cwd()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


class Linter:
    def __init__(self, root: Path | str | None = None):
        self.root = Path(root).resolve() if root is not None else paths.ROOT
        self.docs = self.root / "docs"
        mkdocs_yml = self.root / "mkdocs.yml"
        try:
            self.langs = languages.codes(mkdocs_yml)
            self.source = languages.source_language(mkdocs_yml).code
        except (OSError, SystemExit):
            self.langs, self.source = [], "en"
        self.links = LinkChecker(self.docs, mkdocs_yml, self.source, self.langs)

    # ------------------------------------------------------------------------------------------
    def lint_file(self, path: Path) -> list[Finding]:
        shown = _display(path, self.root)
        findings: list[Finding] = []

        def add(line: int, rule: str, what: str, fix: str) -> None:
            findings.append(Finding(shown, line, rule, what, fix))

        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            add(line, "encoding", f"the file is not valid UTF-8 ({exc.reason}).", "Save it as UTF-8.")
            return findings
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it
        lines = text.split("\n")
        body_start = self._front_matter(path, text, lines, add)

        # Characters and phone numbers: everywhere, code included (a number in code is still typed in).
        in_translation_block = False
        for number, line in enumerate(lines, start=1):
            for col, ch in chars.find(line):
                add(
                    number,
                    "invisible-character",
                    f"{chars.describe(ch)} at column {col}: an invisible or text-direction control character can "
                    "hide or reorder what the text says.",
                    "Delete it (in most editors: put the cursor after it and press Backspace; "
                    "`python -m helpsite.lint --fix-invisible FILE` removes them all).",
                )
            if number < body_start:
                # The translation block holds hashes and dates, not numbers anyone would call.
                if re.match(r"^translation\s*:", line):
                    in_translation_block = True
                    continue
                if in_translation_block and (line.startswith((" ", "\t")) or not line.strip()):
                    continue
                in_translation_block = False
            for col, number_text in phones.find(line):
                add(
                    number,
                    "phone-number",
                    f"'{number_text}' (column {col}) looks like a phone number typed into the page.",
                    "Contacts live in data/contacts.yaml with their source and check date; show them with an insert "
                    "line such as <!-- insert: emergency --> or <!-- insert: national --> instead.",
                )

        # HTML and links: in the body, outside code blocks and code spans.
        body = lines[body_start - 1 :]
        refs = reference_definitions(body)
        own_ids = None
        fence: str | None = None
        for number, line in enumerate(body, start=body_start):
            match = _FENCE.match(line)
            if fence is None and match:
                fence = match["fence"]
                continue
            if fence is not None:
                if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                    fence = None
                continue
            clean = _blank_code_spans(line)
            for rule, what, fix in html_rules.check_line(clean, refs):
                add(number, rule, what, fix)
            for _col, target in link_targets(clean):
                if target.startswith("#") and own_ids is None:
                    from helpsite.lint.anchors import heading_ids_from_text

                    own_ids = frozenset(heading_ids_from_text(text, self.links.mkdocs_yml))
                problem = self.links.check(path, target, own_ids)
                if problem:
                    add(number, *problem)
        return sorted(findings, key=lambda f: f.line)

    def _front_matter(self, path: Path, text: str, lines: list[str], add) -> int:
        """Check the front matter as MkDocs reads it (mkdocs.utils.meta: '---' closed by '---' or '...',
        or MultiMarkdown 'key: value' lines); return the line number where the body starts."""
        block = YAML_RE.match(text)
        body, meta = get_data(text)
        body_start = text.count("\n") - body.count("\n") + 1
        if block is None and not meta:
            add(
                1,
                "front-matter",
                "the page has no front matter.",
                "Start the file with '---', a line 'title: …', a line 'description: …' and '---' (see CONTRIBUTING.md).",
            )
            return 1
        if block is None:
            add(1, "front-matter", "MkDocs reads these first lines as page settings (MultiMarkdown style).",
                "Put the settings between two lines '---', as on the other pages.")
        elif not text.startswith("---\n") or block.group(0).rstrip().splitlines()[-1].strip() != "---":
            add(1, "front-matter", "the front matter must start and end with a line '---' and nothing else.",
                "Write '---' alone on the first line and on the line after the settings.")
        if block is not None:
            try:
                anchor = yamlcheck.first_anchor(block.group(1))
                if anchor is not None:
                    add(anchor + 2, "front-matter", "YAML anchors and aliases (& and *) are not allowed.",
                        "Write each value out in full.")
                    return body_start
                loaded = yaml.safe_load(block.group(1))
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
                add(
                    line,
                    "front-matter",
                    f"the front matter is not valid YAML ({problem}); MkDocs would show it as text.",
                    "Check the quotes and the indentation; a value containing ': ' must be in double quotes.",
                )
                return body_start
            if not isinstance(loaded, dict):
                add(2, "front-matter", "the front matter is not a list of 'key: value' lines.", "Write 'title: …' etc.")
                return body_start
            meta = loaded
        key_lines: dict[str, int] = {}
        sub_lines: dict[str, int] = {}
        for number, line in enumerate(lines[1 : body_start - 2], start=2):
            match = _KEY_LINE.match(line)
            if match:
                (sub_lines if match["indent"] else key_lines).setdefault(match["key"].strip("'\""), number)
        for key in meta:
            if key not in ALLOWED_KEYS:
                add(
                    key_lines.get(str(key), 2),
                    "front-matter",
                    f"key '{key}' does not belong in the front matter (allowed: {', '.join(ALLOWED_KEYS)}).",
                    "Remove it" + ("; the page title comes from 'title:'." if key in ("heading", "name") else "."),
                )
        for key in ("title", "description"):
            if key in meta and not isinstance(meta[key], str):
                add(key_lines.get(key, 2), "front-matter", f"'{key}:' must be text.", "Write it as one line of text.")
            elif key in meta and re.search(r"<[A-Za-z!/?]|&#?\w+;", meta[key]):
                add(key_lines.get(key, 2), "front-matter", f"'{key}:' contains HTML markup or an entity.",
                    "Write plain text; the page prints it as text.")
        if "title" not in meta:
            add(2, "front-matter", "the front matter has no 'title:'.", "Add 'title: …' (the page's title).")
        hide = meta.get("hide")
        if hide is not None:
            values = hide if isinstance(hide, list) else [hide]
            for value in values:
                if value not in HIDE_VALUES:
                    add(
                        key_lines.get("hide", 2),
                        "front-matter",
                        f"'hide: {value}' is not something the theme can hide.",
                        f"Use a list of: {', '.join(HIDE_VALUES)}.",
                    )
        lang, page = self._lang_and_page(path)
        block_line = key_lines.get("translation", 2)
        if lang == self.source:
            if "translation" in meta:
                add(
                    block_line,
                    "front-matter",
                    f"'translation:' belongs on translated pages, not on the {self.source} source page.",
                    "Remove the block.",
                )
        elif lang and page is not None:
            for problem in validate_translation_block(meta, page, self.source):
                sub = re.search(r"'translation: (\w+):", problem)
                line = sub_lines.get(sub.group(1), block_line) if sub else block_line
                if sub and sub.group(1) not in TRANSLATION_KEYS:
                    line = sub_lines.get(sub.group(1), block_line)
                add(
                    line,
                    "translation-block",
                    problem[0].upper() + problem[1:] + ".",
                    f"Write the block as in CONTRIBUTING.md: translation: with source: {self.source}/{page}, "
                    "source_hash:, status: machine-drafted or reviewed, reviewed_by:, reviewed_on:.",
                )
        return body_start

    def _lang_and_page(self, path: Path) -> tuple[str | None, str | None]:
        try:
            rel = path.resolve().relative_to(self.docs.resolve())
        except ValueError:
            return None, None
        if len(rel.parts) < 2 or rel.parts[0] not in self.langs:
            return None, None
        return rel.parts[0], Path(*rel.parts[1:]).as_posix()

    # ------------------------------------------------------------------------------------------
    def files(self, targets: Iterable[Path | str] = ()) -> list[Path]:
        result: list[Path] = []
        for target in list(targets) or [self.docs]:
            target = Path(target)
            if target.is_dir():
                # Symbolic links are not read (files.py reports them): they may point anywhere.
                result.extend(p for p in sorted(target.rglob("*.md")) if not p.is_symlink())
            elif target.suffix == ".md" and target.exists() and not target.is_symlink():
                result.append(target)
        return result

    def lint(self, targets: Iterable[Path | str] = ()) -> list[Finding]:
        findings: list[Finding] = []
        for path in self.files(targets):
            findings.extend(self.lint_file(path))
        return findings


def lint_paths(targets: Iterable[Path | str] = (), root: Path | str | None = None) -> list[Finding]:
    """Lint the given Markdown files or folders (default: all of docs/) and return the findings."""
    return Linter(root).lint(targets)
