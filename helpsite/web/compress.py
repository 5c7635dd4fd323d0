"""Pre-compressed copies (.gz, .br) beside the text files, so a static server can send fewer bytes
to a slow phone without compressing on every request."""
from __future__ import annotations

import gzip
from pathlib import Path

import brotli

SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
MIN_BYTES = 512


def precompress(site: Path) -> int:
    count = 0
    for path in site.rglob("*"):
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        # mtime=0 keeps the .gz bytes reproducible
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
        count += 1
    return count
