"""One-off (issue 11): move the names in languages other than en/ja out of data/*.yaml into
locales/<lang>/names.yaml (format: locales/names-template.yaml). Text edits only, so the comments and
the layout of data/*.yaml stay as they are. Kept for the record; running it again changes nothing.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KEEP = ("en", "ja")


def scalar(value: str) -> str:
    """A YAML value that reads back as exactly `value`: plain where safe, else double-quoted."""
    plain_ok = (not re.search(r"[:#'\"{}\[\],&*!|>%@`]", value) and value == value.strip()
                and yaml.safe_load(f"k: {value}")["k"] == value)
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


def main() -> int:
    data = ROOT / "data"
    prefs = yaml.safe_load((data / "prefectures.yaml").read_text(encoding="utf-8"))
    regions = yaml.safe_load((data / "regions.yaml").read_text(encoding="utf-8"))
    contacts = yaml.safe_load((data / "contacts.yaml").read_text(encoding="utf-8"))["contacts"]
    langs = sorted({k for p in prefs["prefectures"] for k in p["names"]} - set(KEEP))
    for lang in langs:
        out = ["# Names of prefectures, regions and contacts in this language (issue 11).",
               "# Format and every key: locales/names-template.yaml. Comments on their own line only.",
               "# machine-drafted: not yet reviewed by a native speaker (reviewed: true once one has)",
               "reviewed: false", "# key = slug in data/prefectures.yaml", "prefectures:"]
        for p in prefs["prefectures"]:
            out += [f"  # ja: {p['names']['ja']}", f"  {p['slug']}: {scalar(p['names'][lang])}"]
        out += ["# key = id in data/regions.yaml", "regions:"]
        for r in regions["regions"]:
            out += [f"  # ja: {r['names']['ja']}", f"  {r['id']}: {scalar(r['names'][lang])}"]
        out += ["# key = id in data/contacts.yaml", "contacts:"]
        for c in contacts:
            if lang in (c.get("names") or {}):
                out += [f"  # ja: {c.get('name_ja') or c['name_en']}", f"  {c['id']}: {scalar(c['names'][lang])}"]
        target = ROOT / "locales" / lang / "names.yaml"
        target.write_text("\n".join(out) + "\n", encoding="utf-8")
        print("wrote", target.relative_to(ROOT))

    # prefectures.yaml / regions.yaml: one flow mapping per line -> keep en and ja
    for name in ("prefectures.yaml", "regions.yaml"):
        path = data / name
        lines = path.read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"^(\s*names: )(\{.*\})\s*$", line)
            if m:
                names = yaml.safe_load(m.group(2))
                lines[i] = m.group(1) + "{" + ", ".join(f"{k}: {scalar(names[k])}" for k in KEEP) + "}"
        path.write_text("\n".join(lines), encoding="utf-8")
    # contacts.yaml: drop each `names:` block (the key line and the deeper-indented lines under it)
    path = data / "contacts.yaml"
    out_lines, skip_indent = [], None
    for line in path.read_text(encoding="utf-8").split("\n"):
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None:
            if line.strip() and indent > skip_indent:
                continue
            skip_indent = None
        if re.match(r"^\s+names:\s*$", line):
            skip_indent = indent
            continue
        out_lines.append(line)
    path.write_text("\n".join(out_lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
