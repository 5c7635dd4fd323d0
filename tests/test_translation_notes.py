"""Readers of a translated page see, in their language, that it is a draft, and when the English page
changed after translation. Checked on a real build of a copy of the project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpsite.i18n import translations
from helpsite.paths import ROOT
from tests.conftest import LANGS, page_path
from tests.site_html import soup

# The copy is built once: every test of this file runs in one process.
pytestmark = pytest.mark.xdist_group(name="translation-notes")

COPY = ["docs", "overrides", "helpsite", "data", "locales", "mkdocs.yml", "babel.cfg"]
OUTDATED = "The English version of this page has changed since it was translated. Some details here may be out of date."
DRAFT = "This translation was made with machine help and has not yet been checked by a native speaker."


@pytest.fixture(scope="module")
def built_after_english_change(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("project")
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(source, project / name)
    report = project / "docs/en/report.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nA new sentence in English.\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1",
               HELPSITE_LEAFLETS_DIR=str(project / "no-leaflets"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "out")],
        cwd=project, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "report.md" in result.stderr and "WARNING" in result.stderr  # outdated is a warning, not a failure
    return project / "out"


@pytest.mark.parametrize("lang", [code for code in LANGS if code != "en"])
def test_outdated_page_shows_a_note_in_the_reader_language(built_after_english_change: Path, lang: str) -> None:
    html = soup(page_path(built_after_english_change, lang, "report.md"))
    note = html.select_one(".translation-note--outdated")
    assert note is not None
    assert translations(lang).gettext(OUTDATED) in note.get_text()
    assert note.select_one('a[hreflang="en"]')["href"].rstrip("/").endswith("en/report")
    untouched = soup(page_path(built_after_english_change, lang, "stay-safe.md"))
    assert untouched.select_one(".translation-note--outdated") is None


def test_draft_note_on_machine_drafted_pages_and_not_on_english(site_dir: Path) -> None:
    for lang in LANGS:
        html = soup(page_path(site_dir, lang, "your-rights.md"))
        notes = [n.get_text() for n in html.select(".translation-note")]
        if lang == "en":
            assert notes == []
        else:
            assert any(translations(lang).gettext(DRAFT) in n for n in notes), lang
