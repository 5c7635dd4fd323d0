#!/usr/bin/env python3
"""`make bench` (after scripts/bench_leaflets.py): page weight and speed on a slow phone, and build times.

For each language's home page and help page (get-help-near-you), in Debian's Chromium under mobile
emulation (360 x 740, 4x CPU slowdown, slow 3G: 400 kbit/s down, 400 ms RTT), first view with an empty
cache and no service worker, served compressed (the .gz file beside each file, Content-Encoding: gzip):
bytes transferred, requests, requests to other hosts, First Contentful Paint, Largest Contentful Paint.
The same figures for a plain Material for MkDocs page with default settings, built in this run, as the
reference. Then the time of a clean `mkdocs build` of the whole site and of a no-change rebuild of
everything (`python -m helpsite.build`). Lighthouse 12.2.3 scores too, if `npm ci` works in bench/.

First paint (issue 13): for the home page, a Thai help page and a Chinese prefecture page, the gzip bytes
that the first paint waits for (the HTML plus every render-blocking stylesheet and script), and Lighthouse
mobile FCP (median of three runs) with the site behind nginx and deploy/nginx.conf (gzip_static), beside a
default Material page, the same home page with no CSS at all (the floor), and, with --baseline REF, the same
pages built from an earlier commit.

Usage: scripts/bench_site.py [--langs en,th] [--skip-builds] [--no-lighthouse] [--baseline REF]
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpsite import languages  # noqa: E402
from helpsite.paths import SITE  # noqa: E402
from helpsite.web.compress import precompress  # noqa: E402
from helpsite.web.critical_css import FIRST_PAINT_BUDGET, FIRST_PAINT_PAGES, first_paint_bytes  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",  # other hosts fail at once (and are counted)
]
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
CPU_SLOWDOWN = 4
TARGET_KB, TARGET_FCP_MS, TARGET_BUILD_S = 50, 2000, 20
TARGET_FIRST_PAINT_KB, TARGET_LH_FCP_MS = FIRST_PAINT_BUDGET / 1000, 900  # kB of 1000 bytes, as issue 13
BENCH_DIR = ROOT / "bench"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; sends file.gz with Content-Encoding: gzip when the browser accepts gzip."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # noqa: ANN201 - stdlib signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        gz = path.with_name(path.name + ".gz")
        if "gzip" in self.headers.get("Accept-Encoding", "") and gz.is_file() and path.is_file():
            body = gz.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _BytesFile(body)
        return super().send_head()


class _BytesFile:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(root)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def build_reference(work: Path) -> Path:
    """A plain Material for MkDocs page, default settings, one page of similar length, built with this venv."""
    (work / "docs").mkdir(parents=True)
    (work / "mkdocs.yml").write_text("site_name: Reference\ntheme:\n  name: material\n", encoding="utf-8")
    text = "\n\n".join(
        f"## Section {i}\n\nA plain paragraph of text, about as long as one on a help page. Call 110 in danger."
        for i in range(1, 8)
    )
    (work / "docs" / "index.md").write_text(f"# Get help now\n\n{text}\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=work, check=True)
    precompress(work / "site")
    return work / "site"


LCP_JS = """() => new Promise(resolve => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  let lcp = 0;
  try {
    new PerformanceObserver(list => { for (const e of list.getEntries()) lcp = Math.max(lcp, e.startTime); })
      .observe({type: 'largest-contentful-paint', buffered: true});
  } catch (e) {}
  setTimeout(() => resolve({fcp: fcp ? fcp.startTime : null, lcp: lcp || null}), 300);
})"""


def measure(browser, url: str, origin: str) -> dict:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True,
        service_workers="block",
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    sent: dict[str, str] = {}
    done: dict[str, float] = {}
    cdp.on("Network.requestWillBeSent", lambda e: sent.setdefault(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: done.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    timings = page.evaluate(LCP_JS)
    context.close()
    urls = [u for u in sent.values() if not u.startswith("data:")]
    foreign = [u for u in urls if not u.startswith(origin)]
    return {
        "bytes": int(sum(done.values())),
        "requests": len(urls),
        "foreign": len(foreign),
        "fcp": timings["fcp"],
        "lcp": timings["lcp"],
    }


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    started = time.monotonic()
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        print(f"  ({' '.join(command[-4:])} failed: {result.stderr.strip().splitlines()[-1:]})", file=sys.stderr)
    return time.monotonic() - started, result.returncode


def lighthouse_report(url: str, categories: str = "performance,accessibility,best-practices,seo") -> dict | None:
    """A Lighthouse 12.2.3 mobile report, if it is installed in bench/ (npm ci) or can be; None otherwise."""
    binary = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists() and shutil.which("npm") and (BENCH_DIR / "package-lock.json").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCH_DIR, capture_output=True, timeout=300)
    if not binary.exists():
        return None
    flags = "--headless=new " + " ".join(a for a in CHROMIUM_ARGS if not a.startswith("--host-resolver"))
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lh.json"
        result = subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}",
             f"--only-categories={categories}"],
            env=env, capture_output=True, text=True, timeout=240,
        )
        if result.returncode != 0 or not out.exists():
            print(f"  (lighthouse failed: {result.stderr.strip().splitlines()[-1:]})", file=sys.stderr)
            return None
        return json.loads(out.read_text(encoding="utf-8"))


def lighthouse(url: str) -> dict | None:
    """Lighthouse mobile scores per category; the audits that cost points are named on stderr."""
    report = lighthouse_report(url)
    if report is None:
        return None
    scores = {k: round((v.get("score") or 0) * 100) for k, v in report["categories"].items()}
    for key, category in report["categories"].items():
        if key == "performance":
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                print(f"  lighthouse {key}: {audit['id']}: {audit['title']}", file=sys.stderr)
    return scores


def without_css(site: Path, path: str, out: Path) -> Path:
    """A copy of one page with every stylesheet removed: the floor that no CSS can beat."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    html = re.sub(r"<style>.*?</style>|<link\b[^>]*rel=\"stylesheet\"[^>]*>", "", html, flags=re.S)
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(html, encoding="utf-8")
    precompress(out)
    return out


