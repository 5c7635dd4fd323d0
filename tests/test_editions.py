"""Leaflet editions (issue 12): the edition ID, the changelog in data/editions, "is this leaflet still
current?" (status and its page), the print pack ZIP, and the gate's rule for struck-out old numbers.

The change test works on a copy of data/ in a temporary folder: a phone number printed on one regional
edition is changed there, and the old edition's page must list the old and the new number, while another
region's edition still says "still current". No PDF is made here (the leaflet HTML is enough).
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from helpsite.leaflets import editions, pack
from helpsite.leaflets.errors import LeafletError
from helpsite.leaflets.model import Job
from helpsite.paths import DATA, OVERRIDES

PRINTED = "2026-11-19"


def _records(directory, lang: str) -> dict[str, editions.Record]:
    from helpsite.leaflets import render
    from helpsite.leaflets.content import edition_ids

    render.environment(lang)
    return {e: editions.make_record(lang, e, "a4", render.printed_views(Job(lang, "a4", e), directory), PRINTED)
            for e in edition_ids(directory)}


def _fresh(path: Path | None = None):
    from helpsite.contacts import load_directory
    from helpsite.leaflets import content

    content._VIEWS.clear()  # views are cached per contact object; a new directory has new objects
    return load_directory(path)


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """(old records, new directory, the changed region, an unchanged region, old number, new number, lang)."""
    lang = "th"
    before = _fresh()
    old = _records(before, lang)
    from helpsite.leaflets import render
    from helpsite.leaflets.content import edition_ids

    # A police number printed on exactly one regional edition (and on no national line).
    national = {c.id for c in render.printed_views(Job(lang, "a4", "national"), before)}
    counts: dict[str, list[str]] = {}
    for edition, record in old.items():
        for c in record.contacts:
            counts.setdefault(c.id, []).append(edition)
    text = (DATA / "contacts.yaml").read_text(encoding="utf-8")
    for cid, where in counts.items():
        numbers = next(c.numbers for c in old[where[0]].contacts if c.id == cid)
        if len(where) == 1 and cid not in national and len(numbers) == 1 and text.count(numbers[0]) == 1 \
                and numbers[0][-1].isdigit():
            break
    else:
        pytest.fail("no number printed on exactly one regional edition")
    region = where[0]
    number = numbers[0]
    new_number = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert text.count(new_number) == 0
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(DATA, data, dirs_exist_ok=True)
    (data / "contacts.yaml").write_text(text.replace(number, new_number), encoding="utf-8")
    after = _fresh(data)
    other = next(e for e in edition_ids(after) if e not in (region, "national"))
    return old, after, region, other, number, new_number, lang


def test_same_content_same_id_and_a_changed_number_a_new_one(changed):
    old, after, region, other, number, new_number, lang = changed
    now = _records(after, lang)
    assert now[other].id == old[other].id  # unchanged data -> the same edition
    assert now[region].id != old[region].id
    assert len(old[region].id) == editions.ID_LENGTH and old[region].id.isalnum()
    assert len({r.id for r in old.values()}) == len(old)  # every edition its own ID


def _page(record: editions.Record, directory) -> str:
    """The edition page's insert as the site renders it (overrides/partials/inserts/edition.html)."""
    from helpsite.web.inserts import prepare_environment

    env = prepare_environment(Environment(loader=FileSystemLoader(str(OVERRIDES))), record.lang)
    template = env.get_template("partials/inserts/edition.html")
    return template.render(
        arg=record.id, lang=record.lang, directory=directory, url=lambda target: "/" + target,
        edition_status=lambda _id: editions.status(record, directory), printed_on=editions.printed_on,
        card=lambda contact, heading="h3": Markup(" ".join(f'<a href="tel:{p.tel}">{p.number}</a>'
                                                          for p in contact.phones)),
    )


