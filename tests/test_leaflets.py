"""The leaflets and wallet cards, checked on real PDFs (pypdf, pdftotext, pdffonts, pdftoppm + zbarimg).

Read from the set `make site` built (site/leaflets, the files that ship): one A4 leaflet per language (the
editions rotate, so every edition is covered once) and every wallet card. The rebuild and reproducibility
tests build a few files of their own in a temporary folder. No timing here: see scripts/bench_leaflets.py.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from pathlib import Path

import pypdf
import pytest

from helpsite import languages
from helpsite.leaflets import fonts
from helpsite.leaflets import Job, plan, qr
from helpsite.leaflets import render
from helpsite.leaflets.build import build, default_epoch
from helpsite.leaflets.render import environment
from helpsite.web.furigana import without_readings
from tests.pdftext import reading_text

# One xdist worker builds the set once (make test runs pytest -n 2 --dist loadgroup).
pytestmark = pytest.mark.xdist_group(name="leaflets")

LANGS = languages.codes()
A4_PT = (595.28, 841.89)
CARD_PT = (85.6 / 25.4 * 72, 54 / 25.4 * 72)
A4_LIMIT = 250 * 1024
CARD_LIMIT = 150 * 1024
EPOCH = int(dt.datetime(2026, 11, 19, tzinfo=dt.timezone.utc).timestamp())


def tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def a4_jobs(editions) -> list[Job]:
    return [Job(lang, "a4", editions[i % len(editions)]) for i, lang in enumerate(LANGS)]


@pytest.fixture(scope="session")
def built(site_dir: Path) -> Path:
    """The leaflets of the site's build (read only)."""
    return site_dir / "leaflets"


def _(lang: str, msgid: str) -> str:
    return environment(lang).leaflet_gettext(msgid)


def pdf_text(path: Path) -> str:
    return tool("pdftotext", str(path), "-")


def squeeze(text: str) -> str:
    """Text without white space (a line may break anywhere in CJK and Thai). Thai is compared as it is:
    the PDF's text layer reads ำ right (helpsite/leaflets/textlayer.py)."""
    return "".join(text.split())


def both(lang: str, jobs) -> list[Job]:
    return [j for j in jobs if j.lang == lang]


@pytest.mark.parametrize("lang", LANGS)
def test_page_sizes_title_language(built, a4_jobs, lang):
    out = built
    for job in both(lang, a4_jobs) + [Job(lang, "card", None)]:
        reader = pypdf.PdfReader(job.path(out))
        want = A4_PT if job.format == "a4" else CARD_PT
        assert len(reader.pages) == 2, f"{job}: {len(reader.pages)} pages (a leaflet is one sheet, two sides)"
        for page in reader.pages:
            # the trimmed size: the single card has a 3 mm bleed with crop marks around it (for print shops)
            w, h = float(page.trimbox.width), float(page.trimbox.height)
            assert abs(w - want[0]) < 1 and abs(h - want[1]) < 1, f"{job}: page {w}x{h} pt"
            bleed = (float(page.mediabox.width) - w) / 2
            assert abs(bleed - (3 * 72 / 25.4 if job.format == "card" else 0)) < 0.5, f"{job}: bleed {bleed} pt"
        meta = reader.metadata
        assert meta.title and _(lang, "Help for victims of human trafficking" if job.format == "a4" else "Help in Japan") in meta.title
        assert meta.author
        lang_tag = str(reader.trailer["/Root"].get("/Lang"))
        assert lang_tag.split("-")[0] in (languages.data_language(lang), "fil"), f"{job}: /Lang is {lang_tag}"
        assert "/StructTreeRoot" in reader.trailer["/Root"], f"{job}: not tagged"
        assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


@pytest.mark.parametrize("lang", LANGS)
def test_key_strings_and_officer_panel_as_text(built, a4_jobs, directory, lang):
    out = built
    other = "en" if lang == "ja" else lang
    for job in both(lang, a4_jobs) + [Job(lang, "card", None)]:
        # poppler may put Thai marks on lines of their own; pypdf keeps them in order. Either must have it.
        # Urdu: poppler's plain text reverses its words, and pypdf reads its shared Nastaliq glyphs as other
        # letters; poppler's word boxes in reading order (tests/pdftext.py) read it right.
        reader_text = "".join(p.extract_text() for p in pypdf.PdfReader(job.path(out)).pages)
        text = "\n".join(squeeze(t) for t in (pdf_text(job.path(out)), reader_text, reading_text(job.path(out))))
        assert "\ufffd" not in text
        if languages.get(lang).furigana:  # Easy Japanese: the text without the readings in brackets
            assert "人身取引（じんしんとりひき）" in text, f"{job}: no readings after the kanji"
            text = without_readings(text)
        wanted = [
            _("ja", "I may be a victim of human trafficking."),
            _("ja", "Please help me. Please call an interpreter."),
            _(other, "I may be a victim of human trafficking."),
        ]
        if job.format == "a4":
            wanted += [
                _(lang, "Calls to 110 and to numbers that start with 0120 are free. Other numbers cost money to call."),
                _(lang, "You can get help even without a passport or visa."),
                _(lang, "Victims of trafficking can be given special permission to stay in Japan. Some deportation rules do not apply to them."),
                _(lang, "In danger now? Call 110."),
            ]
        wanted += [directory.emergency.phones[0].number]
        if lang == "ja":
            # The holder reads Japanese: the officer gets a blank to fill in, never "English".
            wanted += [_("ja", "My language: %(language)s") % {"language": "＿＿＿＿＿語"}]
            assert squeeze("私が話す言語：英語") not in text, f"{job}: the Japanese edition says the holder speaks English"
        # issue 12: the edition's ID and its "still current?" address, and the machine-drafted line in the
        # reader's language and in English (every catalog is a machine draft today)
        entry = next(e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
                     if e["path"] == job.relpath)
        wanted += [entry["edition_id"], f"/{lang}/e/{entry['edition_id']}/"]
        if lang != "en":
            wanted += [_(lang, "Translation not yet reviewed by a native speaker."),
                       "Translation not yet reviewed by a native speaker."]
        else:
            assert squeeze("Translation not yet reviewed by a native speaker.") not in text, job
        for s in wanted:
            assert squeeze(s) in text, f"{job}: {s!r} not found in the PDF text"


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_embedded_and_subset(built, a4_jobs, lang):
    out = built
    for job in both(lang, a4_jobs) + [Job(lang, "card", None)]:
        rows = tool("pdffonts", str(job.path(out))).splitlines()[2:]
        assert rows, f"{job}: no fonts"
        for row in rows:
            cols = row.split()
            name = cols[0]
            emb, sub = cols[-5], cols[-4]
            assert emb == "yes" and sub == "yes", f"{job}: font {name} embedded={emb} subset={sub}"
            assert "Noto" in name, f"{job}: unexpected font {name}"
        names = " ".join(r.split()[0] for r in rows)
        for family in fonts.stack(lang):  # the language's own script font (from CLDR / mkdocs.yml) is used
            assert family.replace(" ", "-") in names, f"{job}: {family} missing from {names}"
        assert "CJK-JP" in names  # the officer panel


