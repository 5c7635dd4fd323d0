"""Issue 14: the deployment enforces what the tests check, and the build cannot lose the site.

- every built page carries the one Content-Security-Policy as <meta>; _headers and nginx.conf send the
  same policy (helpsite/web/csp.py is the one place);
- pages.yml deploys only after the test workflow; actions pinned by commit SHA without credentials;
- Python packages come from a lock file with hashes, installed with --require-hashes;
- builds take a lock, swap site/ with one os.replace and clean up what killed builds left;
- leaflets of editions that no longer exist leave the output and the manifest.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from helpsite import build as site_build
from helpsite.paths import ROOT
from helpsite.web import csp

WORKFLOWS = ROOT / ".github" / "workflows"


def test_every_built_page_has_the_csp_meta(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 100
    want = csp.policy(meta=True)
    for path in pages:
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        metas = [m.attributes.get("content") for m in tree.css('meta[http-equiv="Content-Security-Policy"]')]
        assert metas == [want], f"{path.relative_to(site_dir)}: {metas}"
        head = tree.head.html
        assert head.index("Content-Security-Policy") < head.find("<script") if "<script" in head else True


def test_the_meta_policy_is_the_header_policy_without_header_only_directives() -> None:
    header, meta = csp.parse(csp.policy()), csp.parse(csp.policy(meta=True))
    assert {k: v for k, v in header.items() if k not in csp.HEADER_ONLY} == meta
    assert header["frame-ancestors"] == ("'none'",) and header["object-src"] == ("'none'",)
    # scripts, fonts, connections, workers and the manifest: only from the site, by default-src's fallback
    assert header["default-src"] == ("'self'",)
    assert not {"script-src", "script-src-elem", "font-src", "connect-src", "worker-src", "manifest-src"} & set(header)


def test_deploy_files_send_the_same_policy(site_dir: Path) -> None:
    headers = (ROOT / "deploy" / "_headers").read_text(encoding="utf-8")
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {csp.policy()}\n" in headers
    assert f'add_header Content-Security-Policy "{csp.policy()}" always;' in nginx
    assert f"Content-Security-Policy: {csp.policy()}\n" in (site_dir / "_headers").read_text(encoding="utf-8")


def test_a_style_hash_reaches_every_policy() -> None:
    digest = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    assert f"'{digest}'" in csp.parse(csp.policy([digest], meta=True))["style-src"]
    assert digest in csp.style_hashes(csp.policy([digest]))


def _workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def test_pages_deploys_only_after_lint_and_tests() -> None:
    pages = _workflow("pages.yml")
    jobs = pages["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/test.yml"
    assert "test" in jobs["build"]["needs"] if isinstance(jobs["build"]["needs"], list) else jobs["build"]["needs"] == "test"
    assert "test" in jobs["deploy"]["needs"] and "build" in jobs["deploy"]["needs"]
    test = _workflow("test.yml")
    assert "workflow_call" in test[True]  # 'on:' parses as True in YAML 1.1
    runs = " ".join(step.get("run", "") for step in test["jobs"]["test"]["steps"])
    assert "helpsite.lint" in runs and "make test" in runs


def test_actions_are_pinned_by_sha_without_persisted_credentials() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for uses in re.findall(r"uses:\s*(\S+)", text):
            if uses.startswith("./"):
                continue
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), f"{path.name}: {uses} is not pinned by SHA"
        for job in yaml.safe_load(text)["jobs"].values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: checkout keeps its token"


def test_python_packages_are_locked_with_hashes() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", lock, re.MULTILINE)
    assert len(pins) > 50
    for block in re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n\n", 1)[-1]):
        if "==" in block:
            assert "--hash=sha256:" in block, block.splitlines()[0]
    wanted = set()
    for req in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / req).read_text(encoding="utf-8").splitlines():
            if "==" in line and not line.startswith("#"):
                wanted.add(line.split("==")[0].strip().lower())
    locked = {name.lower() for name, _ in pins}
    assert wanted <= locked, f"not in requirements.lock: {wanted - locked} (run make lock)"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile


def test_codeowners_cover_contacts_and_catalogs() -> None:
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert re.search(r"^/data/\s+@", owners, re.MULTILINE) and re.search(r"^/locales/\s+@", owners, re.MULTILINE)
    assert "CODEOWNERS" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_material_end_of_life_notice_is_not_hidden() -> None:
    assert "NO_MKDOCS_2_WARNING" not in (ROOT / "helpsite" / "build.py").read_text(encoding="utf-8")
    for doc in ("README.md", "HACKING.md"):
        assert "end of life" in (ROOT / doc).read_text(encoding="utf-8"), doc


# ------------------------------------------------------------------------------------------ build
def test_a_second_build_waits_for_the_lock(tmp_path: Path) -> None:
    probe = (
        "import fcntl, sys\n"
        f"fh = open({str(tmp_path / site_build.LOCK_NAME)!r}, 'a+')\n"
        "try:\n    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept BlockingIOError:\n    sys.exit(3)\n"
    )
    with site_build._build_lock(tmp_path):
        held = subprocess.run([sys.executable, "-c", probe])
    free = subprocess.run([sys.executable, "-c", probe])
    assert (held.returncode, free.returncode) == (3, 0)


def test_swap_is_one_replace_and_orphans_go(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")  # the older layout: a real folder
    (tmp_path / ".site-build-999999-x").mkdir()  # a killed build's folder
    for version in ("one", "two"):
        new = tmp_path / f"work-{version}"
        new.mkdir()
        (new / "index.html").write_text(version)
        final = site_build._swap_into_place(new, target)
        site_build._remove_orphans(target, final)
        assert target.is_symlink() and (target / "index.html").read_text() == version
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "site")
    assert leftovers == [final.name], leftovers


def test_leaflets_of_removed_editions_leave_output_and_manifest(tmp_path: Path) -> None:
    from helpsite.leaflets.build import MANIFEST, build
    from helpsite.leaflets.fake import load_directory

    stale = tmp_path / "th" / "help-leaflet-th-old-region-a4.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF-old")
    entry = {"path": "th/help-leaflet-th-old-region-a4.pdf", "lang": "th", "edition": "old-region", "format": "a4",
             "bytes": 8, "sha256": "x", "made": "2026-11-01", "input_hash": "x", "title": "old"}
    (tmp_path / MANIFEST).write_text(json.dumps({"schema": 1, "files": [entry]}), encoding="utf-8")
    build([], load_directory(), tmp_path, workers=1, epoch=0)
    assert not stale.exists()
    assert json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))["files"] == []


@pytest.mark.parametrize("name", ["sw.js"])
def test_service_worker_is_named_after_the_build(site_dir: Path, name: str) -> None:
    text = (site_dir / name).read_text(encoding="utf-8")
    version = re.search(r'var VERSION = "([0-9a-f]{16})";', text)
    assert version, "the build did not write the cache version into sw.js"
    assert "__PRECACHE_BUDGET__" not in text
    search = (site_dir / "en" / "search" / "index.html").read_text(encoding="utf-8")
    form = LexborHTMLParser(search).css_first("form[data-search]")
    assert form is not None and "method" not in form.attributes and "action" not in form.attributes
    assert all("name" not in i.attributes for i in form.css("input")), "a named input would put the words in a URL"
