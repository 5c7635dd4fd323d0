"""Load data/contacts.yaml, regions.yaml and prefectures.yaml, keeping line numbers, and validate them.

Any problem stops loading with ONE message that names the file, the line, the entry and the fix:

    data/contacts.yaml:214: contact 'iom-japan': phone '03-3595-248' is not a valid Japanese number
    (phonenumbers). Fix: copy the number exactly from the source, with its area code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from helpsite.contacts.dial import digits
from helpsite.contacts.model import (
    ContactsFile,
    Prefecture,
    PrefecturesFile,
    Region,
    RegionsFile,
    numbering_plan_cost,
)

FILES = {"contacts": "contacts.yaml", "regions": "regions.yaml", "prefectures": "prefectures.yaml"}

# Contacts the site cannot do without (the fallbacks of every prefecture page).
EMERGENCY_ID = "police-110"
CONSULTATION_ID = "police-9110"
IMMIGRATION_FALLBACK_ID = "isa-information-centre"


class DataError(Exception):
    """Bad contacts data. str() is one line: file:line: entry: what is wrong. Fix: what to do."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None):
        super().__init__(message)
        self.path, self.line = path, line


# --------------------------------------------------------------------------- YAML with line numbers
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when present: 4x faster
    """Safe loader that keeps every scalar as text except true/false/null.

    Numbers like 0120 or 01 must not turn into integers, and dates are parsed by the model.
    """


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Lines = dict[tuple[Any, ...], int]


def _display(path: Path) -> str:
    try:
        from helpsite.paths import ROOT

        return str(path.resolve().relative_to(ROOT))
    except (ValueError, ImportError):
        return str(path)


def read_yaml(path: Path) -> tuple[Any, Lines]:
    """Parse a YAML file into plain data plus {path-in-data: 1-based line}."""
    from helpsite.lint.files import LIMITS
    from helpsite.lint.yamlcheck import first_anchor

    if path.is_symlink():
        raise DataError(f"{_display(path)}:1: a symbolic link. Fix: make it a real file", path, 1)
    try:
        size = path.stat().st_size
        if size > LIMITS[".yaml"]:
            raise DataError(f"{_display(path)}:1: the file is {size // 1024} KB, more than the "
                            f"{LIMITS['.yaml'] // 1024} KB limit. Fix: split it or remove what is not data", path, 1)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{_display(path)}: file not found. Fix: create it (see HACKING.md, data/)", path) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataError(f"{_display(path)}:{line}: not UTF-8 text ({exc.reason}). Fix: save it as UTF-8", path, line) from None
    try:
        anchor = first_anchor(text)
    except yaml.YAMLError:
        anchor = None  # a syntax error: compose() below reports it with its line
    if anchor is not None:
        raise DataError(f"{_display(path)}:{anchor + 1}: YAML anchors and aliases (& and *) are not allowed. "
                        "Fix: write each value out in full", path, anchor + 1)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise DataError(
            f"{_display(path)}:{line}: YAML syntax error: {exc.problem}. "
            "Fix: check the indentation and quote values that contain ': ' or '#'",
            path,
            line,
        ) from None
    lines: Lines = {}
    loader = _Loader("")
    if node is not None:
        _no_cut_values(node, text.splitlines(), path)
    data = _build(node, (), lines, loader, path) if node is not None else None
    return data, lines


