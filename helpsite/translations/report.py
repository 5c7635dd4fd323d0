"""The translation report in three forms: a console table (`make translations`), a Markdown page for
translators (/en/translation-status/), and (errors, warnings) for the site build."""
from __future__ import annotations

import html
import re
from pathlib import Path

from helpsite import languages
from helpsite.lint import phones
from helpsite.translations.status import (
    INVALID,
    MISSING,
    NOT_REVIEWED,
    OUTDATED,
    UP_TO_DATE,
    CatalogStatus,
    PageStatus,
    Report,
    build_report,
    pybabel_init_command,
)

CONTRIBUTING = "CONTRIBUTING.md"
MAX_DIFF_LINES = 40


def _english_name(report: Report, code: str) -> str:
    try:
        return languages.get(code, report.project.mkdocs_yml).english_name
    except (KeyError, SystemExit):
        return code


def missing_page_fix(status: PageStatus, source: str) -> str:
    return (
        f"copy {status.english_rel_path} to {status.rel_path}, translate the text, and add the translation block "
        f"to its front matter (translation: source: {source}/{status.page}, source_hash: {status.english_hash}, "
        f"status: machine-drafted); see {CONTRIBUTING}, 'Translate a page'"
    )


def missing_catalog_fix(catalog: CatalogStatus) -> str:
    return f"create it with `{pybabel_init_command(catalog.lang)}`, then translate every msgstr"


def outdated_text(status: PageStatus) -> str:
    if status.lines_changed is None:
        return (
            f"{status.english_rel_path} changed since this translation was made, and no committed version of it "
            f"has the recorded source_hash {status.recorded_hash}. See the history: {status.diff_command}"
        )
    return (
        f"{status.lines_changed} line(s) of {status.english_rel_path} changed since this translation was made "
        f"(+{status.lines_added} -{status.lines_removed}). See the changes: {status.diff_command}"
    )


# ------------------------------------------------------------------------------------ build errors


def build_problems(root: Path | str | None = None) -> tuple[list[str], list[str]]:
    """(errors, warnings) for the site build. Errors: a missing page, a translated page without a valid
    translation block, a missing catalog, an untranslated or fuzzy catalog message. Warnings: outdated pages."""
    report = build_report(root)
    errors: list[str] = []
    warnings: list[str] = []
    for status in report.statuses(MISSING):
        errors.append(f"{status.rel_path}: missing translation of {status.english_rel_path}. Fix: "
                      + missing_page_fix(status, report.source) + ".")
    for status in report.statuses(INVALID):
        for problem in status.problems:
            errors.append(f"{status.rel_path}:1: not a valid translated page: {problem}. Fix: "
                          f"write the translation block as in {CONTRIBUTING}, 'Translate a page'.")
    for catalog in report.catalogs:
        if not catalog.exists:
            errors.append(f"{catalog.rel_path}: missing catalog for '{catalog.lang}'. Fix: {missing_catalog_fix(catalog)}.")
        elif catalog.error:
            errors.append(f"{catalog.rel_path}: cannot read the catalog ({catalog.error}). Fix: open it in Poedit, "
                          "which shows the broken line, or compare it with another language's catalog.")
        else:
            errors.extend(str(message) for message in catalog.messages)
    for status in report.statuses(OUTDATED):
        warnings.append(f"{status.rel_path}: outdated translation: {outdated_text(status)}. Fix: update the "
                        f"translation, then set its source_hash to {status.english_hash}.")
    for lang, rel in report.extra_pages:
        warnings.append(f"{rel}: there is no docs/{report.source}/ page of that name, so no reader can reach it "
                        f"from the {report.source} site. Fix: rename it to match a page in docs/{report.source}/ "
                        "or delete it.")
    return errors, warnings


