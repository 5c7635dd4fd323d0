"""Pre-compressed copies (.gz) beside the text files, so a static server (nginx gzip_static, Netlify,
Cloudflare) can send fewer bytes to a slow phone without compressing on every request."""
from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
MIN_BYTES = 512


def gzipped(data: bytes) -> bytes:
    """The bytes a server sends for data: level 9, and mtime=0 so that the same input gives the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def _compress(path: Path) -> None:
    # zlib releases the GIL, so threads use both cores
    path.with_name(path.name + ".gz").write_bytes(gzipped(path.read_bytes()))


def precompress(site: Path) -> int:
    paths = [p for p in site.rglob("*") if p.suffix in SUFFIXES and p.is_file() and p.stat().st_size >= MIN_BYTES]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(_compress, paths))
    return len(paths)