def qr_urls(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    png = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-png", "-r", "200", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(png)],
                   check=True)
    res = subprocess.run(["zbarimg", "--quiet", "--raw", f"{png}.png"], capture_output=True, text=True)
    return res.stdout.split()


@pytest.mark.parametrize("lang", LANGS)
def test_qr_code_decodes_to_language_home(built, a4_jobs, lang, tmp_path):
    out = built
    url = qr.help_url(lang)
    assert url.endswith(f"/{lang}/") and qr.site_url().endswith("/")
    for job in both(lang, a4_jobs) + [Job(lang, "card", None)]:
        assert qr_urls(job.path(out), 1, tmp_path) == [url], job


def test_size_limits_and_manifest(built, directory, a4_jobs):
    out = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["path"]: e for e in manifest["files"]}
    made = render.made_date(default_epoch(directory)).date().isoformat()  # the date of the newest data check
    for job in a4_jobs + plan(LANGS, [], ["card"]):
        path = job.path(out)
        size = path.stat().st_size
        assert size < (A4_LIMIT if job.format == "a4" else CARD_LIMIT), f"{job}: {size} bytes"
        e = entries[job.relpath]
        assert (e["lang"], e["format"], e["edition"]) == (job.lang, job.format, job.edition)
        assert e["bytes"] == size and e["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert e["made"] == made
    # every PDF of the set is in the manifest, and every manifest entry is a PDF of the set
    assert {p.relative_to(out).as_posix() for p in out.glob("*/*.pdf")} == set(entries)


def test_no_change_rebuild_skips_and_same_input_same_bytes(directory, a4_jobs, tmp_path):
    out = tmp_path / "first"
    jobs = a4_jobs[:2]
    first = build(jobs, directory, out, workers=1, epoch=EPOCH)
    assert [o.status for o in first.outcomes] == ["built", "built"]
    assert [e["made"] for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]] == ["2026-11-19"] * 2
    again = build(jobs, directory, out, workers=1, epoch=EPOCH)
    assert [o.status for o in again.outcomes] == ["skipped", "skipped"]
    # A forced rebuild somewhere else gives the same bytes.
    fresh = build(jobs, directory, tmp_path / "again", workers=1, epoch=EPOCH, force=True)
    assert [o.status for o in fresh.outcomes] == ["built", "built"]
    for job in jobs:
        assert job.path(tmp_path / "again").read_bytes() == job.path(out).read_bytes(), f"{job}: not reproducible"


def test_no_leftover_temp_files(built):
    out = built
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_same_bytes_alone_or_with_the_whole_language(directory, editions, tmp_path):
    """The A4 editions of a language are laid out together (shared front side) and their fonts are cut to
    the whole language's set: a leaflet built alone, in a batch, or in another order has the same bytes."""
    lang = "ko"
    pick = [editions[-1], editions[0]]
    whole = build(plan([lang], list(reversed(editions)), ["a4"]), directory, tmp_path / "whole", workers=1, epoch=EPOCH)
    assert not whole.failed and whole.count("built") == len(editions)
    for edition in pick:
        job = Job(lang, "a4", edition)
        alone = build([job], directory, tmp_path / edition, workers=1, epoch=EPOCH)
        assert alone.count("built") == 1
        assert job.path(tmp_path / edition).read_bytes() == job.path(tmp_path / "whole").read_bytes(), job


def test_print_pack_knows_the_paper_of_each_product(built, a4_jobs):
    """The print pack states the paper and sides of a4 and card files without opening them: check that
    table against the PDFs themselves (helpsite/leaflets/pack.py)."""
    from helpsite.leaflets import pack

    out = built
    for job in a4_jobs[:2] + plan(LANGS[:1], [], ["card"]):
        assert pack.settings_of(job.path(out).read_bytes(), job.relpath) == pack.KNOWN[job.format], job