def _no_cut_values(node: yaml.Node, text_lines: list[str], path: Path) -> None:
    """Stop at an unquoted value followed by ' #': YAML reads the rest of the line as a comment, so the
    value is silently cut short (labels once reached /contacts.json as 'when' or '(same as')."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, yaml.MappingNode):
            stack.extend(v for pair in item.value for v in pair)
        elif isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
        elif isinstance(item, yaml.ScalarNode) and not item.style and item.end_mark.line < len(text_lines):
            rest = text_lines[item.end_mark.line][item.end_mark.column:]
            if item.start_mark.line == item.end_mark.line and rest.lstrip().startswith("#") and rest[:1].isspace():
                line = item.end_mark.line + 1
                cut = rest.strip()
                raise DataError(
                    f"{_display(path)}:{line}: the value '{item.value}' is followed by '{cut}', which YAML drops as "
                    f"a comment, so the value is cut short. Fix: put the whole value in double quotes, e.g. "
                    f"\"{item.value} {cut}\"",
                    path,
                    line,
                )


def _build(node: yaml.Node, where: tuple[Any, ...], lines: Lines, loader: _Loader, path: Path) -> Any:
    lines[where] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if key in result:
                line = key_node.start_mark.line + 1
                raise DataError(
                    f"{_display(path)}:{line}: key '{key}' appears twice in the same entry. Fix: keep only one", path, line
                )
            result[key] = _build(value_node, where + (key,), lines, loader, path)
            lines[where + (key, "__key__")] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, where + (i,), lines, loader, path) for i, item in enumerate(node.value)]
    return loader.construct_object(node)


# --------------------------------------------------------------------------- errors -> messages
_FIELD_HINTS = {
    "sources": "add 'sources:' with the URL of each page the facts come from",
    "checked": "add 'checked: YYYY-MM' (the month you compared the entry with its sources)",
    "confidence": "add 'confidence: high', 'medium' or 'low', as the research rates the source",
    "id": "add a unique 'id', lower-case words joined by dashes",
    "name_en": "add 'name_en' with the English name",
    "kind": "add 'kind', e.g. immigration-bureau, police, ngo",
    "number": "add 'number' copied from the source",
    "names": "add 'names' with the name in every site language",
    "region_id": "add 'region_id', one of the ids in data/regions.yaml",
    "bureau_id": "add 'bureau_id', the id of the bureau's contact in data/contacts.yaml",
    "times": "add 'times', e.g. [\"09:00-17:00\"]",
}


def _entry_label(kind: str, data: Any, loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data, dict):
        items = data.get(loc[0]) or []
        if loc[1] < len(items) and isinstance(items[loc[1]], dict):
            item = items[loc[1]]
            ident = item.get("id") or item.get("code") or item.get("number")
            singular = {"contacts": "contact", "closed": "closed entry", "rejected": "rejected number",
                        "regions": "region", "prefectures": "prefecture"}.get(loc[0], str(loc[0]))
            return f"{singular} '{ident}'" if ident else f"{singular} #{loc[1] + 1}"
    return kind


def _line_for(loc: tuple[Any, ...], lines: Lines, key: bool = False) -> int:
    loc = tuple(loc)
    if key and loc + ("__key__",) in lines:
        return lines[loc + ("__key__",)]
    while loc and loc not in lines:
        loc = loc[:-1]
    return lines.get(loc, 1)


def _describe(error: dict[str, Any]) -> str:
    loc = [p for p in error["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))]
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    kind, msg = error["type"], error["msg"]
    where = ".".join(str(p) for p in loc[2:]) or name
    if kind == "value_error":
        text = msg.removeprefix("Value error, ")
        return text if loc[2:] == [] else f"{where}: {text}"
    if kind == "missing":
        return f"'{name}' is missing. Fix: {_FIELD_HINTS.get(name, f'add {name!r}')}"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'. Fix: check its spelling against helpsite/contacts/model.py, or remove it"
    if kind == "literal_error":
        return f"{where} is {error.get('input')!r}: {msg.lower()}. Fix: use one of the values listed"
    if kind == "too_short":
        return f"'{name}' is empty. Fix: {_FIELD_HINTS.get(name, 'add at least one item')}"
    return f"{where}: {msg} (got {error.get('input')!r}). Fix: correct the value"


def _validate(model: type[BaseModel], data: Any, path: Path, lines: Lines, today: date) -> Any:
    try:
        return model.model_validate(data, context={"today": today})
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        line = _line_for(loc, lines, key=first["type"] in ("extra_forbidden",))
        label = _entry_label(path.stem, data, loc)
        more = f" ({len(errors) - 1} more problem(s) after this one)" if len(errors) > 1 else ""
        raise DataError(f"{_display(path)}:{line}: {label}: {_describe(first)}{more}", path, line) from None


def _fail(path: Path, lines: Lines, loc: tuple[Any, ...], label: str, text: str) -> DataError:
    line = _line_for(loc, lines)
    return DataError(f"{_display(path)}:{line}: {label}: {text}", path, line)


# --------------------------------------------------------------------------- the whole directory
@dataclass
class Loaded:
    contacts: ContactsFile
    regions: list[Region]
    prefectures: list[Prefecture]
    names_reviewed: bool  # the English/Japanese names in data/*.yaml
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)  # contact id -> (file, line)
    notices: list[str] = field(default_factory=list)  # what helpsite.contacts.review lowered
    names_reviewed_by_lang: dict[str, bool] = field(default_factory=dict)  # locales/<lang>/names.yaml 'reviewed'


def _names_only_en_ja(items: list[Any], path: Path, lines: Lines, top: str, what: str, key: str) -> None:
    """data/*.yaml name things in English and Japanese only; other languages live in locales/<lang>/names.yaml."""
    from helpsite.contacts.names import IN_DATA

    for i, item in enumerate(items):
        extra = [lang for lang in item.names if lang not in IN_DATA]
        missing = [lang for lang in IN_DATA if top != "contacts" and lang not in item.names]
        if extra:
            raise _fail(path, lines, (top, i, "names"), f"{what} '{getattr(item, key)}'",
                        f"a name in {', '.join(extra)} in the data. Fix: move it to "
                        f"locales/{extra[0]}/names.yaml under '{top}:' (data/ keeps the English and Japanese names)")
        if missing:
            raise _fail(path, lines, (top, i, "names"), f"{what} '{getattr(item, key)}'",
                        f"no {', '.join(missing)} name. Fix: add it to 'names:' ({{en: ..., ja: ...}})")


def load_files(data_dir: Path, today: date | None = None, names_source: Any = "auto") -> Loaded:
    """names_source: a helpsite.contacts.names.NamesSource, None (English and Japanese only) or "auto"
    (the project around data_dir: its mkdocs.yml languages and locales/)."""
    from helpsite.contacts import names

    today = today or date.today()
    c_path, r_path, p_path = (data_dir / FILES[k] for k in ("contacts", "regions", "prefectures"))
    c_data, c_lines = read_yaml(c_path)
    r_data, r_lines = read_yaml(r_path)
    p_data, p_lines = read_yaml(p_path)
    for path, data, top in ((c_path, c_data, "contacts"), (r_path, r_data, "regions"), (p_path, p_data, "prefectures")):
        if not isinstance(data, dict) or top not in data:
            raise DataError(f"{_display(path)}:1: the file must start with '{top}:' and a list of entries. "
                            f"Fix: see the other files in data/ for the layout", path, 1)

    contacts: ContactsFile = _validate(ContactsFile, c_data, c_path, c_lines, today)
    regions: RegionsFile = _validate(RegionsFile, r_data, r_path, r_lines, today)
    prefs: PrefecturesFile = _validate(PrefecturesFile, p_data, p_path, p_lines, today)

    # ---- unique ids
    def unique(items: list[Any], attr: str, path: Path, lines: Lines, top: str, what: str) -> dict[str, int]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            value = getattr(item, attr)
            if value in seen:
                first_line = _line_for((top, seen[value]), lines)
                raise _fail(path, lines, (top, i, attr), f"{what} '{value}'",
                            f"duplicate {attr} (first used on line {first_line}). Fix: give each entry its own {attr}")
            seen[value] = i
        return seen

    _names_only_en_ja(contacts.contacts, c_path, c_lines, "contacts", "contact", "id")
    _names_only_en_ja(regions.regions, r_path, r_lines, "regions", "region", "id")
    _names_only_en_ja(prefs.prefectures, p_path, p_lines, "prefectures", "prefecture", "code")
    contact_index = unique(contacts.contacts, "id", c_path, c_lines, "contacts", "contact")
    region_index = unique(regions.regions, "id", r_path, r_lines, "regions", "region")
    from helpsite.lint.files import check_slug

    for i, region in enumerate(regions.regions):
        try:
            check_slug(region.id, "region id")  # it names a leaflet file and a folder
        except ValueError as exc:
            raise _fail(r_path, r_lines, ("regions", i, "id"), f"region '{region.id}'", str(exc)) from None
    pref_index = unique(prefs.prefectures, "code", p_path, p_lines, "prefectures", "prefecture")
    unique(prefs.prefectures, "slug", p_path, p_lines, "prefectures", "prefecture")
    codes = {p.code for p in prefs.prefectures}
    region_ids = ", ".join(sorted(region_index))

    # ---- prefectures -> regions
    for i, pref in enumerate(prefs.prefectures):
        if pref.region_id not in region_index:
            raise _fail(p_path, p_lines, ("prefectures", i, "region_id"), f"prefecture '{pref.code}'",
                        f"unknown region '{pref.region_id}'. Fix: use one of {region_ids} (data/regions.yaml)")
        region = regions.regions[region_index[pref.region_id]]
        region.prefecture_codes.append(pref.code)
        if pref.region_confidence is None:
            pref.region_confidence = region.confidence
        pref.region_sources = list(dict.fromkeys(region.sources + pref.region_sources))

    # ---- regions -> bureaus
    for i, region in enumerate(regions.regions):
        if region.bureau_id not in contact_index:
            raise _fail(r_path, r_lines, ("regions", i, "bureau_id"), f"region '{region.id}'",
                        f"unknown bureau contact '{region.bureau_id}'. Fix: use the id of an immigration-bureau "
                        "entry in data/contacts.yaml")
        bureau = contacts.contacts[contact_index[region.bureau_id]]
        if bureau.kind != "immigration-bureau":
            raise _fail(r_path, r_lines, ("regions", i, "bureau_id"), f"region '{region.id}'",
                        f"'{region.bureau_id}' is a {bureau.kind} contact, not an immigration-bureau. "
                        "Fix: point bureau_id at the Regional Immigration Services Bureau")

    # ---- contacts: areas covered
    for i, contact in enumerate(contacts.contacts):
        label = f"contact '{contact.id}'"
        for j, code in enumerate(contact.prefectures):
            if code not in codes:
                raise _fail(c_path, c_lines, ("contacts", i, "prefectures", j), label,
                            f"unknown prefecture '{code}'. Fix: use a JIS code \"01\"..\"47\" from data/prefectures.yaml")
        for k, channel in enumerate(contact.channels):
            for code in channel.prefectures:
                if code not in codes:
                    raise _fail(c_path, c_lines, ("contacts", i, "channels", k, "prefectures"), label,
                                f"channel: unknown prefecture '{code}'. Fix: use a JIS code \"01\"..\"47\"")
        for j, phone in enumerate(contact.phones):
            for times in phone.language_times:
                for code in times.prefectures:
                    if code not in codes:
                        raise _fail(c_path, c_lines, ("contacts", i, "phones", j, "language_times"), label,
                                    f"language_times: unknown prefecture '{code}'. Fix: use a JIS code \"01\"..\"47\"")
        if contact.region_id is not None and contact.region_id not in region_index:
            raise _fail(c_path, c_lines, ("contacts", i, "region_id"), label,
                        f"unknown region '{contact.region_id}'. Fix: use one of {region_ids} (data/regions.yaml)")

    # ---- closed services stay out; rejected numbers stay off
    for i, closed in enumerate(contacts.closed):
        if closed.id in contact_index:
            idx = contact_index[closed.id]
            raise _fail(c_path, c_lines, ("contacts", idx, "id"), f"contact '{closed.id}'",
                        f"this service is listed under 'closed:' ({closed.reason}). Fix: remove the contact entry")
    digits = lambda s: "".join(ch for ch in s if ch.isdigit() or ch == "#")  # noqa: E731
    for rejected in contacts.rejected:
        for i, contact in enumerate(contacts.contacts):
            if rejected.contact_id not in (None, contact.id):
                continue
            for j, phone in enumerate(contact.phones):
                if digits(phone.number) == digits(rejected.number):
                    raise _fail(c_path, c_lines, ("contacts", i, "phones", j, "number"), f"contact '{contact.id}'",
                                f"phone '{phone.number}' is on the 'rejected:' list: {rejected.reason}. "
                                "Fix: remove it; leave the phone empty if no sourced number is known")

    # ---- the fallbacks every page relies on
    for needed, kind in ((EMERGENCY_ID, "emergency"), (CONSULTATION_ID, "police-consultation"),
                         (IMMIGRATION_FALLBACK_ID, "immigration-info")):
        if needed not in contact_index or contacts.contacts[contact_index[needed]].kind != kind:
            raise DataError(f"{_display(c_path)}:1: contact '{needed}' ({kind}) is missing. Fix: every prefecture "
                            "page falls back to it; restore the entry", c_path, 1)

    # ---- what a caller needs to know: every phone has languages and a cost (issue 10)
    for i, contact in enumerate(contacts.contacts):
        label = f"contact '{contact.id}'"
        for j, phone in enumerate(contact.phones):
            if phone.languages is None:
                raise _fail(c_path, c_lines, ("contacts", i, "phones", j, "number"), label,
                            f"phone '{phone.number}' has no languages. Fix: add 'languages: [ja, en, ...]' to the "
                            "phone or the contact, as the source says, or 'languages: unknown' when no source says")
            if phone.cost is None:
                raise _fail(c_path, c_lines, ("contacts", i, "phones", j, "number"), label,
                            f"phone '{phone.number}' has no cost. Fix: add 'cost: free', 'cost: caller-pays' or "
                            "'cost: unknown' to the phone or the contact, as its source says")
            plan = numbering_plan_cost(phone.number)
            if plan is not None and phone.cost not in (plan, "unknown"):
                raise _fail(c_path, c_lines, ("contacts", i, "phones", j, "number"), label,
                            f"phone '{phone.number}' says cost: {phone.cost}, but Japan's numbering plan makes it "
                            f"{plan}. Fix: write 'cost: {plan}' (or 'unknown'), or check the number")

    # ---- one number, one organisation: a number sourced to one organisation must not sit under another
    owners: dict[str, tuple[int, int]] = {}
    for i, contact in enumerate(contacts.contacts):
        numbers = [(j, p.number) for j, p in enumerate(contact.phones)]
        numbers += [(None, ch.number) for ch in contact.channels if ch.number]
        for j, number in numbers:
            key = digits(number)
            if key.startswith("#") or len(key) <= 4:
                continue  # short codes route by the caller's place: several local entries may list them
            if key in owners and owners[key][0] != i:
                first = contacts.contacts[owners[key][0]]
                first_line = _line_for(("contacts", owners[key][0], "phones", owners[key][1]), c_lines)
                loc = ("contacts", i, "phones", j, "number") if j is not None else ("contacts", i, "channels")
                raise _fail(c_path, c_lines, loc, f"contact '{contact.id}'",
                            f"number '{number}' is also listed under '{first.id}' (line {first_line}). A number "
                            "belongs to the one organisation its source names. Fix: keep it only under that "
                            "organisation; if the source really names both, say so in 'notes' and ask a reviewer")
            owners.setdefault(key, (i, j if j is not None else 0))

    locations = {c.id: (_display(c_path), _line_for(("contacts", i), c_lines)) for i, c in enumerate(contacts.contacts)}
    _ = pref_index
    loaded = Loaded(contacts, regions.regions, prefs.prefectures, prefs.names_reviewed, locations)
    source = names.source_for(data_dir) if names_source == "auto" else names_source
    loaded.names_reviewed_by_lang = names.apply(source, contacts.contacts, regions.regions, prefs.prefectures)
    from helpsite.contacts import review  # official sources and changes since the Git base

    loaded.notices = review.apply(loaded, data_dir)
    return loaded