# ----------------------------------------------------------------------------------------- console


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def report_text(report: Report | None = None, root: Path | str | None = None, limit: int | None = 10) -> str:
    """The console report. `limit`: catalog messages listed per language (None: all)."""
    report = report or build_report(root)
    langs = report.translated_langs
    lines = [
        f"Translation status: {len(report.pages)} pages from docs/{report.source}/ in {len(langs)} languages",
        "",
    ]
    rows = [["page"] + langs]
    for page in report.pages:
        rows.append([page] + [report.cells[(page, lang)].cell for lang in langs])
    lines += _table(rows)
    lines += [
        "",
        "up to date: translated from the current English and reviewed by a native speaker",
        "NOT REVIEWED: up to date, but machine-drafted (status: machine-drafted)",
        "OUTDATED (n): the English page changed since; n lines changed (* = and not reviewed)",
        "MISSING: the file does not exist.  INVALID: its translation block is wrong",
    ]
    sections = [
        ("Missing pages (the build fails)", [
            f"  {s.rel_path}: {missing_page_fix(s, report.source)}" for s in report.statuses(MISSING)
        ]),
        ("Invalid translation blocks (the build fails)", [
            f"  {s.rel_path}: {p}" for s in report.statuses(INVALID) for p in s.problems
        ]),
        ("Outdated translations (a warning: update them when you can)", [
            f"  {s.rel_path}: {outdated_text(s)}" for s in report.statuses(OUTDATED)
        ]),
        ("Pages with no English source", [f"  {rel}" for _lang, rel in report.extra_pages]),
    ]
    for title, items in sections:
        if items:
            lines += ["", title + ":"] + items

    lines += ["", "Gettext catalogs (locales/<lang>/LC_MESSAGES/messages.po)", ""]
    rows = [["language", "catalog", "messages", "untranslated", "fuzzy"]]
    for catalog in report.catalogs:
        if not catalog.exists:
            rows.append([catalog.lang, catalog.rel_path, "MISSING", "-", "-"])
        elif catalog.error:
            rows.append([catalog.lang, catalog.rel_path, "UNREADABLE", "-", "-"])
        elif catalog.lang == report.source:
            rows.append([catalog.lang, catalog.rel_path, str(catalog.total), "(source)", "(source)"])
        else:
            rows.append([catalog.lang, catalog.rel_path, str(catalog.total), str(catalog.untranslated),
                         str(catalog.fuzzy)])
    lines += _table(rows)
    problems = []
    for catalog in report.catalogs:
        if not catalog.exists:
            problems.append(f"  {catalog.rel_path}: missing: {missing_catalog_fix(catalog)}")
        elif catalog.error:
            problems.append(f"  {catalog.rel_path}: cannot be read: {catalog.error}")
        else:
            shown = catalog.messages if limit is None else catalog.messages[:limit]
            problems.extend(f"  {message}" for message in shown)
            if len(shown) < len(catalog.messages):
                problems.append(f"  … and {len(catalog.messages) - len(shown)} more in {catalog.rel_path} "
                                "(run with --all to list them all)")
    if problems:
        lines += ["", "Catalog messages to translate (the build fails):"] + problems
    lines += ["", summary(report)]
    return "\n".join(lines) + "\n"


def summary(report: Report) -> str:
    missing = len(report.statuses(MISSING))
    invalid = len(report.statuses(INVALID))
    outdated = len(report.statuses(OUTDATED))
    unreviewed = sum(1 for s in report.statuses(NOT_REVIEWED, OUTDATED) if not s.reviewed)
    catalog_gaps = sum(len(c.messages) for c in report.catalogs) + sum(
        1 for c in report.catalogs if not c.exists or c.error
    )
    return (
        f"Summary: {missing} missing, {invalid} invalid, {outdated} outdated, {unreviewed} not reviewed; "
        f"{catalog_gaps} catalog problem(s)."
    )


def has_errors(report: Report) -> bool:
    return bool(
        report.statuses(MISSING, INVALID)
        or any(not c.exists or c.error or c.messages for c in report.catalogs)
    )


# ---------------------------------------------------------------------------------------- Markdown

_LONG_DIGITS = re.compile(r"\d{7,}")


def _safe(text: str) -> bool:
    """No phone-number-like digit runs on the published page (hashes can contain long digit runs)."""
    return not _LONG_DIGITS.search(text) and not phones.contains_phone_number(text)


def _command(status: PageStatus) -> str:
    command = status.diff_command
    if _safe(command):
        return f"`{command}`"
    return "run `make translations` for the exact `git diff` command"


def _md_cell(status: PageStatus) -> str:
    if status.state == OUTDATED:
        n = "?" if status.lines_changed is None else str(status.lines_changed)
        return f"**OUTDATED** ({n} lines)" + ("" if status.reviewed else ", not reviewed")
    if status.state == UP_TO_DATE:
        return "up to date"
    if status.state == NOT_REVIEWED:
        return "NOT REVIEWED"
    return f"**{status.state}**"


def _escape_md(text: str) -> str:
    return text.replace("|", "\\|")


