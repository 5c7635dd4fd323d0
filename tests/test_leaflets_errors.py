"""Bad input stops the file concerned with a clear message, and leaves the leaflet built before in place."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

import build_leaflets
from helpsite.leaflets import Job
from helpsite.leaflets.build import build
from helpsite.leaflets.fake import FakeDirectory, Phone, _c
from helpsite.paths import LOCALES

pytestmark = pytest.mark.xdist_group(name="leaflets-errors")

EPOCH = 1795132800
JOB = Job("th", "a4", "kinki")


@pytest.fixture()
def locales(tmp_path) -> Path:
    """A copy of the catalogs, to break (never the real ones). The .mo files are compiled on demand."""
    dest = tmp_path / "locales"
    shutil.copytree(LOCALES, dest, ignore=shutil.ignore_patterns("*.mo"))
    return dest


@pytest.fixture()
def good(tmp_path, locales):
    """One leaflet built from placeholder data; returns (out, bytes before)."""
    out = tmp_path / "out"
    report = build([JOB], FakeDirectory(), out, workers=1, epoch=EPOCH, locales=locales)
    assert not report.failed, report.failed[0].message
    return out, JOB.path(out).read_bytes()


def untouched(out: Path, before: bytes) -> None:
    assert JOB.path(out).read_bytes() == before
    assert not list(out.rglob("*.tmp"))


def test_missing_translation_names_file_line_and_msgid(good, locales):
    out, before = good
    po = locales / "th" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh)
    catalog["Victims of trafficking can be given special permission to stay in Japan. Some deportation rules do not apply to them."].string = ""
    with po.open("wb") as fh:
        write_po(fh, catalog)
    report = build([JOB], FakeDirectory(), out, workers=1, epoch=EPOCH, locales=locales)
    [failed] = report.failed
    assert "Victims of trafficking can be given special permission to stay in Japan. Some deportation rules do not apply to them." in failed.message
    assert "messages.po:" in failed.message and "untranslated" in failed.message
    untouched(out, before)


def test_national_contact_without_number(good, locales):
    out, before = good
    d = FakeDirectory()
    d.anon.phones.clear()
    report = build([JOB], d, out, workers=1, epoch=EPOCH, locales=locales)
    [failed] = report.failed
    assert "anonymous-line" in failed.message and "no phone number" in failed.message
    untouched(out, before)


def test_low_confidence_never_printed_and_fallbacks_said(tmp_path, locales):
    import subprocess

    d = FakeDirectory()
    out = tmp_path / "o"
    job = Job("en", "a4", "shikoku")  # the placeholder Shikoku bureau has no number
    report = build([job], d, out, workers=1, epoch=EPOCH, locales=locales)
    assert not report.failed
    text = subprocess.run(["pdftotext", str(job.path(out)), "-"], capture_output=True, text=True).stdout
    assert d.old.phones[0].number not in text  # low confidence
    assert "No checked number yet" in text and d.info.phones[0].number in text


def test_tofu_names_the_character(good, locales):
    out, before = good
    d = FakeDirectory()
    d.anon.names["th"] = "สาย \u0915 line"  # Devanagari KA: no font in the Thai stack has it
    report = build([JOB], d, out, workers=1, epoch=EPOCH, locales=locales)
    [failed] = report.failed
    assert "U+0915" in failed.message and "'th'" in failed.message and JOB.relpath in failed.message
    untouched(out, before)


def test_wrong_emergency_number_in_translation(good, locales):
    out, before = good
    d = FakeDirectory()
    d.emergency.phones[:] = [Phone("119", "119")]
    report = build([JOB], d, out, workers=1, epoch=EPOCH, locales=locales)
    [failed] = report.failed
    assert "119" in failed.message
    untouched(out, before)


def test_unknown_edition_in_the_api(good, locales):
    out, before = good
    report = build([Job("th", "a4", "atlantis")], FakeDirectory(), out, workers=1, epoch=EPOCH, locales=locales)
    [failed] = report.failed
    assert "unknown edition 'atlantis'" in failed.message and "kinki" in failed.message


@pytest.mark.parametrize(
    "args, words",
    [
        (["--lang", "xx"], ["unknown language 'xx'", "th"]),
        (["--edition", "atlantis"], ["unknown edition 'atlantis'", "kinki"]),
        (["--format", "a3"], ["unknown format 'a3'", "a4"]),
    ],
)
def test_cli_bad_input(args, words, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LEAFLETS_FAKE_DATA", "1")
    code = build_leaflets.main([*args, "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    for w in words:
        assert w in err
    assert not list(tmp_path.iterdir())
