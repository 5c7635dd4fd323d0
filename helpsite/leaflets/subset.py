"""Pre-subset the Noto faces for one document with HarfBuzz (libharfbuzz-subset), before WeasyPrint.

Why: WeasyPrint subsets with HarfBuzz but keeps every glyph id up to the highest one used (RETAIN_GIDS).
In the 65,000-glyph CJK collection that leaves tens of thousands of empty glyph slots (charstrings,
metrics) in each embedded face: 100-160 KB per face, far over the size budget. Giving WeasyPrint a
small font that holds only the characters of the document (with their layout closure) makes its
glyph ids small, so the embedded subsets are a few KB. It is fast (native HarfBuzz, no fontTools).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import unicodedata
from functools import lru_cache
from pathlib import Path

from helpsite.leaflets.errors import LeafletError

# Characters the layout adds that are not in the text: list bullets, hyphen, ellipsis.
EXTRA = "\u2022\u2010-\u2026 "


@lru_cache(maxsize=1)
def _hb():
    name = ctypes.util.find_library("harfbuzz-subset") or "libharfbuzz-subset.so.0"
    try:
        sub = ctypes.CDLL(name)
        hb = ctypes.CDLL(ctypes.util.find_library("harfbuzz") or "libharfbuzz.so.0")
    except OSError as exc:
        raise LeafletError(
            f"libharfbuzz-subset is not installed ({exc}). Install the Debian package 'libharfbuzz-subset0' "
            f"(scripts/system-packages.txt, make setup)."
        ) from exc
    vp = ctypes.c_void_p
    hb.hb_blob_create_from_file_or_fail.restype = vp
    hb.hb_blob_create_from_file_or_fail.argtypes = [ctypes.c_char_p]
    hb.hb_face_create.restype = vp
    hb.hb_face_create.argtypes = [vp, ctypes.c_uint]
    hb.hb_face_reference_blob.restype = vp
    hb.hb_face_reference_blob.argtypes = [vp]
    hb.hb_blob_get_data.restype = ctypes.POINTER(ctypes.c_char)
    hb.hb_blob_get_data.argtypes = [vp, ctypes.POINTER(ctypes.c_uint)]
    hb.hb_set_add.argtypes = [vp, ctypes.c_uint32]
    for fn in ("hb_blob_destroy", "hb_face_destroy"):
        getattr(hb, fn).argtypes = [vp]
    sub.hb_subset_input_create_or_fail.restype = vp
    sub.hb_subset_input_unicode_set.restype = vp
    sub.hb_subset_input_unicode_set.argtypes = [vp]
    sub.hb_subset_input_set_flags.argtypes = [vp, ctypes.c_uint]
    sub.hb_subset_input_destroy.argtypes = [vp]
    sub.hb_subset_or_fail.restype = vp
    sub.hb_subset_or_fail.argtypes = [vp, vp]
    return hb, sub


@lru_cache(maxsize=16)
def _face(file: str, index: int):
    hb, _ = _hb()
    blob = hb.hb_blob_create_from_file_or_fail(file.encode())
    if not blob:
        raise LeafletError(f"cannot read font file {file}")
    face = hb.hb_face_create(blob, index)
    hb.hb_blob_destroy(blob)
    return face


HB_SUBSET_FLAGS_NO_HINTING = 0x1
HB_SUBSET_FLAGS_DESUBROUTINIZE = 0x4


def subset_bytes(file: str, index: int, text: str) -> bytes:
    hb, sub = _hb()
    face = _face(file, index)
    inp = sub.hb_subset_input_create_or_fail()
    try:
        uset = sub.hb_subset_input_unicode_set(inp)
        # Shaping may decompose a character (Thai SARA AM -> NIKHAHIT + SARA AA): keep the parts too.
        full = text + EXTRA + unicodedata.normalize("NFD", text) + unicodedata.normalize("NFKD", text)
        for cp in sorted({ord(c) for c in full}):
            hb.hb_set_add(uset, cp)
        sub.hb_subset_input_set_flags(inp, HB_SUBSET_FLAGS_NO_HINTING)
        new = sub.hb_subset_or_fail(face, inp)
        if not new:
            raise LeafletError(f"HarfBuzz could not subset {file} (face {index})")
        blob = hb.hb_face_reference_blob(new)
        length = ctypes.c_uint()
        data = hb.hb_blob_get_data(blob, ctypes.byref(length))
        out = ctypes.string_at(data, length.value)
        hb.hb_blob_destroy(blob)
        hb.hb_face_destroy(new)
        return out
    finally:
        sub.hb_subset_input_destroy(inp)


def subset_file(file: str, index: int, text: str, cache: Path) -> Path:
    """A cached file with the subset (same input, same file), written atomically."""
    key = hashlib.sha256(f"{file}|{index}|{os.stat(file).st_size}|".encode() + "".join(sorted(set(text))).encode()).hexdigest()[:24]
    suffix = ".otf" if file.endswith((".otf", ".ttc")) else ".ttf"
    path = cache / f"{Path(file).stem}-{index}-{key}{suffix}"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(subset_bytes(file, index, text))
        os.replace(tmp, path)
    return path
