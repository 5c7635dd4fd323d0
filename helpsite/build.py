"""`python -m helpsite.build`: build the whole site and every leaflet, atomically.

Everything is built into a temporary folder beside site/. Only when the catalogs, the leaflets and the
site have all built does the new folder replace site/. A failure (or a kill) leaves site/ as it was.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpsite import languages, operator
from helpsite.i18n import compile_catalogs
from helpsite.paths import ROOT, SITE
from helpsite.web.compress import precompress
from helpsite.web.critical_css import inline_stylesheets, sync_deploy_headers


def _run(step: str, command: list[str], env: dict[str, str]) -> None:
    started = time.monotonic()
    print(f"==> {step}", flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env)
    if result.returncode != 0:
        raise SystemExit(f"error: {step} failed (exit {result.returncode}); site/ was left as it was.")
    print(f"    {step}: {time.monotonic() - started:.1f} s", flush=True)


def _swap_into_place(new_site: Path, target: Path) -> None:
    """Replace target with new_site using renames, so a reader never sees a half-written site."""
    old = target.with_name(f".site-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new_site.rename(target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _remove_stale_builds(folder: Path) -> None:
    """Remove the work folders of builds that were killed (their process is gone)."""
    for stale in folder.glob(".site-build-*-*"):
        pid = stale.name.split("-")[2]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(stale, ignore_errors=True)


def _inline_styles(site_out: Path) -> None:
    """Every page's CSS goes inline (first paint from the first round trip); the CSP allows it by hash."""
    started = time.monotonic()
    pages, size, source = inline_stylesheets(site_out)
    deploy = [ROOT / "deploy" / "_headers", ROOT / "deploy" / "nginx.conf"]
    messages = sync_deploy_headers(deploy, source, may_write=not os.environ.get("CI"))
    for message in messages:
        print(message, file=sys.stderr)
    if any(m.startswith("error") for m in messages):
        raise SystemExit("error: the deploy headers do not match the site; site/ was left as it was.")
    print(f"    inline CSS: {size / 1024:.1f} KB in {pages} pages: {time.monotonic() - started:.1f} s", flush=True)


def build(target: Path = SITE, leaflets: bool = True, extra_leaflet_args: list[str] | None = None) -> None:
    try:  # before any work: publishing with placeholder operator settings must fail at once
        operator.check()
    except operator.OperatorError as exc:
        raise SystemExit(f"error: {exc}") from None
    compile_catalogs(languages.codes())
    _remove_stale_builds(target.parent)
    work = Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-", dir=target.parent))
    try:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
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
        headers = ROOT / "deploy" / "_headers"
        if headers.exists():  # Netlify and Cloudflare Pages read security headers from site/_headers
            shutil.copy2(headers, site_out / "_headers")
        started = time.monotonic()
        count = precompress(site_out)
        print(f"    compressed {count} files: {time.monotonic() - started:.1f} s", flush=True)
        _swap_into_place(site_out, target)
        print(f"==> built {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-leaflets", action="store_true", help="build only the site (faster previews)")
    parser.add_argument("--out", type=Path, default=SITE, help="where the finished site goes (default: site/)")
    args = parser.parse_args(argv)
    build(args.out.resolve(), leaflets=not args.no_leaflets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
