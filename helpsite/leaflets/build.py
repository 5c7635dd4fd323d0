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


def _make(task: tuple[render.Rendered, str, str, str, str, str]) -> Outcome:
    """Worker: check catalogs and fonts, make the PDF, write it (temp + rename). Never raises for bad input."""
    r, out, input_hash, made, templates, locales = task
    start = time.perf_counter()
    try:
        render.check_catalogs(r, Path(locales))
        texts = render.check_fonts(r)
        pdf = render.render_pdf(r, Path(templates), texts)
        write_atomic(r.job.path(Path(out)), pdf)
    except LeafletError as exc:
        return Outcome(r.job, "failed", str(exc), seconds=time.perf_counter() - start)
    entry = {
        "path": r.job.relpath,
        "lang": r.job.lang,
        "edition": r.job.edition,
        "format": r.job.format,
        "title": r.title,
        "bytes": len(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "made": made,
        "input_hash": input_hash,
    }
    return Outcome(r.job, "built", entry=entry, seconds=time.perf_counter() - start)


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
) -> Report:
    """Make ``jobs`` into ``out``. Bad input fails that file only (see Report.failed)."""
    start = time.perf_counter()
    out = Path(out)
    report = Report()
    # Catalogs may have changed since an earlier build in this process: read them again.
    i18n.read_catalog.cache_clear()
    i18n.translations.cache_clear()
    render.environment.cache_clear()
    render.template_msgids.cache_clear()
    from helpsite.leaflets import content

    content._VIEWS.clear()  # the data may have changed too
    epoch = default_epoch(directory) if epoch is None else epoch
    made = render.made_date(epoch).date().isoformat()
    author = languages.site_config().get("site_name") or "helpsite"
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

    # Workers start while the HTML of the next files is still being made here (pipelined).
    n = workers or os.cpu_count() or 1
    pool: ProcessPoolExecutor | None = None
    futures = []
    try:
        for job in jobs:
            try:
                r = render.render_html(job, directory, epoch=epoch, author=author, base_url=base_url,
                                       templates=templates, locales=locales)
            except LeafletError as exc:
                tick(Outcome(job, "failed", str(exc)))
                continue
            input_hash = hashlib.sha256((static + "\0" + r.html).encode("utf-8")).hexdigest()
            prev = old.get(job.relpath)
            target = job.path(out)
            if (not force and prev and prev.get("input_hash") == input_hash and target.exists()
                    and target.stat().st_size == prev.get("bytes")):
                tick(Outcome(job, "skipped", entry=prev))
                continue
            task = (r, str(out), input_hash, made, str(templates), str(locales))
            if n <= 1:
                tick(_make(task))
                continue
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=n, initializer=_init_worker)
            futures.append(pool.submit(_make, task))
        for fut in as_completed(futures):
            tick(fut.result())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    for o in report.outcomes:
        if o.status in ("built", "skipped") and o.entry:
            old[o.job.relpath] = o.entry
    files = sorted(old.values(), key=lambda e: e["path"])
    files = [e for e in files if (out / e["path"]).exists()]
    manifest = {"schema": SCHEMA, "generator": "build_leaflets.py", "files": files}
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
