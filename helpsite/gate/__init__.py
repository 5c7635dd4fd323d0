"""The output gate: the built site and leaflets are checked before they replace site/.

    python -m helpsite.gate [SITE_DIR]

The Markdown lint (helpsite.lint) gives fast feedback on the source; this gate judges what a browser
and a PDF reader would actually get, so markup that slips past the lint (tags split over lines,
entities, HTML in titles or catalogs, numbers in other scripts) is still refused. Each problem names
the source file (the Markdown page, the .po file or data/…) and the line where it can.
"""
from __future__ import annotations

import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from helpsite.gate import numbers, sources
from helpsite.gate.findings import Problem
from helpsite.gate.html import Rules, check_html
from helpsite.paths import OVERRIDES, ROOT

__all__ = ["Problem", "Rules", "rules_for", "check_site", "check_page", "main"]


def rules_for(directory: Any, site_url: str) -> Rules:
    """What the contacts data allows, and the site's own scripts and policy."""
    import ada_url

    from helpsite import operator
    from helpsite.web import csp

    site_url = site_url if site_url.endswith("/") else site_url + "/"
    base = ada_url.URL(site_url)
    phones = [p for c in directory.contacts for p in c.phones]
    return Rules(
        origin=f"{base.protocol}//{base.host}",
        site_url=site_url,
        tel_hrefs=frozenset(f"tel:{p.tel}" for p in phones),  # the contacts package's own tel: code
        # Every number of the data: call lines, and the FAX and other channels (shown, never dialled).
        numbers=frozenset(numbers.e164(n) for n in [*(p.number for p in phones),
                                                    *(ch.number for c in directory.contacts for ch in c.channels if ch.number)]),
        # The reviewed data's addresses, and the operator's "report a wrong number" link (mkdocs.yml).
        data_links=frozenset([*_addresses(directory.to_json()), operator.load().report_href]),
        scripts=frozenset(ada_url.URL(f"assets/{p.name}", site_url).href for p in (OVERRIDES / "assets").glob("*.js")),
        policy=csp.policy(meta=True),
        retired=_retired_numbers(),
    )


def _retired_numbers() -> frozenset[str]:
    """The numbers of every recorded leaflet edition (an edition page shows a changed one struck out)."""
    from helpsite.leaflets.editions import load_all, retired_numbers

    return frozenset(numbers.e164(n) for n in retired_numbers(load_all()))


def _addresses(value: Any) -> list[str]:
    """Every web address in the contacts data (sources, sites, forms): links the reviewed data makes."""
    if isinstance(value, dict):
        return [a for v in value.values() for a in _addresses(v)]
    if isinstance(value, list):
        return [a for v in value for a in _addresses(v)]
    return [value] if isinstance(value, str) and value.startswith(("http://", "https://")) else []


def check_page(text: str, rel: str, rules: Rules, root: Path = ROOT) -> list[Problem]:
    import ada_url

    page_url = ada_url.URL(rel, rules.site_url).href
    problems = []
    for hit in check_html(text, page_url, rules):
        where = sources.locate(root, sources.page_candidates(root, rel), list(hit.needles), hit.digits)
        problems.append(Problem(rel, where, hit.rule, hit.what, hit.fix))
    return problems


def check_leaflet(data: bytes, rel: str, rules: Rules, root: Path = ROOT) -> list[Problem]:
    from helpsite.gate.pdf import check_pdf

    problems = []
    for hit in check_pdf(data, rules):
        where = sources.locate(root, sources.leaflet_candidates(root, rel), list(hit.needles), hit.digits)
        problems.append(Problem(f"leaflets/{rel}", where, hit.rule, hit.what, hit.fix))
    return problems


def _check_file(task: tuple[str, str, Rules, str]) -> list[Problem]:
    site, rel, rules, root = task
    path = Path(site) / rel
    if rel.startswith("leaflets/"):
        return check_leaflet(path.read_bytes(), rel.removeprefix("leaflets/"), rules, Path(root))
    return check_page(path.read_text(encoding="utf-8", errors="replace"), rel, rules, Path(root))


def check_site(site: Path, rules: Rules, root: Path = ROOT, cache: Path | None = None, workers: int = 0) -> list[Problem]:
    """Every HTML and SVG file and every leaflet PDF under ``site``. PDFs already passed with the same
    rules are remembered in ``cache`` by their hash (most leaflets do not change between builds)."""
    problems: list[Problem] = []
    rels: list[str] = []
    key = hashlib.sha256(repr(sorted(rules.tel_hrefs) + sorted(rules.numbers) + [rules.site_url]).encode()).hexdigest()
    stamps: dict[str, Path] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_symlink():
            problems.append(Problem(rel, "(build)", "symlink", "a symbolic link in the built site",
                                    "Remove the link from docs/ (the lint names it)."))
        elif path.suffix in (".html", ".htm", ".svg", ".xhtml", ".xml") and path.is_file():
            rels.append(rel)
        elif path.suffix == ".pdf" and rel.startswith("leaflets/"):
            if cache is not None:
                stamp = cache / f"{hashlib.sha256(path.read_bytes()).hexdigest()}-{key[:16]}.ok"
                if stamp.exists():
                    continue
                stamps[rel] = stamp
            rels.append(rel)
    problems += _precache_budget(site)
    tasks = [(str(site), rel, rules, str(root)) for rel in rels]
    workers = workers or min(2, os.cpu_count() or 1)
    if workers > 1 and len(tasks) > 50:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_check_file, tasks, chunksize=16))
    else:
        results = [_check_file(t) for t in tasks]
    for rel, found in zip(rels, results):
        problems += found
        if not found and rel in stamps:
            stamps[rel].parent.mkdir(parents=True, exist_ok=True)
            stamps[rel].touch()
    return problems


def _precache_budget(site: Path) -> list[Problem]:
    """What the service worker saves on a first visit (<lang>/offline.json) stays within the budget."""
    import json

    from helpsite.web.outputs import CORE_PAGES_FOR_OFFLINE, PRECACHE_BUDGET

    problems = []
    for listing in sorted(site.glob(f"*/{CORE_PAGES_FOR_OFFLINE}")):
        sizes = {}
        for rel in json.loads(listing.read_text(encoding="utf-8")):
            path = site / rel / "index.html" if rel.endswith("/") else site / rel
            sizes[rel] = path.stat().st_size if path.is_file() else 0
        total = sum(sizes.values())
        if total > PRECACHE_BUDGET:
            biggest = max(sizes, key=sizes.get)
            lang = listing.parent.name
            problems.append(Problem(listing.relative_to(site).as_posix(), f"docs/{lang}/", "precache-budget",
                                    f"the pages saved for offline use weigh {total // 1024} KB, more than the "
                                    f"{PRECACHE_BUDGET // 1024} KB budget (largest: {biggest}, {sizes[biggest] // 1024} KB)",
                                    "Make that page smaller (split it), or raise PRECACHE_BUDGET in helpsite/web/outputs.py."))
    return problems


def main(argv: list[str] | None = None) -> int:
    from helpsite.contacts import load_directory
    from helpsite.leaflets.qr import site_url

    args = argv if argv is not None else sys.argv[1:]
    site = Path(args[0]) if args else ROOT / "site"
    problems = check_site(site.resolve(), rules_for(load_directory(), site_url()))
    for problem in problems:
        print(problem)
    print(f"gate: {len(problems)} problem(s) in {site}", file=sys.stderr)
    return 1 if problems else 0
