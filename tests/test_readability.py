"""Plain English, kept by the content lint: grade, sentence length and question headings
(helpsite/lint/readability.py), through `python -m helpsite.lint` as contributors run it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpsite.lint import Linter, readability
from helpsite.paths import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "lint"

WORDY = """---
title: A wordy page
---

# A wordy page

This is short.

Notwithstanding the aforementioned considerations, individuals experiencing exploitation
are encouraged to contemplate contacting governmental organisations, which may facilitate
comprehensive assistance regarding accommodation, documentation and repatriation.

## Contact information

- Short item.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "p")
    return tmp_path / "p"


def run_lint(root: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "helpsite.lint", "--root", str(root), *paths],
        cwd=root, capture_output=True, text=True,
    )


def test_a_long_winded_page_fails_and_names_its_sentence(project: Path) -> None:
    (project / "docs/en/wordy.md").write_text(WORDY, encoding="utf-8")
    result = run_lint(project, "docs/en/wordy.md")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # The 24-word sentence starts on line 9: named with file:line, its length and its first words.
    assert any(
        line.startswith("docs/en/wordy.md:9: readability: a sentence of 24 words (at most 20): "
                        "'Notwithstanding the aforementioned considerations")
        for line in lines
    ), lines
    grade = [line for line in lines if "reading grade" in line]
    assert len(grade) == 1 and grade[0].startswith("docs/en/wordy.md:9: readability: reading grade ")
    assert "Longest sentences: docs/en/wordy.md:9 (24 words)" in grade[0]
    assert ("docs/en/wordy.md:13: readability: heading 'Contact information' is not a question."
            in result.stdout)


def test_a_plain_page_passes_and_the_title_need_not_be_a_question(project: Path) -> None:
    page = project / "docs/en/plain.md"
    page.write_text(
        "---\ntitle: Leaving safely\n---\n\n# Leaving safely\n\nYou can get help.\n\n"
        "## Are you a trainee? { #trainee }\n\n- Call the line.\n\n```\n## not a heading in code\n```\n",
        encoding="utf-8",
    )
    assert readability.check(Linter(project), [page]) == []


def test_translations_are_not_measured(project: Path) -> None:
    page = project / "docs/th/wordy.md"
    page.write_text(WORDY, encoding="utf-8")
    assert readability.check(Linter(project), [page]) == []


def test_sentences_keep_their_lines_and_list_items_end_sentences() -> None:
    text = "---\ntitle: T\n---\n\n# T\n\n- One item\n- Two items here\n\nA first. A second\nruns on.\n"
    got = [(s.line, s.text) for s in readability.sentences(text)]
    assert got == [(5, "T"), (7, "One item"), (8, "Two items here"), (10, "A first."), (10, "A second runs on.")]


def test_every_english_page_passes() -> None:
    linter = Linter(ROOT)
    findings = readability.check(linter, sorted((ROOT / "docs/en").glob("*.md")))
    assert findings == [], "\n".join(map(str, findings))
