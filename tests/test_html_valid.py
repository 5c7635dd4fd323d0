"""Every built page is valid HTML: 0 errors from the Nu Html Checker (vnu.jar, the W3C's validator).

vnu.jar comes from npm (tests/validator/, pinned in its package-lock.json) and runs on Debian's Java; both
are installed by `make setup`. Four Java processes check every page of the site, a quarter each.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helpsite.paths import ROOT
from tests.conftest import LANGS

VNU = ROOT / "tests" / "validator" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One short run: the JIT's quick tier only (a third of the CPU time of a full JIT warm-up), one GC thread, and
# the stack the checker needs with those settings. --no-langdetect: language guessing only ever gives warnings.
JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def _validate(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("vnu.jar or Java is missing: run `make setup` (npm ci in tests/validator, Debian's Java).")
    out = subprocess.run([java, *JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--no-langdetect", "--format", "json",
                          *map(str, files)], capture_output=True, text=True)
    return json.loads(out.stderr)["messages"]


CHUNKS = 4  # the pages in four runs, so that the two test processes share them and neither waits at the end


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_page_is_valid_html(site_dir: Path, chunk: int) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    templates = {f"{lang}/{p}" for lang in LANGS for p in ("index.html", "search/index.html", "near-you/tokyo/index.html")}
    assert templates <= {p.relative_to(site_dir).as_posix() for p in pages}, "the site is missing page templates"
    errors = [m for m in _validate(pages[chunk::CHUNKS]) if m["type"] in ("error", "non-document-error")]
    report = [f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}" for m in errors[:30]]
    assert not errors, f"{len(errors)} HTML errors, for example:\n  " + "\n  ".join(report)


def test_the_validator_does_find_errors(tmp_path: Path) -> None:
    """The check can fail: the kinds of error the site once had are reported."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><input type="checkbox" autocomplete="off">'
                   '<form action=""></form>', encoding="utf-8")
    messages = " ".join(m["message"] for m in _validate([bad]))
    assert "autocomplete" in messages and "action" in messages
