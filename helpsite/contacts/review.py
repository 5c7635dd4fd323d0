"""A second pair of eyes on contact changes.

A trafficker who wants victims to call his "helpline" needs one merged pull request. So:
- `confidence: high` needs a source on an official domain (data/official-domains.yaml); otherwise it is
  lowered to medium, and a national line claiming high without one stops the build;
- against the Git base (the merge base with main, or $HELPSITE_REVIEW_BASE), a changed number or web
  address must come with a changed `checked` date, and a new or changed national line needs a
  high-confidence official source;
- `python -m helpsite.contacts.review --summary` prints every changed number and source, old and new
  (the pull-request workflow puts it in the job summary).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

DOMAINS_FILE = "official-domains.yaml"
ENV_BASE = "HELPSITE_REVIEW_BASE"


# --------------------------------------------------------------------------- official domains
@dataclass(frozen=True)
class OfficialDomains:
    suffixes: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    def official(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        if not host or urlsplit(url).scheme != "https" and urlsplit(url).scheme != "http":
            return False
        if any(host == s or host.endswith("." + s) for s in self.suffixes):
            return True
        return any(p.search(host) for p in self.patterns)


def load_domains(data_dir: Path) -> OfficialDomains:
    from helpsite.contacts.loader import DataError, read_yaml

    from helpsite.paths import DATA

    path = data_dir / DOMAINS_FILE
    if not path.exists():  # a data folder made for a test or a tool: the project's list
        path = DATA / DOMAINS_FILE
    data, _lines = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("suffixes"), list):
        raise DataError(f"{path}:1: the file must have 'suffixes:', a list of domains. Fix: see its comments", path, 1)
    suffixes = [str(s).lower() for s in data.get("suffixes") or []]
    suffixes += [str(o.get("domain", "")).lower() for o in data.get("organisations") or [] if isinstance(o, dict)]
    patterns = []
    for text in data.get("patterns") or []:
        body = re.escape(str(text).lower()).replace(re.escape("<name>"), "[a-z]+")
        patterns.append(re.compile(rf"(?:^|\.){body}$"))
    return OfficialDomains(tuple(s for s in suffixes if s), tuple(patterns))


# --------------------------------------------------------------------------- rules on the loaded data
def apply(loaded: Any, data_dir: Path) -> list[str]:
    """Lower unsupported 'high' ratings, refuse a national line that claims high without an official
    source, and compare with the Git base. Returns notices (what was lowered); raises DataError."""
    from helpsite.contacts.loader import DataError

    domains = load_domains(data_dir)
    notices: list[str] = []
    for contact in loaded.contacts.contacts:
        file, line = loaded.locations[contact.id]
        official = [s for s in contact.sources if domains.official(s)]
        if contact.confidence == "high" and not official:
            if contact.national:
                raise DataError(
                    f"{file}:{line}: contact '{contact.id}': a national line (shown on every page and leaflet) says "
                    f"confidence: high, but none of its sources is on an official domain ({', '.join(_hosts(contact.sources))}). "
                    f"Fix: add the official page (go.jp, lg.jp, … see data/{DOMAINS_FILE}) to its sources, or lower its confidence",
                    Path(file), line)
            notices.append(f"{file}:{line}: contact '{contact.id}': confidence lowered from high to medium: no source on an "
                           f"official domain ({', '.join(_hosts(contact.sources))})")
            contact.confidence = "medium"
            for phone in contact.phones:
                if phone.confidence == "high" and not (phone.source and domains.official(phone.source)):
                    phone.confidence = "medium"
        for phone in contact.phones:
            if phone.confidence == "high" and phone.source and not domains.official(phone.source) and not official:
                phone.confidence = "medium"
    base = _base_ref(data_dir)
    if base:
        _compare(loaded, data_dir, base, domains)
    return notices


def _hosts(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urlsplit(u).hostname or u for u in urls))


# --------------------------------------------------------------------------- Git
def _git(data_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=data_dir, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _base_ref(data_dir: Path) -> str | None:
    """$HELPSITE_REVIEW_BASE, else the merge base with main (origin/main in CI), else HEAD; None outside Git."""
    if _git(data_dir, "rev-parse", "--is-inside-work-tree") is None:
        return None
    wanted = os.environ.get(ENV_BASE)
    if wanted:
        return wanted
    for branch in ("origin/main", "main"):
        base = _git(data_dir, "merge-base", "HEAD", branch)
        if base:
            return base.strip()
    return "HEAD" if _git(data_dir, "rev-parse", "--verify", "-q", "HEAD") else None


def _old_contacts(data_dir: Path, base: str) -> dict[str, dict[str, Any]] | None:
    top = _git(data_dir, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    rel = (data_dir.resolve() / "contacts.yaml").relative_to(Path(top.strip()).resolve()).as_posix()
    text = _git(data_dir, "show", f"{base}:{rel}")
    if text is None:
        return None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loader
    except yaml.YAMLError:
        return None
    return {str(c.get("id")): c for c in (data or {}).get("contacts", []) if isinstance(c, dict)}


def _digits(number: Any) -> str:
    return re.sub(r"[^\d#]", "", str(number))


def _facts(raw: dict[str, Any]) -> dict[str, list[str]]:
    return {
        "numbers": sorted(_digits(p.get("number")) for p in raw.get("phones") or [] if isinstance(p, dict)),
        "addresses": sorted(str(raw.get(k)) for k in ("url", "web_form_url") if raw.get(k)),
        "sources": sorted(str(s) for s in raw.get("sources") or []),
    }


@dataclass(frozen=True)
class Change:
    contact_id: str
    field: str
    old: list[str]
    new: list[str]
    checked_old: str
    checked_new: str


def changes(loaded: Any, data_dir: Path, base: str) -> list[Change]:
    old = _old_contacts(data_dir, base)
    if old is None:
        return []
    out = []
    for contact in loaded.contacts.contacts:
        raw = contact.model_dump(mode="python", by_alias=True)
        now = _facts(raw)
        was = _facts(old[contact.id]) if contact.id in old else {k: [] for k in now}
        checked_old = str(old[contact.id].get("checked", "")) if contact.id in old else ""
        for field in now:
            if now[field] != was[field]:
                out.append(Change(contact.id, field, was[field], now[field], checked_old, str(contact.checked)))
    return out


def _compare(loaded: Any, data_dir: Path, base: str, domains: OfficialDomains) -> None:
    from helpsite.contacts.loader import DataError

    by_id = {c.id: c for c in loaded.contacts.contacts}
    for change in changes(loaded, data_dir, base):
        contact = by_id[change.contact_id]
        file, line = loaded.locations[contact.id]
        is_new = not change.checked_old
        if change.field in ("numbers", "addresses") and not is_new and change.checked_old == change.checked_new:
            raise DataError(
                f"{file}:{line}: contact '{contact.id}': its {'phone numbers' if change.field == 'numbers' else 'web addresses'} "
                f"changed ({', '.join(change.old) or 'none'} -> {', '.join(change.new) or 'none'}) but 'checked' is still "
                f"{change.checked_old}. Fix: compare the entry with its source and set 'checked' to that day; "
                f"add the page you read it on to 'sources'", Path(file), line)
        if contact.national and not any(domains.official(s) for s in contact.sources):
            raise DataError(
                f"{file}:{line}: contact '{contact.id}': a {'new' if is_new else 'changed'} national line needs a "
                f"high-confidence source on an official domain (data/{DOMAINS_FILE}); its sources are on "
                f"{', '.join(_hosts(contact.sources))}. Fix: add the official page, or take it off the national list",
                Path(file), line)


# --------------------------------------------------------------------------- the job summary
def summary(data_dir: Path, base: str) -> str:
    from helpsite.contacts.loader import load_files

    loaded = load_files(data_dir)
    rows = changes(loaded, data_dir, base)
    if not rows:
        return f"### Contacts\n\nNo phone number, web address or source changed since `{base[:12]}`.\n"
    out = [f"### Contacts changed since `{base[:12]}`: check each against its source", "",
           "| contact | what | old | new | checked (old -> new) |", "| --- | --- | --- | --- | --- |"]
    for c in rows:
        cell = lambda items: "<br>".join(f"`{i}`" for i in items) or "(none)"  # noqa: E731
        out.append(f"| `{c.contact_id}` | {c.field} | {cell(c.old)} | {cell(c.new)} | "
                   f"{c.checked_old or '(new)'} -> {c.checked_new} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    from helpsite.contacts.loader import DataError
    from helpsite.paths import DATA

    parser = argparse.ArgumentParser(prog="python -m helpsite.contacts.review", description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="Git revision to compare with (default: merge base with main)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--summary", action="store_true", help="print the changes as a Markdown table")
    args = parser.parse_args(argv)
    if args.base:
        os.environ[ENV_BASE] = args.base
    base = _base_ref(args.data)
    try:
        text = summary(args.data, base) if base else "### Contacts\n\nNot a Git checkout: nothing to compare.\n"
    except DataError as exc:
        print(f"### Contacts: the data is refused\n\n```\n{exc}\n```")
        return 1
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
