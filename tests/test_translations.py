"""Translation tracking on a COPY of the project: `make translations`, report_markdown(), build_problems().

The copy is normalised first (every translation up to date, every catalog complete), so each test sees
exactly the change it makes.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po

from helpsite import languages
from helpsite.i18n import po_path
from helpsite.lint import phones
from helpsite.pages import content_hash, page_names, split_front_matter
from helpsite.paths import ROOT
from helpsite.translations import (
    MISSING,
    NOT_REVIEWED,
    OUTDATED,
    UP_TO_DATE,
    build_problems,
    build_report,
    report_markdown,
    report_text,
)

PAGE = "about.md"


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env).stdout


def write_translation(root: Path, lang: str, page: str, status: str = "machine-drafted") -> None:
    """Give docs/<lang>/<page> a valid translation block recording the current English hash."""
    english = root / "docs" / "en" / page
    target = root / "docs" / lang / page
    source_text = target.read_text(encoding="utf-8") if target.exists() else english.read_text(encoding="utf-8")
    meta, body, _ = split_front_matter(source_text)
    meta = {k: v for k, v in meta.items() if k in ("title", "description", "hide")}
    meta["translation"] = {
        "source": f"en/{page}",
        "source_hash": content_hash(english),
        "status": status,
        "reviewed_by": "Test Reviewer" if status == "reviewed" else None,
        "reviewed_on": "2025-01-15" if status == "reviewed" else None,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    target.write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def complete_catalog(root: Path, lang: str) -> None:
    path = po_path(lang, root / "locales")
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (tuple, list)):
            message.string = tuple(s or message.id[min(i, 1)] for i, s in enumerate(message.string))
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=ignore)
    shutil.copytree(ROOT / "locales", root / "locales", ignore=ignore)
    shutil.copytree(ROOT / "helpsite", root / "helpsite", ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    langs = languages.codes(root / "mkdocs.yml")
    for lang in langs[1:]:
        for page in page_names(root / "docs", "en"):
            write_translation(root, lang, page)
    for lang in langs:
        if po_path(lang, root / "locales").exists():
            complete_catalog(root, lang)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "copy of the project")
    return root


def translated_langs(root: Path) -> list[str]:
    return [c for c in languages.codes(root / "mkdocs.yml") if c != "en"]


def change_english(root: Path) -> str:
    """Rewrite one line of docs/en/about.md and add two: 3 lines changed. Returns the old commit."""
    old = git(root, "rev-parse", "HEAD").strip()
    path = root / "docs" / "en" / PAGE
    text = path.read_text(encoding="utf-8")
    assert "- It is not a government site.\n" in text
    text = text.replace(
        "- It is not a government site.\n",
        "- It is not a government site, and no company pays for it.\n- New line one.\n- New line two.\n",
    )
    path.write_text(text, encoding="utf-8")
    git(root, "commit", "-q", "-am", "English: who keeps this site")
    return old


def test_normalised_copy_has_no_problems(project):
    assert build_problems(project) == ([], [])
    report = build_report(project)
    assert {s.state for s in report.cells.values()} == {"source", NOT_REVIEWED}


def test_changed_english_page_is_outdated_in_every_language(project):
    old = change_english(project)
    short = git(project, "rev-parse", "--short", old).strip()
    report = build_report(project)
    for lang in translated_langs(project):
        cell = report.cells[(PAGE, lang)]
        assert cell.state == OUTDATED, lang
        assert (cell.lines_changed, cell.lines_added, cell.lines_removed) == (3, 3, 1)
        assert cell.revision is not None and cell.revision.commit == old
        assert cell.diff_command == f"git diff {short} -- docs/en/{PAGE}"
        assert report.cells[("index.md", lang)].state == NOT_REVIEWED  # the other pages are untouched

    # The diff command really shows the change.
    shown = git(project, "diff", short, "--", f"docs/en/{PAGE}")
    assert "+- New line one." in shown

    errors, warnings = build_problems(project)
    assert errors == []  # outdated is a warning, not a failure
    assert sorted(warnings) == sorted(
        f"docs/{lang}/{PAGE}: outdated translation: 3 line(s) of docs/en/{PAGE} changed since this translation was "
        f"made (+3 -1). See the changes: git diff {short} -- docs/en/{PAGE}. Fix: update the translation, then set "
        f"its source_hash to {content_hash(project / 'docs/en' / PAGE)}."
        for lang in translated_langs(project)
    )

    text = report_text(build_report(project))
    about_row = next(line for line in text.splitlines() if line.startswith(PAGE))
    assert about_row.split()[1:] == ["OUTDATED", "(3)*"] * len(translated_langs(project))
    for lang in translated_langs(project):
        assert f"docs/{lang}/{PAGE}: 3 line(s) of docs/en/{PAGE} changed" in text


def test_make_translations_cli_on_the_copy(project):
    """What `make translations` runs, with the copy's own package."""
    change_english(project)
    env = {**os.environ, "PYTHONPATH": str(project)}
    run = subprocess.run([sys.executable, "-m", "helpsite.translations"], cwd=project, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "OUTDATED (3)*" in run.stdout
    assert f"git diff " in run.stdout and f"-- docs/en/{PAGE}" in run.stdout
    assert "Gettext catalogs" in run.stdout
    check = subprocess.run([sys.executable, "-m", "helpsite.translations", "--check"], cwd=project, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0  # outdated only: --check passes
    (project / "docs/th/index.md").unlink()
    check = subprocess.run([sys.executable, "-m", "helpsite.translations", "--check"], cwd=project, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 1
    assert "docs/th/index.md: copy docs/en/index.md to docs/th/index.md" in check.stdout


def add_nepali(root: Path) -> None:
    """Add Nepali from scratch to the copy: the project itself has Nepali, so take it out of the copy first."""
    path = root / "mkdocs.yml"
    text = re.sub(r"^        - locale: ne\n(?: {10,}\S.*\n)*", "", path.read_text(encoding="utf-8"), flags=re.M)
    shutil.rmtree(root / "docs/ne", ignore_errors=True)
    shutil.rmtree(root / "locales/ne", ignore_errors=True)
    anchor = "        - locale: pt\n          name: pt\n          build: true\n"
    assert anchor in text, "the languages list in mkdocs.yml changed shape; update this test"
    path.write_text(text.replace(anchor, anchor + "        - locale: ne\n          name: ne\n          build: true\n"),
                    encoding="utf-8")
    languages.languages.cache_clear()


def test_new_language_report_and_build_name_exactly_what_is_missing(project):
    add_nepali(project)
    pages = page_names(project / "docs", "en")
    errors, warnings = build_problems(project)
    assert warnings == []
    expected = [
        f"docs/ne/{page}: missing translation of docs/en/{page}. Fix: copy docs/en/{page} to docs/ne/{page}, "
        f"translate the text, and add the translation block to its front matter (translation: source: en/{page}, "
        f"source_hash: {content_hash(project / 'docs/en' / page)}, status: machine-drafted); see CONTRIBUTING.md, "
        "'Translate a page'."
        for page in pages
    ]
    expected.append(
        "locales/ne/LC_MESSAGES/messages.po: missing catalog for 'ne'. Fix: create it with "
        "`pybabel init -i locales/messages.pot -d locales -l ne`, then translate every msgstr."
    )
    assert errors == expected

    report = build_report(project)
    assert [report.cells[(page, "ne")].state for page in pages] == [MISSING] * len(pages)
    text = report_text(report)
    assert "ne" in text.splitlines()[2].split()  # a column for Nepali
    for page in pages:
        assert f"docs/ne/{page}: copy docs/en/{page} to docs/ne/{page}" in text
    # Column widths follow the longest code and path (ja-easy): any run of spaces between the cells.
    assert re.search(r"^ne +locales/ne/LC_MESSAGES/messages\.po +MISSING", text, re.MULTILINE), text
    markdown = report_markdown(project)
    assert "Nepali (ne)" in markdown and "`docs/ne/about.md` is missing" in markdown


def test_new_language_following_the_guide_until_nothing_is_left(project):
    """CONTRIBUTING.md, 'Add a language': mkdocs.yml entry, docs/ne/, pybabel init; the report shows the rest."""
    add_nepali(project)
    for page in page_names(project / "docs", "en"):
        write_translation(project, "ne", page)
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "init", "-i", "locales/messages.pot", "-d", "locales",
         "-l", "ne"],
        cwd=project, check=True, capture_output=True,
    )
    errors, _ = build_problems(project)
    assert errors, "a fresh catalog has untranslated messages"
    assert all(re.match(r"locales/ne/LC_MESSAGES/messages\.po:\d+: untranslated message (['\"]).+\1\. Fix: write its "
                        r"msgstr\.$", e) for e in errors), errors
    complete_catalog(project, "ne")
    assert build_problems(project) == ([], [])
    report = build_report(project)
    assert all(report.cells[(page, "ne")].state == NOT_REVIEWED for page in report.pages)


def test_reviewed_page_is_up_to_date(project):
    write_translation(project, "th", "index.md", status="reviewed")
    assert build_report(project).cells[("index.md", "th")].state == UP_TO_DATE


def test_page_without_valid_translation_block_fails_the_build(project):
    path = project / "docs/th/index.md"
    meta, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    path.write_text(f"---\ntitle: {meta['title']}\n---\n{body}", encoding="utf-8")
    errors, _ = build_problems(project)
    assert errors == [
        "docs/th/index.md:1: not a valid translated page: its front matter has no 'translation:' block. "
        "Fix: write the translation block as in CONTRIBUTING.md, 'Translate a page'."
    ]


def test_unknown_source_hash_is_outdated_with_history_command(project):
    path = project / "docs/ja/report.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"source_hash: \S+", "source_hash: abcdefabcdef", text), encoding="utf-8")
    cell = build_report(project).cells[("report.md", "ja")]
    assert cell.state == OUTDATED and cell.lines_changed is None
    assert cell.diff_command == "git log -p -- docs/en/report.md"


def test_untranslated_and_fuzzy_messages_fail_the_build(project):
    path = po_path("th", project / "locales")
    with path.open("rb") as fh:
        catalog = read_po(fh)
    ids = [m.id for m in catalog if m.id and isinstance(m.id, str)]
    catalog[ids[0]].string = ""
    catalog[ids[1]].flags.add("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0)
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(msgid: str) -> int:
        return lines.index(f'msgid "{msgid}"') + 1

    errors, _ = build_problems(project)
    assert errors == [
        f"locales/th/LC_MESSAGES/messages.po:{line_of(ids[0])}: untranslated message {ids[0]!r}. Fix: write its msgstr.",
        f"locales/th/LC_MESSAGES/messages.po:{line_of(ids[1])}: fuzzy (needs review) message {ids[1]!r}. "
        "Fix: check the msgstr, then remove the '#, fuzzy' line.",
    ]
    th = next(c for c in build_report(project).catalogs if c.lang == "th")
    assert (th.untranslated, th.fuzzy) == (1, 1)


def test_missing_catalog_is_a_reported_problem_not_a_crash(project):
    po_path("ja", project / "locales").unlink()
    errors, _ = build_problems(project)
    assert errors == [
        "locales/ja/LC_MESSAGES/messages.po: missing catalog for 'ja'. Fix: create it with "
        "`pybabel init -i locales/messages.pot -d locales -l ja`, then translate every msgstr."
    ]
    assert "MISSING" in report_text(build_report(project))
    assert "**MISSING**" in report_markdown(project)


def test_report_markdown_page(project):
    change_english(project)
    markdown = report_markdown(project)
    meta, body, _ = split_front_matter(markdown)
    assert meta["title"] == "Translation status"
    assert body.lstrip().startswith("# Translation status")
    assert "| about.md | **OUTDATED** (3 lines), not reviewed |" in markdown
    assert "## Outdated pages" in markdown and "### docs/th/about.md" in markdown
    assert "+- New line one." in markdown  # what changed, for translators without Git
    assert "<!-- insert" not in markdown  # the hook would take the diff for an insert marker
    assert not re.search(r"\d{7,}", markdown)
    assert not phones.contains_phone_number(markdown)


def test_report_markdown_hides_digit_runs_in_commands():
    from helpsite.translations.report import _command
    from helpsite.translations.status import EnglishRevision, PageStatus

    status = PageStatus("about.md", "th", OUTDATED, Path("x"), "docs/th/about.md", "docs/en/about.md", "0" * 12,
                        revision=EnglishRevision("0312345678" + "a" * 30, "0312345678", ""))
    assert _command(status) == "run `make translations` for the exact `git diff` command"


def test_real_project_report_runs():
    """The real project: the CLI prints both tables and exits 0; the page and the build checks work."""
    run = subprocess.run([sys.executable, "-m", "helpsite.translations"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Gettext catalogs" in run.stdout and "Summary:" in run.stdout
    markdown = report_markdown()
    assert markdown.startswith("---\ntitle: Translation status\n")
    assert not re.search(r"\d{7,}", markdown)
    errors, warnings = build_problems()
    assert isinstance(errors, list) and isinstance(warnings, list)