def report_markdown(root: Path | str | None = None) -> str:
    """The report as an English Markdown page with front matter (published at /en/translation-status/)."""
    report = build_report(root)
    langs = report.translated_langs
    out = [
        "---",
        "title: Translation status",
        "description: Which pages and interface texts are translated, reviewed, outdated or missing, per language.",
        "---",
        "",
        "# Translation status",
        "",
        f"This page is for translators. The site is written in English first; each page below is translated "
        f"into {len(langs)} languages. It is made from the files in the project at the time the site was built.",
        "",
        "- **up to date**: translated from the current English page and reviewed by a native speaker.",
        "- **NOT REVIEWED**: up to date, but machine-drafted. A native speaker should check it.",
        "- **OUTDATED**: the English page changed after the translation was made. Readers see a note with a link "
        "to the English page.",
        "- **MISSING** or **INVALID**: the page does not exist, or its translation block is wrong. The site "
        "cannot be built until this is fixed.",
        "",
        f"How to translate a page and mark it reviewed: see `{CONTRIBUTING}` in the project.",
        "",
        "## Pages",
        "",
    ]
    # One small table per language: a table of every language side by side cannot fit a phone's screen.
    for c in langs:
        out += [f"### {_english_name(report, c)} ({c})", "", "| Page | Status |", "| --- | --- |"]
        out += [f"| {page} | {_md_cell(report.cells[(page, c)])} |" for page in report.pages]
        out.append("")

    outdated = report.statuses(OUTDATED)
    if outdated:
        out += ["## Outdated pages", "", "The English page changed after these translations were made.", ""]
        for status in outdated:
            changed = "" if status.lines_changed is None else f": {status.lines_changed} lines changed in English"
            out += [f"### {status.rel_path}", "", f"Translated from an older `{status.english_rel_path}`{changed}. "
                    f"Compare: {_command(status)}", ""]
            shown = [line for line in status.diff_lines if _safe(line)][:MAX_DIFF_LINES]
            if shown:
                more = len(status.diff_lines) - len(shown)
                body = "\n".join(html.escape(line) for line in shown)
                if more > 0:
                    body += f"\n… {more} more line(s): run the command above"
                out += [
                    "<details><summary>What changed in English</summary>",
                    f'<pre class="translation-diff"><code>{body}</code></pre>',
                    "</details>",
                    "",
                ]
    missing = report.statuses(MISSING)
    invalid = report.statuses(INVALID)
    if missing or invalid:
        out += ["## Missing pages and invalid translation blocks", ""]
        for status in missing:
            out.append(f"- `{status.rel_path}` is missing: copy `{status.english_rel_path}`, translate it, and add "
                       "the translation block to its front matter.")
        for status in invalid:
            for problem in status.problems:
                out.append(f"- `{status.rel_path}`: {_escape_md(problem)}.")
        out.append("")

    out += [
        "## Interface texts (gettext catalogs)",
        "",
        "Buttons, notes and leaflet texts are translated in `locales/<language>/LC_MESSAGES/messages.po` "
        "(Poedit and Weblate open these files).",
        "",
        "| Language | Catalog | Messages | Untranslated | Fuzzy |",
        "| --- | --- | --- | --- | --- |",
    ]
    for catalog in report.catalogs:
        name = f"{_english_name(report, catalog.lang)} ({catalog.lang})"
        if not catalog.exists:
            out.append(f"| {name} | `{catalog.rel_path}` | **MISSING** | – | – |")
        elif catalog.error:
            out.append(f"| {name} | `{catalog.rel_path}` | **UNREADABLE** | – | – |")
        elif catalog.lang == report.source:
            out.append(f"| {name} | `{catalog.rel_path}` | {catalog.total} | (source) | (source) |")
        else:
            out.append(f"| {name} | `{catalog.rel_path}` | {catalog.total} | {catalog.untranslated} | {catalog.fuzzy} |")
    out.append("")
    out.append(summary(report).replace("Summary:", "**Summary:**"))
    text = "\n".join(out) + "\n"
    return "\n".join(line if _safe(line) or line.startswith("---") else _scrub(line) for line in text.split("\n"))


def _scrub(line: str) -> str:
    """Last resort: blank out anything that could be read as a phone number."""
    line = _LONG_DIGITS.sub("…", line)
    for _col, number in sorted(phones.find(line), reverse=True):
        line = line.replace(number, "…")
    return line
