"""Shared fixtures. Tests of the site read the real build in site/ (`make test` builds it first)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpsite import languages
from helpsite.paths import ROOT, SITE

LANGS = languages.codes()
PAGES = [
    "index.md",
    "am-i-a-victim.md",
    "your-rights.md",
    "get-help-near-you.md",
    "report.md",
    "check-a-number.md",
    "stay-safe.md",
    "leaving-safely.md",
    "show-an-officer.md",
    "leaflets.md",
    "about.md",
]


def page_path(site: Path, lang: str, page: str) -> Path:
    stem = page[: -len(".md")]
    return site / lang / ("index.html" if stem == "index" else f"{stem}/index.html")


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built site. Builds it once if it is missing (when pytest runs without make)."""
    if not (SITE / "index.html").exists():
        subprocess.run([sys.executable, "-m", "helpsite.build"], cwd=ROOT, check=True)
    return SITE


# The contacts and the leaflet editions, loaded once for every test file that reads leaflets.
@pytest.fixture(scope="session")
def directory():
    from helpsite.contacts import load_directory

    return load_directory()


@pytest.fixture(scope="session")
def editions(directory) -> list[str]:
    from helpsite.leaflets.content import edition_ids

    return edition_ids(directory)
