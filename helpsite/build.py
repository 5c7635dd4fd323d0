"""`python -m helpsite.build`: build the whole site and every leaflet, atomically.

Everything is built into a temporary folder beside site/. Only when the catalogs, the leaflets and the
site have all built, and the output gate (helpsite.gate) has passed them, does the new folder replace
site/: site is a symlink to .site-<stamp>, swapped in one os.replace. A failure (or a kill) leaves site/
as it was; the next build removes the folders a killed build left behind. A lock keeps builds in one
folder from running at the same time.
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from helpsite import languages, operator
from helpsite.i18n import compile_catalogs
from helpsite.paths import ROOT, SITE
from helpsite.web.compress import precompress
from helpsite.web.critical_css import inline_stylesheets


def _run(step: str, command: list[str], env: dict[str, str]) -> None:
    started = time.monotonic()
    print(f"==> {step}", flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env)
    if result.returncode != 0:
        raise SystemExit(f"error: {step} failed (exit {result.returncode}); site/ was left as it was.")
    print(f"    {step}: {time.monotonic() - started:.1f} s", flush=True)


LOCK_NAME = ".site.lock"


@contextmanager
def _build_lock(folder: Path):
    """One build at a time per folder: a second one waits (two at once once left no site/)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("==> another build is running here; waiting for it to finish", flush=True)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _swap_into_place(new_site: Path, target: Path) -> Path:
    """Make ``target`` a symlink to the finished site, replaced in one step (os.replace of a symlink):
    a reader, a kill or a second build never sees a missing or half-written site/."""
    final = target.with_name(f".{target.name}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}")
    new_site.rename(final)
    if target.exists() and not target.is_symlink():
        # An older layout (site/ a real folder): move it aside once; it is removed below as an orphan.
        target.rename(target.with_name(f".{target.name}-old-{os.getpid()}"))
    link = target.with_name(f".{target.name}-link-{os.getpid()}")
    link.unlink(missing_ok=True)
    link.symlink_to(final.name)
    os.replace(link, target)
    return final


def _remove_orphans(target: Path, keep: Path | None) -> None:
    """Every earlier site and every killed build's folder beside ``target`` (the lock is held: no build is live)."""
    current = (target.parent / os.readlink(target)).resolve() if target.is_symlink() else None
    for path in target.parent.glob(f".{target.name}-*"):
        if path.resolve() in (current, keep) or path.name == LOCK_NAME:
            continue
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _preflight() -> None:
    """Refuse to start on symlinks, oversized files, YAML aliases or unsafe catalogs (file:line for each)."""
    from helpsite.lint.catalogs import lint_catalogs
    from helpsite.lint.files import findings

    problems = findings(ROOT) + lint_catalogs(ROOT)
    if problems:
        listed = "\n  ".join(str(p) for p in problems)
        raise SystemExit(f"error: the build refuses these files; site/ was left as it was:\n  {listed}")