def build_baseline(ref: str, work: Path) -> Path:
    """The site as an earlier commit built it (no leaflets), with this venv."""
    tree = work / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), ref], cwd=ROOT, check=True, capture_output=True)
    try:
        env = dict(os.environ, PYTHONPATH=str(tree))
        env.pop("CI", None)
        subprocess.run([sys.executable, "-m", "helpsite.build", "--no-leaflets", "--out", str(work / "site")],
                       cwd=tree, env=env, check=True, capture_output=True)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    return work / "site"


def lighthouse_fcp(url: str, runs: int = 3) -> tuple[float | None, int | None]:
    """Median FCP (ms) and performance score of `runs` Lighthouse mobile runs, or (None, None)."""
    fcps, scores = [], []
    for _ in range(runs):
        # A run sometimes fails to record its trace (NO_NAVSTART on a busy machine): try it again, twice.
        report = next((r for r in (lighthouse_report(url, categories="performance") for _ in range(3)) if r), None)
        if report is None:
            return None, None
        fcps.append(report["audits"]["first-contentful-paint"]["numericValue"])
        scores.append(round((report["categories"]["performance"]["score"] or 0) * 100))
    return statistics.median(fcps), int(statistics.median(scores))


def first_paint_report(site: Path, baseline_ref: str | None, with_lighthouse: bool) -> None:
    from helpsite import nginx as local_nginx

    with tempfile.TemporaryDirectory(prefix="bench-fp-") as tmp:
        work = Path(tmp)
        reference = build_reference(work / "reference")
        floor = without_css(site, FIRST_PAINT_PAGES[0], work / "floor" / "en")
        rows: list[tuple[str, Path, str]] = [(f"ours {p}", site, p) for p in FIRST_PAINT_PAGES]
        if baseline_ref:
            base_site = build_baseline(baseline_ref, work / "baseline")
            rows += [(f"{baseline_ref[:10]} {p}", base_site, p) for p in FIRST_PAINT_PAGES]
        rows += [("Material default", reference, ""), ("no CSS (en/ floor)", floor.parent, "en/")]
        print("\nFirst paint: gzip kB (1000 bytes) it waits for; Lighthouse mobile FCP and performance score, "
              "median of 3, behind nginx (gzip_static)")
        print(f"{'page':<36}{'kB':>7}{'FCP ms':>9}{'perf':>6}")
        worst_kb, worst_fcp = 0.0, 0.0
        for name, root, path in rows:
            kb = first_paint_bytes(root, path) / 1000
            fcp = score = None
            if with_lighthouse:
                prefix = work / f"nginx-{abs(hash(name))}"
                with local_nginx.serve(root, prefix) as base:
                    fcp, score = lighthouse_fcp(base + path)
            print(f"{name:<36}{kb:>7.2f}{ms(fcp):>9}{(score if score is not None else '-'):>6}")
            if name.startswith("ours"):
                worst_kb = max(worst_kb, kb)
                worst_fcp = max(worst_fcp, fcp or 0)
        print(f"  first paint waits for <= {TARGET_FIRST_PAINT_KB:.0f} kB: worst {worst_kb:.2f} kB  "
              f"{'ok' if worst_kb <= TARGET_FIRST_PAINT_KB else 'MISSED'}")
        if with_lighthouse and worst_fcp:
            print(f"  Lighthouse FCP <= {TARGET_LH_FCP_MS} ms: worst {worst_fcp:,.0f} ms  "
                  f"{'ok' if worst_fcp <= TARGET_LH_FCP_MS else 'MISSED'}")


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--langs", help="comma-separated language codes (default: all)")
    parser.add_argument("--skip-builds", action="store_true", help="do not time the builds")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (default: site/)")
    parser.add_argument("--baseline", help="also measure the first-paint pages as this git commit builds them")
    args = parser.parse_args(argv)
    codes = args.langs.split(",") if args.langs else languages.codes()
    if not (args.site / "index.html").exists():
        print(f"error: {args.site} is not built. Fix: run `make site` first.", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, sync_playwright() as pw:
        reference = build_reference(Path(tmp) / "reference")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        site_httpd, site_base = serve(args.site)
        ref_httpd, ref_base = serve(reference)
        try:
            for code in codes:
                for label, path in (("home", f"{code}/"), ("help", f"{code}/get-help-near-you/")):
                    rows.append((f"{code} {label}", measure(browser, site_base + path, site_base.rstrip("/"))))
                    print(".", end="", flush=True, file=sys.stderr)
            rows.append(("Material default", measure(browser, ref_base, ref_base.rstrip("/"))))
            print(file=sys.stderr)
        finally:
            browser.close()
            site_httpd.shutdown()
            ref_httpd.shutdown()

    print("\nFirst view on a slow phone: 360x740, CPU 4x slower, slow 3G (400 kbit/s, 400 ms RTT), gzip, no cache")
    print(f"{'page':<18}{'KB':>8}{'requests':>10}{'other host':>12}{'FCP ms':>9}{'LCP ms':>9}")
    for name, r in rows:
        print(f"{name:<18}{r['bytes'] / 1024:>8.1f}{r['requests']:>10}{r['foreign']:>12}{ms(r['fcp']):>9}{ms(r['lcp']):>9}")

    ours = [r for name, r in rows if name != "Material default"]
    help_pages = [r for name, r in rows if name.endswith(" help")]
    worst_kb = max(r["bytes"] for r in help_pages) / 1024 if help_pages else 0
    fcps = [r["fcp"] for r in ours if r["fcp"] is not None]
    worst_fcp = max(fcps) if fcps else None
    foreign = sum(r["foreign"] for r in ours)

    builds: list[tuple[str, float, int]] = []
    if not args.skip_builds:
        with tempfile.TemporaryDirectory(prefix="bench-build-") as out:
            env = dict(os.environ)
            env.pop("HELPSITE_LEAFLETS_DIR", None)
            secs, rc = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", out], ROOT, env)
            builds.append(("clean `mkdocs build` (site, all languages)", secs, rc))
        secs, rc = timed([sys.executable, "-m", "helpsite.build"], ROOT)
        builds.append(("no-change rebuild (`python -m helpsite.build`)", secs, rc))
        print()
        for name, secs, rc in builds:
            print(f"{name:<48}{secs:>7.1f} s" + ("" if rc == 0 else f"  (FAILED, exit {rc})"))

    lh = None if args.no_lighthouse else lighthouse_for(args.site, codes[0])

    print("\nTargets")
    print(f"  help page first view < {TARGET_KB} KB: worst {worst_kb:.1f} KB  {'ok' if worst_kb < TARGET_KB else 'MISSED'}")
    print(f"  requests to other hosts = 0: {foreign}  {'ok' if foreign == 0 else 'MISSED'}")
    fcp_ok = worst_fcp is not None and worst_fcp < TARGET_FCP_MS
    print(f"  FCP < {TARGET_FCP_MS} ms on slow 3G: worst {ms(worst_fcp)} ms  {'ok' if fcp_ok else 'MISSED'}"
          + ("" if len(fcps) == len(ours) else f" ({len(ours) - len(fcps)} page(s) reported no FCP entry)"))
    print(f"  (machine load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; timings grow with it)")
    if builds:
        clean = builds[0][1]
        print(f"  clean site build < {TARGET_BUILD_S} s: {clean:.1f} s  {'ok' if clean < TARGET_BUILD_S and builds[0][2] == 0 else 'MISSED'}")
    if lh:
        print(f"  Lighthouse mobile ({codes[0]} help page): " + ", ".join(f"{k} {v}" for k, v in lh.items())
              + "  (targets: performance >= 95, others 100)")
    elif not args.no_lighthouse:
        print("  Lighthouse: not installed (cd bench && npm ci); figures above do not need it")
    first_paint_report(args.site, args.baseline, with_lighthouse=not args.no_lighthouse)
    return 0


def lighthouse_for(site: Path, code: str) -> dict | None:
    httpd, base = serve(site)
    try:
        return lighthouse(f"{base}{code}/get-help-near-you/")
    except (subprocess.TimeoutExpired, OSError) as error:
        print(f"  (lighthouse: {error})", file=sys.stderr)
        return None
    finally:
        httpd.shutdown()


if __name__ == "__main__":
    raise SystemExit(main())
