"""Pre-compressed copies (.gz) beside the text files, so a static server (nginx gzip_static, Netlify,
Cloudflare) can send fewer bytes to a slow phone without compressing on every request."""
from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
MIN_BYTES = 512


def _compress(path: Path) -> None:
    data = path.read_bytes()
    # mtime=0 keeps the bytes reproducible; zlib releases the GIL, so threads use both cores
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def precompress(site: Path) -> int:
    paths = [p for p in site.rglob("*") if p.suffix in SUFFIXES and p.is_file() and p.stat().st_size >= MIN_BYTES]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(_compress, paths))
    return len(paths)