def test_old_edition_page_lists_the_changed_number_and_unchanged_says_current(changed):
    from helpsite.i18n import translations

    old, after, region, other, number, new_number, lang = changed
    _ = translations(lang).gettext
    status = editions.status(old[region], after)
    assert not status.current
    [change] = status.changes
    assert change.old_numbers == (number,) and change.new_numbers == (new_number,)
    html = _page(old[region], after)
    assert f"<del>{number}</del>" in html and new_number in html
    assert _("On the leaflet:") in html and _("Now:") in html
    assert _("This leaflet is still current: its numbers and hours are the same as today.") not in html
    assert editions.status(old[other], after).current
    same = _page(old[other], after)
    assert _("This leaflet is still current: its numbers and hours are the same as today.") in same
    assert "<del>" not in same


def test_changelog_is_written_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    contacts = (editions.PrintedContact("police-110", ("110",), ""),)
    record = editions.Record(editions.edition_id("th", "national", "a4", contacts), "th", "national", "a4",
                             PRINTED, contacts)
    assert editions.remember([record], tmp_path) == [tmp_path / "th" / f"{record.id}.json"]
    later = replace(record, printed="2027-01-01")
    assert editions.remember([later], tmp_path) == []  # the first print date stays
    assert editions.load_all(tmp_path) == [record]
    monkeypatch.setenv("CI", "true")
    other = replace(record, id="zzzzzzzz")
    with pytest.raises(LeafletError, match="make site"):
        editions.remember([other], tmp_path)
    (tmp_path / "th" / "zzzzzzzz.json").write_text(record.to_json(), encoding="utf-8")
    with pytest.raises(LeafletError, match="does not match"):
        editions.load_all(tmp_path)


def _pdf(width_mm: float, height_mm: float, pages: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=width_mm / 25.4 * 72, height=height_mm / 25.4 * 72)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_print_pack_is_deterministic_with_settings_in_two_languages(tmp_path):
    from helpsite.i18n import translations

    files = {"th/help-leaflet-th-national-a4.pdf": (_pdf(210, 297, 2), "a4", "national"),
             "th/wallet-card-th.pdf": (_pdf(85.6, 54, 2), "card", None),
             "th/poster-th-national-a3.pdf": (_pdf(297, 420, 1), "a3", "national")}
    entries = []
    for path, (data, fmt, edition) in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
        entries.append({"path": path, "lang": "th", "format": fmt, "edition": edition, "bytes": len(data),
                        "sha256": hashlib.sha256(data).hexdigest()})
    (tmp_path / "manifest.json").write_text(json.dumps({"schema": 1, "files": entries}), encoding="utf-8")
    first = pack.write_packs(tmp_path)["packs"]["th"]
    zip_path = tmp_path / first["path"]
    data = zip_path.read_bytes()
    assert first["sha256"] == hashlib.sha256(data).hexdigest() and first["bytes"] == len(data)
    zip_path.unlink()
    assert pack.write_packs(tmp_path)["packs"]["th"]["sha256"] == first["sha256"]
    assert zip_path.read_bytes() == data  # an unchanged rebuild gives the same bytes
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == sorted([Path(p).name for p in files] + [pack.README])
        assert {i.date_time for i in zf.infolist()} == {pack.FIXED_TIME}
        readme = zf.read(pack.README).decode("utf-8")
    th = translations("th").gettext
    settings = {f["path"]: (f["paper"], f["pages"]) for f in first["files"]}
    assert settings == {"th/help-leaflet-th-national-a4.pdf": ("A4", 2), "th/wallet-card-th.pdf": ("91.6 × 60 mm", 2),
                        "th/poster-th-national-a3.pdf": ("A3", 1)}  # a4 and card from pack.KNOWN, a3 measured
    for text in (th(pack.BOTH_SIDES), pack.BOTH_SIDES, th(pack.ONE_SIDE), pack.ONE_SIDE, th(pack.SCALE), pack.SCALE,
                 th(pack.PAPER) % {"paper": "A3"}, "Paper: 91.6 × 60 mm"):
        assert text in readme, text


