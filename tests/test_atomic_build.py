"""Atomic builds: a failed or killed `python -m helpsite.build` leaves the previous site/ exactly as it was.

Runs in a copy of the project in tmp_path (the files git knows about, not site/). To keep it fast, the
copy's mkdocs.yml keeps only the source language and Japanese (the list of languages lives in one place,
so the rest of the build follows), and the build runs with --no-leaflets.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpsite import languages
from helpsite.paths import ROOT

pytestmark = pytest.mark.xdist_group(name="atomic-build")

KEEP = [languages.source_language().code, "ja"]


def _project_files() -> list[str]:
    """Tracked and new (not ignored) files: the project as a contributor has it, without site/ or .venv/."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()
    return [f for f in out.split("\0") if f and (ROOT / f).is_file()]


def _keep_languages(mkdocs_yml: Path, keep: list[str]) -> None:
    """Drop every other language's entry from the i18n plugin's `languages:` list (a text edit: !ENV tags)."""
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines(keepends=True)
    out, dropping, entry_indent = [], False, None
    for line in lines:
        match = re.match(r"^(\s*)- locale:\s*(\S+)", line)
        if match:
            entry_indent = len(match[1])
            dropping = match[2] not in keep
        elif entry_indent is not None and line.strip() and len(line) - len(line.lstrip()) <= entry_indent:
            dropping, entry_indent = False, None  # left the languages list
        if not dropping:
            out.append(line)
    mkdocs_yml.write_text("".join(out), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("project")
    for name in _project_files():
        if name.startswith("docs/") and name.split("/")[1] not in KEEP:
            continue
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    _keep_languages(copy / "mkdocs.yml", KEEP)
    return copy


def _env(project: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(project)  # the copy's helpsite, not the editable install's
    env.pop("HELPSITE_PREVIEW", None)
    env.pop("CI", None)  # the copy keeps two languages: its inline CSS (and so its style hash) may differ
    return env


def _build(project: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "helpsite.build", "--no-leaflets", "--out", str(project / "site")],
        cwd=project, env=_env(project), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True, **kwargs,
    )


def _build_with(project: Path, page: Path, text: str) -> tuple[int, str]:
    """Build the copy with one page changed to `text` (restored afterwards): (exit code, output)."""
    original = page.read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    try:
        proc = _build(project)
        output, _ = proc.communicate(timeout=300)
    finally:
        page.write_text(original, encoding="utf-8")
    return proc.returncode, output


def _snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def built(project: Path) -> dict[str, str]:
    proc = _build(project)
    output, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, f"the first build of the copy failed:\n{output}"
    site = project / "site"
    assert (site / "index.html").exists() and (site / "ja" / "index.html").exists()
    assert not (site / "th").exists(), "the copy should build only " + ", ".join(KEEP)
    return _snapshot(site)


def test_broken_page_stops_the_build_and_keeps_site(project: Path, built: dict[str, str]) -> None:
    page = project / "docs" / "ja" / "stay-safe.md"
    original = page.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    line_no = len(lines) + 2  # a blank line, then the marker
    site_inode = (project / "site").stat().st_ino
    returncode, output = _build_with(project, page, original.rstrip("\n") + "\n\n<!-- insert: nope -->\n")
    assert returncode != 0, output
    assert f"docs/ja/stay-safe.md:{line_no}" in output, f"the message should name the file and line:\n{output}"
    assert "nope" in output
    assert (project / "site").stat().st_ino == site_inode
    assert _snapshot(project / "site") == built, "site/ changed after a failed build"
    assert not list(project.glob(".site-build-*")), "a failed build left its temporary folder behind"


def test_killed_build_keeps_site(project: Path, built: dict[str, str]) -> None:
    site_inode = (project / "site").stat().st_ino
    proc = _build(project)
    started = time.monotonic()
    # Wait until the build is writing the new site (the "site" step has begun), then kill it mid-way.
    for line in proc.stdout:
        if line.startswith("==> site"):
            break
    else:
        pytest.fail("the build ended before its site step")
    work = None
    while time.monotonic() - started < 60 and work is None:
        found = [p for p in project.glob(".site-build-*/site") if any(p.iterdir())] if proc.poll() is None else []
        work = found[0] if found else None
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build finished before it could be killed; the test needs a slower step"
    os.killpg(proc.pid, signal.SIGKILL)  # the build and its mkdocs child, like an OOM kill or a pulled plug
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert work is not None, "the build was killed before it wrote anything"
    assert (project / "site").stat().st_ino == site_inode, "a half-written site replaced site/"
    assert _snapshot(project / "site") == built, "site/ changed after a killed build"
    assert not list(project.glob(".site-old-*"))


def test_malicious_page_is_refused_by_the_output_gate(project: Path, built: dict[str, str]) -> None:
    """Issue 14, end to end: a pull request whose page hides a script handler in a tag split over two
    lines and a number in full-width digits. `make site` builds it, the output gate refuses it before the
    swap, the message names the Markdown file and line, and site/ stays as it was."""
    page = project / "docs" / "ja" / "report.md"
    original = page.read_text(encoding="utf-8")
    lines = original.rstrip("\n").splitlines()
    attack = "\n".join(lines) + '\n\n<img src="x.png"\nonerror="alert(1)" alt="">\n\n電話 ０３−９８７６−５４３２\n'
    returncode, output = _build_with(project, page, attack)
    assert returncode != 0, output
    assert "output gate refused" in output, output
    assert f"docs/ja/report.md:{len(lines) + 3}: event-handler" in output, output
    assert f"docs/ja/report.md:{len(lines) + 5}: phone-number" in output, output
    assert _snapshot(project / "site") == built, "site/ changed after a refused build"
    assert not list(project.glob(".site-build-*"))