def _gate(site_out: Path) -> None:
    """The output gate (helpsite.gate) on the finished site and leaflets, before they replace site/."""
    from helpsite.contacts import load_directory
    from helpsite.gate import check_site, rules_for
    from helpsite.leaflets.qr import site_url

    started = time.monotonic()
    problems = check_site(site_out, rules_for(load_directory(), site_url()), ROOT, cache=ROOT / ".cache" / "gate")
    if problems:
        listed = "\n  ".join(str(p) for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        raise SystemExit(f"error: the output gate refused the build; site/ was left as it was:\n  {listed}{more}")
    print(f"    gate: {time.monotonic() - started:.1f} s", flush=True)


def _write_headers(site_out: Path) -> None:
    """site/_headers for Netlify and Cloudflare Pages: deploy/_headers with the one CSP (helpsite.web.csp)."""
    from helpsite.web import csp

    headers = ROOT / "deploy" / "_headers"
    if headers.exists():
        text = re.sub(r"(?m)^(\s*Content-Security-Policy:).*$", lambda m: f"{m.group(1)} {csp.policy()}",
                      headers.read_text(encoding="utf-8"))
        (site_out / "_headers").write_text(text, encoding="utf-8")


def _sitemap(site_out: Path) -> None:
    from helpsite.leaflets.qr import site_url
    from helpsite.web.outputs import sitemap_alternates

    sitemap_alternates(site_out, site_url())


def _stamp_service_worker(site_out: Path) -> None:
    """Name the service worker's cache after this build's pages, and give it the precache budget:
    a phone that saved pages of an older build drops them (and their numbers) when it sees this one."""
    from helpsite.web.outputs import PRECACHE_BUDGET

    sw = site_out / "sw.js"
    if not sw.exists():
        return
    digest = hashlib.sha256()
    for path in sorted(site_out.rglob("*")):
        rel = path.relative_to(site_out).as_posix()
        if path.is_file() and rel != "sw.js" and not rel.startswith("leaflets/"):
            digest.update(rel.encode() + b"\0" + path.read_bytes())
    text = sw.read_text(encoding="utf-8")
    text = text.replace("__BUILD_VERSION__", digest.hexdigest()[:16]).replace("__PRECACHE_BUDGET__", str(PRECACHE_BUDGET))
    sw.write_text(text, encoding="utf-8")


def _inline_styles(site_out: Path) -> None:
    """Every page gets the CSS of its first screen inline (first paint from the first round trip; the CSP allows
    it by its hash) and the whole stylesheet as one file linked at the end of <body>. A changed critical style
    changes the hash: a local build records it (deploy/inline-style.sha256 and the deploy copies of the
    policy, to commit); in CI a stale record fails, so what is published matches."""
    from helpsite.web import csp

    started = time.monotonic()
    template_policy = csp.policy(meta=True)

    def policy_for(digest: str) -> tuple[str, str]:
        csp.set_style_hash(digest)
        return template_policy, csp.policy(meta=True)

    committed = csp.committed_style_hash()
    result = inline_stylesheets(site_out, policy_for)
    digest = result.hash
    stale = _deploy_copies_differ()
    if digest != committed or stale:
        if os.environ.get("CI"):
            raise SystemExit(
                "error: deploy/inline-style.sha256 and the CSP in deploy/_headers and deploy/nginx.conf do not match "
                f"this build's inline CSS ({digest}). Fix: run `make site` and commit deploy/. site/ was left as it was.")
        csp.STYLE_HASH_FILE.write_text(digest + "\n", encoding="utf-8")
        _write_deploy_copies()
        print("note: the inline CSS changed: deploy/inline-style.sha256, deploy/_headers and deploy/nginx.conf "
              "were updated; commit them", file=sys.stderr)
    print(f"    CSS: {result.critical_bytes / 1024:.1f} KB inline in {result.pages} pages, "
          f"{result.whole_bytes / 1024:.1f} KB in {result.stylesheet}: {time.monotonic() - started:.1f} s", flush=True)


_HEADER_LINE = re.compile(r"(?m)^(\s*Content-Security-Policy:).*$")
_NGINX_LINE = re.compile(r'(?m)^(add_header Content-Security-Policy ")[^"]*(" always;)$')


def _deploy_copies() -> dict[Path, str]:
    """deploy/_headers and deploy/nginx.conf as they must read: with the one policy (helpsite.web.csp)."""
    from helpsite.web import csp

    policy = csp.policy()
    out = {}
    for path, line, put in (
        (ROOT / "deploy" / "_headers", _HEADER_LINE, lambda m: f"{m.group(1)} {policy}"),
        (ROOT / "deploy" / "nginx.conf", _NGINX_LINE, lambda m: f"{m.group(1)}{policy}{m.group(2)}"),
    ):
        out[path] = line.sub(put, path.read_text(encoding="utf-8"))
    return out


def _deploy_copies_differ() -> bool:
    return any(path.read_text(encoding="utf-8") != text for path, text in _deploy_copies().items())


def _write_deploy_copies() -> None:
    for path, text in _deploy_copies().items():
        path.write_text(text, encoding="utf-8")


def build(target: Path = SITE, leaflets: bool = True, extra_leaflet_args: list[str] | None = None) -> None:
    try:  # before any work: publishing with placeholder operator settings must fail at once
        operator.check()
    except operator.OperatorError as exc:
        raise SystemExit(f"error: {exc}") from None
    with _build_lock(target.parent):
        _build(target, leaflets, extra_leaflet_args)


def _build(target: Path, leaflets: bool, extra_leaflet_args: list[str] | None) -> None:
    _preflight()
    compile_catalogs(languages.codes())
    _remove_orphans(target, None)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-{os.getpid()}-", dir=target.parent))
    try:
        # Material's end-of-life notice is printed, not hidden: README.md and HACKING.md give the plan.
        env = dict(os.environ)
        leaflets_out = work / "leaflets"
        if leaflets:
            previous = target / "leaflets"
            if previous.is_dir():
                # Unchanged leaflets are skipped by content hash: start from the last set (hard links, cheap).
                shutil.copytree(previous, leaflets_out, copy_function=os.link)
            _run(
                "leaflets",
                [sys.executable, "build_leaflets.py", "--out", str(leaflets_out), *(extra_leaflet_args or [])],
                env,
            )
        env["HELPSITE_LEAFLETS_DIR"] = str(leaflets_out)
        site_out = work / "site"
        _run("site", [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_out)], env)
        if leaflets_out.exists():
            leaflets_out.rename(site_out / "leaflets")
        _inline_styles(site_out)
        _sitemap(site_out)
        _write_headers(site_out)
        _stamp_service_worker(site_out)
        _gate(site_out)
        started = time.monotonic()
        count = precompress(site_out)
        print(f"    compressed {count} files: {time.monotonic() - started:.1f} s", flush=True)
        final = _swap_into_place(site_out, target)
        _remove_orphans(target, final)
        print(f"==> built {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-leaflets", action="store_true", help="build only the site (faster previews)")
    parser.add_argument("--out", type=Path, default=SITE, help="where the finished site goes (default: site/)")
    args = parser.parse_args(argv)
    out = args.out.absolute()
    # Resolve the folder, never the last part: site/ itself is a symlink that the build replaces.
    build(out.parent.resolve() / out.name, leaflets=not args.no_leaflets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