def test_gate_allows_an_old_number_only_struck_out_and_only_if_an_edition_printed_it():
    from helpsite.contacts import load_directory
    from helpsite.gate import rules_for
    from helpsite.gate.html import check_html
    from helpsite.gate.numbers import e164

    rules = replace(rules_for(load_directory(), "https://example.org/"), retired=frozenset({e164("03-1111-2222")}))

    def hits(body: str) -> list[str]:
        page = f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"
        return [h.rule for h in check_html(page, "https://example.org/th/e/x/", rules) if h.rule == "phone-number"]

    assert hits("<p>On the leaflet: <del>03-1111-2222</del></p>") == []
    assert hits("<p>Call 03-1111-2222</p>") == ["phone-number"]          # not struck out
    assert hits("<p><del>03-9999-8888</del></p>") == ["phone-number"]    # no edition printed it
    checksum = hashlib.sha256(b"pack").hexdigest()
    assert hits(f'<p><code class="checksum">{checksum}</code></p>') == []
    assert hits(f'<p><code class="checksum">{checksum} 03-9999-8888</code></p>') == ["phone-number"]


# ----------------------------------------------------------------------------- the built site


def test_every_built_leaflet_has_its_edition_page(site_dir: Path):
    from helpsite.i18n import translations

    manifest = json.loads((site_dir / "leaflets" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]
    for entry in manifest["files"]:
        page = site_dir / editions.page_path(entry["lang"], entry["edition_id"]) / "index.html"
        assert page.is_file(), f"{entry['path']}: no edition page {page}"
        # Easy Japanese pages carry readings (<rt>) inside the words: compare the words without them
        text = re.sub(r"<rt>.*?</rt>|</?ruby>|</?span[^>]*>", "", page.read_text(encoding="utf-8"))
        _ = translations(entry["lang"]).gettext
        assert _("This leaflet is still current: its numbers and hours are the same as today.") in text, page
        assert entry["edition_id"] in text


def test_leaflets_page_offers_each_print_pack_with_its_checksum(site_dir: Path):
    packs = json.loads((site_dir / "leaflets" / pack.PACKS).read_text(encoding="utf-8"))["packs"]
    html = (site_dir / "th" / "leaflets" / "index.html").read_text(encoding="utf-8")
    assert packs
    for lang, p in packs.items():
        data = (site_dir / "leaflets" / p["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == p["sha256"] and f'<code class="checksum">{p["sha256"]}</code>' in html, lang
        assert f"leaflets/{p['path']}" in html
    assert pack.BOTH_SIDES in html  # the English settings beside the Thai ones


def test_machine_drafted_line_until_the_catalog_records_a_review(tmp_path):
    from helpsite.i18n import translations
    from helpsite.leaflets.render import render_html
    from helpsite.paths import LOCALES

    line = "Translation not yet reviewed by a native speaker."
    job = Job("th", "a4", "national")
    args = dict(epoch=1763510400, author="x", base_url="https://example.org/")
    # without the line-break opportunities the build puts into Thai (helpsite/leaflets/breaks.py)
    drafted = render_html(job, _fresh(), **args).html.replace("\u200b", "")
    assert line in drafted and translations("th").gettext(line) in drafted  # Thai and English
    assert line not in render_html(Job("en", "a4", "national"), _fresh(), **args).html
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    po = locales / "th" / "LC_MESSAGES" / "messages.po"
    po.write_text("# status: reviewed\n# reviewed_by: Somchai P.\n# reviewed_on: 2027-01-15\n"
                  + po.read_text(encoding="utf-8"), encoding="utf-8")
    reviewed = render_html(job, _fresh(), locales=locales, **args).html.replace("\u200b", "")
    assert line not in reviewed and translations("th").gettext(line) not in reviewed


def test_paper_prints_only_high_and_medium_numbers_and_marks_each_medium_phone():
    """Honest paper: a contact's low-confidence phone is left out, its medium one carries the '*' (per phone)."""
    import re

    from helpsite.leaflets import content
    from helpsite.leaflets.fake import FakeDirectory, Phone
    from helpsite.leaflets.render import render_html

    d = FakeDirectory()
    d.anon.phones[:] = [Phone("0000-000-011", "0000000011", "high"), Phone("0000-000-012", "0000000012", "medium"),
                        Phone("0000-000-013", "0000000013", "low")]
    content._VIEWS.clear()
    html = render_html(Job("en", "a4", "national"), d, epoch=1763510400, author="x",
                       base_url="https://example.org/").html
    mark = '<span class="mark" aria-hidden="true">*</span>'
    assert re.search(r">0000-000-011</a>", html)                        # high: printed, no mark
    assert re.search(r">0000-000-012" + re.escape(mark) + "</a>", html)  # medium: printed, marked
    assert "0000-000-013" not in html                                    # low: never printed
    content._VIEWS.clear()


def test_few_lines_in_the_readers_language_prints_fewer_numbers_larger():
    """Honest paper: a language few lines answer in gets those lines and the core ones (110, the anonymous
    line, #9110, immigration information), and the larger type (body class few-lines)."""
    from helpsite.leaflets import content
    from helpsite.leaflets.fake import FakeDirectory
    from helpsite.leaflets.render import render_html

    d = FakeDirectory()
    for c in d.contacts.values():
        c.languages = ["ja", "en"]
    for c, kind in ((d.emergency, "emergency"), (d.consult, "police-consultation"), (d.anon, "reporting"),
                    (d.info, "immigration-info")):
        c.kind = kind
    extra = d.old.__class__("th-line", {"en": "A line in Thai"}, [d.legal.phones[0].__class__("0000-000-021", "0000000021")],
                            languages=["th"])
    d.contacts[extra.id] = extra
    national = d.national
    d.national = lambda: [*national(), extra]
    args = dict(epoch=1763510400, author="x", base_url="https://example.org/")
    content._VIEWS.clear()
    assert content.few_lines(d, "th") and not content.few_lines(d, "en")
    th = render_html(Job("th", "a4", "national"), d, **args).html
    assert 'a4 few-lines"' in th
    for kept in (d.emergency, d.anon, d.consult, d.info, extra):
        assert kept.phones[0].number in th, kept.id
    assert d.legal.phones[0].number not in th  # Japanese and English only, not a core line
    content._VIEWS.clear()
    en = render_html(Job("en", "a4", "national"), d, **args).html
    assert 'few-lines' not in en and d.legal.phones[0].number in en
    content._VIEWS.clear()


def test_every_built_leaflet_prints_as_the_print_pack_says(site_dir: Path):
    """The pack tells printers 'A4, both sides' for every A4 leaflet: each must be one sheet (2 pages) of the
    paper pack.KNOWN names. (The edition footer once pushed the longest editions onto a third page.)"""
    import subprocess

    manifest = json.loads((site_dir / "leaflets" / "manifest.json").read_text(encoding="utf-8"))
    packs = json.loads((site_dir / "leaflets" / pack.PACKS).read_text(encoding="utf-8"))["packs"]
    stated = {f["path"]: (f["paper"], f["pages"]) for p in packs.values() for f in p["files"]}
    for entry in manifest["files"]:
        info = subprocess.run(["pdfinfo", str(site_dir / "leaflets" / entry["path"])], capture_output=True,
                              text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert stated[entry["path"]][1] == pages, f"{entry['path']}: {pages} pages, the pack says {stated[entry['path']]}"
        if entry["format"] in pack.KNOWN:
            assert (pack.KNOWN[entry["format"]].paper, pack.KNOWN[entry["format"]].pages) == stated[entry["path"]]
