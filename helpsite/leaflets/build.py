"""Build a set of leaflets: skip what has not changed, make the rest in parallel, write the manifest.

Content hash: the hash of a file's rendered HTML (templates + catalog + contacts data + QR URL + date)
plus the CSS, the font files used and this package's code. If it equals the hash in manifest.json and
the file is there with the recorded size, the file is skipped.

Every PDF is written to a temporary file next to it and renamed when complete, so a failed build
leaves the previous leaflet in place; manifest.json is written the same way.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from helpsite import i18n, languages
from helpsite.leaflets import fonts, qr, render
from helpsite.leaflets.errors import LeafletError
from helpsite.leaflets.model import Job
from helpsite.lint.files import inside
from helpsite.paths import LEAFLETS, LOCALES

MANIFEST = "manifest.json"
SCHEMA = 1


@lru_cache(maxsize=None)
def code_version() -> str:
    """Hash of this package's source and the templates' CSS: a change in either rebuilds everything."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def static_inputs(templates: Path, langs: list[str]) -> str:
    h = hashlib.sha256()
    h.update(code_version().encode())
    for path in sorted(templates.glob("*.css")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update(fonts.fonts_fingerprint(sorted(set(langs) | {"ja", "en"})).encode())
    from importlib.metadata import version

    for dist in ("weasyprint", "pydyf", "segno"):
        h.update(f"{dist}={version(dist)}".encode())
    return h.hexdigest()


def default_epoch(directory: Any) -> int:
    """SOURCE_DATE_EPOCH if set, else midnight UTC of the newest 'checked' date in the contacts data.

    So the date printed in the PDF changes only when the data does, and the bytes are reproducible.
    """
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env:
        try:
            return int(env)
        except ValueError:
            raise LeafletError(f"SOURCE_DATE_EPOCH={env!r} is not a whole number of seconds") from None
    from helpsite.leaflets.content import newest_check

    contacts = getattr(directory, "contacts", None)
    contacts = list(contacts.values()) if isinstance(contacts, dict) else list(contacts or directory.national())
    day = newest_check([getattr(c, "checked", None) for c in contacts]) or dt.date(2026, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


@dataclass
class Outcome:
    job: Job
    status: str  # built | skipped | failed
    message: str = ""
    entry: dict[str, Any] | None = None
    seconds: float = 0.0


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def load_manifest(out: Path) -> dict[str, Any]:
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") == SCHEMA:
            return data
    except (OSError, ValueError):
        pass
    return {"schema": SCHEMA, "files": []}


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _entry(r: render.Rendered, pdf: bytes, input_hash: str, made: str) -> dict[str, Any]:
    return {
        "path": r.job.relpath,
        "lang": r.job.lang,
        "edition": r.job.edition,
        "format": r.job.format,
        "title": r.title,
        "bytes": len(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "made": made,
        "input_hash": input_hash,
        "edition_id": r.record.id if r.record else None,  # its "is this leaflet still current?" page
    }


def _make(task: tuple[list[tuple[render.Rendered, str]], str, str, str, str, dict[str, str]]) -> list[Outcome]:
    """Worker: check catalogs and fonts, make the PDFs of one batch (one language, one format), write each
    (temp + rename). Never raises for bad input: a file that fails is reported, the others are made."""
    items, out, made, templates, locales, texts = task
    start = time.perf_counter()
    outcomes: list[Outcome] = []
    good: list[tuple[render.Rendered, str]] = []
    for r, input_hash in items:
        try:
            render.check_catalogs(r, Path(locales))
            render.check_fonts(r)
        except LeafletError as exc:
            outcomes.append(Outcome(r.job, "failed", str(exc)))
            continue
        good.append((r, input_hash))
    try:
        pdfs = render.render_pdfs([r for r, _h in good], Path(templates), texts)
    except LeafletError:
        pdfs = None  # one file's problem: make them one by one to say which
    if pdfs is None:
        pdfs = []
        for r, _h in good:
            try:
                pdfs.append(render.render_pdf(r, Path(templates), texts))
            except LeafletError as exc:
                pdfs.append(exc)
    seconds = (time.perf_counter() - start) / max(1, len(good))  # per file, for the progress line
    for (r, input_hash), pdf in zip(good, pdfs):
        if isinstance(pdf, LeafletError):
            outcomes.append(Outcome(r.job, "failed", str(pdf), seconds=seconds))
            continue
        try:
            write_atomic(inside(r.job.path(Path(out)), Path(out)), pdf)
        except ValueError as exc:
            outcomes.append(Outcome(r.job, "failed", f"{r.job.relpath}: {exc}", seconds=seconds))
            continue
        except OSError as exc:
            outcomes.append(Outcome(r.job, "failed", f"{r.job.relpath}: cannot write ({exc})", seconds=seconds))
            continue
        outcomes.append(Outcome(r.job, "built", entry=_entry(r, pdf, input_hash, made), seconds=seconds))
    return outcomes


def _init_worker() -> None:
    import weasyprint  # noqa: F401 - load it while the main process is still making HTML


def build(
    jobs: list[Job],
    directory: Any,
    out: Path,
    *,
    workers: int = 0,
    force: bool = False,
    templates: Path = LEAFLETS,
    locales: Path = LOCALES,
    progress: Callable[[int, int, Outcome], None] | None = None,
    epoch: int | None = None,
    base_url: str | None = None,
    editions: Path | None = None,
) -> Report:
    """Make ``jobs`` into ``out``. Bad input fails that file only (see Report.failed).

    ``editions``: the changelog folder (data/editions) where each leaflet's edition is recorded; None
    records nothing (tests, previews)."""
    start = time.perf_counter()
    out = Path(out)
    report = Report()
    # Catalogs may have changed since an earlier build in this process: read them again.
    i18n.read_catalog.cache_clear()
    i18n.translations.cache_clear()
    render.environment.cache_clear()
    render.template_msgids.cache_clear()
    render._operator.cache_clear()
    from helpsite.leaflets import content

    content._VIEWS.clear()  # the data may have changed too
    epoch = default_epoch(directory) if epoch is None else epoch
    made = render.made_date(epoch).date().isoformat()
    author = languages.site_config().get("site_name") or "helpsite"
    if base_url is None:  # the public address from SITE_URL: refuse to print placeholder operator settings
        from helpsite import operator

        try:
            operator.check()
        except operator.OperatorError as exc:
            raise LeafletError(str(exc)) from None
    base_url = base_url or qr.site_url()
    manifest = load_manifest(out)
    old = {e["path"]: e for e in manifest["files"]}
    static = static_inputs(templates, languages.codes())  # the same for any selection of files

    total = len(jobs)
    done = 0

    def tick(o: Outcome) -> None:
        nonlocal done
        done += 1
        report.outcomes.append(o)
        if progress:
            progress(done, total, o)

    # The HTML of every file first (cheap, here), then the PDFs in batches of one language, in parallel:
    # the files of a language are laid out as one document (render.render_pdfs).
    # The fonts of a file are cut to the characters of its language's whole set (every format and
    # edition), whatever part of the set is built: so its bytes do not depend on the selection.
    from helpsite.leaflets.content import edition_ids
    from helpsite.leaflets.model import FORMATS, plan

    batches: dict[str, list[tuple[render.Rendered, str]]] = {}
    texts: dict[str, dict[str, str]] = {}
    font_hashes: dict[str, str] = {}
    wholes: dict[str, list[render.Rendered]] = {}
    old_fonts: dict[str, dict[str, str]] = manifest.get("fonts") or {}
    new_fonts: dict[str, dict[str, str]] = dict(old_fonts)

    made_html: dict[Job, render.Rendered | LeafletError] = {}

    def html(job: Job) -> render.Rendered:
        if job not in made_html:
            try:
                made_html[job] = render.render_html(job, directory, epoch=epoch, author=author, base_url=base_url,
                                                    templates=templates, locales=locales)
            except LeafletError as exc:
                made_html[job] = exc
        got = made_html[job]
        if isinstance(got, LeafletError):
            raise got
        return got

    for job in jobs:
        try:
            r = html(job)
        except LeafletError as exc:
            tick(Outcome(job, "failed", str(exc)))
            continue
        key = job.lang
        if key not in font_hashes:
            whole = []
            for other in plan([job.lang], edition_ids(directory), FORMATS):
                try:
                    whole.append(html(other))
                except LeafletError:
                    pass  # that file fails on its own; it adds no characters
            # The characters of the set, from its HTML: parsing 20 files takes a while, so the result is
            # kept in the manifest under the hash of that HTML and read back while the HTML is the same.
            set_hash = hashlib.sha256("\0".join([code_version()] + [r2.html for r2 in whole]).encode("utf-8")).hexdigest()
            known = old_fonts.get(key) or {}
            if known.get("html") != set_hash:
                texts[key] = render.font_text(whole)
                known = {"html": set_hash, "font_hash": hashlib.sha256(
                    json.dumps(texts[key], sort_keys=True).encode("utf-8")).hexdigest()}
            new_fonts[key] = known
            font_hashes[key] = known["font_hash"]
            wholes[key] = whole
        font_hash = font_hashes[key]
        input_hash = hashlib.sha256((static + "\0" + font_hash + "\0" + r.html).encode("utf-8")).hexdigest()
        prev = old.get(job.relpath)
        target = job.path(out)
        if (not force and prev and prev.get("input_hash") == input_hash and target.exists()
                and target.stat().st_size == prev.get("bytes")):
            tick(Outcome(job, "skipped", entry=prev))
            continue
        batches.setdefault(key, []).append((r, input_hash))

    for key in batches:
        if key not in texts:
            texts[key] = render.font_text(wholes[key])
    # Big batches first, so the two workers finish together.
    tasks = [(items, str(out), made, str(templates), str(locales), texts[key])
             for key, items in sorted(batches.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    n = min(workers or os.cpu_count() or 1, len(tasks))
    if n <= 1:
        for task in tasks:
            for o in _make(task):
                tick(o)
    else:
        with ProcessPoolExecutor(max_workers=n, initializer=_init_worker) as pool:
            for fut in as_completed([pool.submit(_make, t) for t in tasks]):
                for o in fut.result():
                    tick(o)

    for o in report.outcomes:
        if o.status in ("built", "skipped") and o.entry:
            old[o.job.relpath] = o.entry
    if editions is not None:  # every edition that is (still) on offer stays answerable
        from helpsite.leaflets.editions import remember

        remember([got.record for job, got in made_html.items() if isinstance(got, render.Rendered) and got.record
                  and job in {o.job for o in report.outcomes if o.status in ("built", "skipped")}], editions)
    # Files of editions or languages that no longer exist (a renamed region) go, with their entries:
    # otherwise the Leaflets page would keep offering them, with their old numbers.
    current = {j.relpath for j in plan(languages.codes(), edition_ids(directory), FORMATS)}
    for relpath in [p for p in old if p not in current]:
        stale = out / relpath
        if stale.resolve().is_relative_to(out.resolve()) and stale.is_file():
            stale.unlink()
        del old[relpath]
    files = sorted(old.values(), key=lambda e: e["path"])
    files = [e for e in files if (out / e["path"]).exists()]
    langs = {e["lang"] for e in files}
    manifest = {"schema": SCHEMA, "generator": "build_leaflets.py", "files": files,
                "fonts": {k: v for k, v in sorted(new_fonts.items()) if k in langs}}
    data = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    if not (out / MANIFEST).exists() or (out / MANIFEST).read_bytes() != data:
        write_atomic(out / MANIFEST, data)
    report.outcomes.sort(key=lambda o: o.job.relpath)
    report.seconds = time.perf_counter() - start
    return report


def print_progress(done: int, total: int, o: Outcome, stream=sys.stderr) -> None:
    width = len(str(total))
    extra = ""
    if o.status == "built" and o.entry:
        extra = f" {o.entry['bytes'] / 1024:.0f} KB {o.seconds:.2f}s"
    stream.write(f"[{done:>{width}}/{total}] {o.status:<7} {o.job.relpath}{extra}\n")
    if o.status == "failed":
        stream.write(f"    error: {o.message}\n")
    stream.flush()
