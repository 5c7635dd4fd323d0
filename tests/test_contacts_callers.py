"""Issue 10: what a caller needs to know about each number, tel: links that dial, and the checks that
stop bad contacts data (file, line, fix). Data-level tests: no built site needed."""
from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from helpsite.contacts import DataError, load_directory
from helpsite.contacts.dial import digits, tel_href
from helpsite.contacts.model import COSTS
from helpsite.contacts.vocabulary import PHONE_LABELS
from helpsite.paths import DATA

FIXTURES = Path(__file__).parent / "fixtures" / "contacts"
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def d():
    return load_directory()


# ---------------------------------------------------------------- every phone: languages, cost, source
def test_every_phone_has_languages_cost_and_a_source(d):
    phones = [(c, p) for c in d.contacts for p in c.phones]
    assert len(phones) >= 85
    for c, p in phones:
        where = f"{c.id} {p.number}"
        assert p.languages == "unknown" or (isinstance(p.languages, list) and p.languages), where
        assert p.cost in COSTS, where
        assert p.sources and all(s.startswith(("http://", "https://")) for s in p.sources), where


def test_facts_carry_their_own_source(d):
    arl = d.get("anonymous-reporting-line")
    phone = arl.phones[0]
    assert phone.anonymous.value is True and phone.anonymous.source.startswith("https://hytnetserv.com/")
    assert [a.what for a in phone.after_contact] == ["receipt-number"]
    form = next(ch for ch in arl.channels if ch.kind == "web-form")
    assert form.always_open and form.languages == "any" and form.url.endswith("tok.user.Report")
    # 110: Japanese; English only where a source says so (Tokyo), never for all of Japan
    call_110 = d.emergency.phones[0]
    assert call_110.languages == ["ja"]
    english = [t for t in call_110.language_times if "en" in t.languages]
    assert {tuple(t.prefectures) for t in english} == {("13",), ("37",)}
    # costs the research states: #9110 caller pays; 0570 not from IP phones; Houterasu not from prepaid
    assert d.get("police-9110").phones[0].cost == "caller-pays"
    assert d.get("isa-information-centre").phones[0].not_from == ["ip-phone", "phs", "abroad"]
    assert "prepaid-mobile" in d.get("houterasu-multilingual").phones[0].not_from
    # what no source says stays unknown
    assert d.get("onestop-8891").phones[0].cost == "unknown"
    assert d.get("bureau-tokyo").phones[0].languages == "unknown"


def test_silent_channels_are_first_class(d):
    kinds = {(c.id, ch.kind) for c, ch in d.channels()}
    assert ("anonymous-reporting-line", "web-form") in kinds
    assert ("police-110", "app") in kinds
    assert ("dv-soudan-plus", "chat") in kinds and ("dv-soudan-plus", "email") in kinds
    hokkaido_fax = [ch.number for c, ch in d.channels("01") if ch.kind == "fax"]
    assert "011-241-1110" in hokkaido_fax and len(hokkaido_fax) == 5
    assert "011-241-1110" not in [ch.number for c, ch in d.channels("13") if ch.kind == "fax"]


# ---------------------------------------------------------------- each number is what its source says
def test_sapporo_sections_are_not_call_numbers(d):
    sapporo = d.get("bureau-sapporo")
    assert [p.number for p in sapporo.call_phones] == ["011-261-7502"]
    enforcement = next(p for p in sapporo.phones if p.number == "011-261-1270")
    assert enforcement.role == "section" and enforcement.label == "enforcement section (警備部門)"
    assert "011-261-1270" not in [p.number for p in sapporo.printable_phones]


def test_aomori_identification_section_is_not_the_headquarters(d):
    help_ = d.for_prefecture("aomori")
    assert not help_.police_has_phone
    phone = help_.police.phones[0]
    assert phone.number == "017-723-4211" and phone.role == "section" and "Identification Section" in phone.label


@pytest.mark.parametrize("slug,number", [("aichi", "052-953-9110"), ("akita", "018-864-9110"), ("chiba", "043-227-9110")])
def test_consultation_lines_are_shown_as_consultation_lines(d, slug, number):
    help_ = d.for_prefecture(slug)
    assert help_.police is None or not help_.police.phones  # the HQ has no number of its own
    line = help_.police_consultation
    assert line.kind == "police-consultation" and not line.national
    assert [p.number for p in line.phones] == ["#9110", number]  # the code, with the direct number beside it


# ---------------------------------------------------------------- tel: links (one function)
@pytest.mark.parametrize("number,href", [
    ("110", "110"),
    ("#9110", None),
    ("#8891", None),
    ("0120-924-839", "0120924839"),
    ("0120-8891-77", "0120889177"),
    ("0570-013904", "0570013904"),
    ("03-5796-7112", "+81357967112"),
    ("050-3754-5430", "+815037545430"),
])
def test_tel_href(number, href):
    assert tel_href(number) == href


def test_no_tel_link_uses_plus81_for_free_dial_or_navi_dial_and_none_has_a_hash(d):
    for c in d.contacts:
        for p in c.phones:
            assert p.tel == tel_href(p.number)
            if p.tel is None:
                assert p.number.startswith("#")
                continue
            assert "#" not in p.tel and "%23" not in p.tel
            assert not p.tel.startswith(("+81120", "+81570", "+81800")), p.number


@pytest.mark.parametrize("typed,expected", [
    ("０３－５７９６－７１１２", "0357967112"),
    ("+81 3 5796 7112", "0357967112"),
    ("+81 (0)3-5796-7112", "0357967112"),
    ("81357967112", "0357967112"),
    ("＃９１１０", "#9110"),
    ("0120 924 839", "0120924839"),
])
def test_digits_normalises_what_a_reader_types(typed, expected):
    assert digits(typed) == expected


# ---------------------------------------------------------------- labels exactly as written
def test_contacts_json_carries_labels_exactly_as_written(d):
    text = (DATA / "contacts.yaml").read_text(encoding="utf-8")
    written = [v for v in yaml.safe_load(text)["contacts"] for p in v.get("phones", []) for v in [p] if p.get("label")]
    labels = {p["label"] for p in written}
    assert "when #8891 cannot be dialled" in labels
    assert "police consultation, for callers who cannot dial #9110 (dial-pulse, some IP phones)" in labels
    assert labels <= PHONE_LABELS
    published = {p.get("label") for c in json.loads(json.dumps(d.to_json()))["contacts"] for p in c.get("phones", [])}
    assert labels <= published
    assert not any(label and label.rstrip().endswith(("(same as", "when")) for label in published)


# ---------------------------------------------------------------- validation: file, line, fix
def _data(tmp_path: Path, edit) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    path = target / "contacts.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _error(tmp_path: Path, edit) -> tuple[str, list[str]]:
    target = _data(tmp_path, edit)
    with pytest.raises(DataError) as info:
        load_directory(target, today=TODAY)
    return str(info.value), (target / "contacts.yaml").read_text(encoding="utf-8").splitlines()


def _line(lines: list[str], needle: str) -> int:
    return next(i for i, text in enumerate(lines, 1) if needle in text)


def test_a_label_cut_by_a_yaml_comment_stops_loading(tmp_path):
    message, lines = _error(tmp_path, lambda s: s.replace(
        "      - number: 0570-013904\n", "      - number: 0570-013904\n        label: when #8891 cannot be dialled\n", 1))
    assert message.startswith(f"data/contacts.yaml:{_line(lines, 'label: when #8891')}:") or \
        f"contacts.yaml:{_line(lines, 'label: when #8891')}:" in message
    assert "'#8891 cannot be dialled'" in message and "YAML drops as a comment" in message
    assert "Fix: put the whole value in double quotes" in message


def test_a_phone_without_cost_stops_loading(tmp_path):
    message, lines = _error(tmp_path, lambda s: s.replace(
        "      - number: 0570-013904\n        languages: unknown\n        cost: caller-pays\n",
        "      - number: 0570-013904\n        languages: unknown\n", 1))
    assert f"contacts.yaml:{_line(lines, 'number: 0570-013904')}:" in message
    assert "contact 'isa-information-centre'" in message and "has no cost" in message and "Fix: add 'cost: free'" in message


def test_a_phone_without_languages_stops_loading(tmp_path):
    message, lines = _error(tmp_path, lambda s: s.replace(
        "      - number: 0570-013904\n        languages: unknown\n", "      - number: 0570-013904\n", 1))
    assert f"contacts.yaml:{_line(lines, 'number: 0570-013904')}:" in message
    assert "has no languages" in message and "languages: unknown" in message


def test_a_number_listed_under_two_organisations_stops_loading(tmp_path):
    # the Tokyo bureau's number copied under the police: it belongs to the organisation its source names
    message, lines = _error(tmp_path, lambda s: s.replace("      - number: 03-3581-4321\n", "      - number: 0570-034259\n", 1))
    assert f"contacts.yaml:{_line(lines, 'number: 0570-034259')}" not in message  # points at the second listing
    assert "contact 'police-tokyo'" in message and "also listed under 'bureau-tokyo'" in message and "Fix:" in message


def test_an_unknown_label_stops_loading(tmp_path):
    message, lines = _error(tmp_path, lambda s: s.replace(
        "      - number: 0570-013904\n", '      - number: 0570-013904\n        label: "call me maybe"\n', 1))
    assert f"contacts.yaml:{_line(lines, 'call me maybe')}:" in message
    assert "helpsite/contacts/vocabulary.py" in message and "make catalogs" in message


def test_a_contact_without_a_source_stops_loading(tmp_path):
    def drop_sources(text: str) -> str:
        return re.sub(r"(  - id: iom-tokyo\n(?:.*\n)*?)    sources:\n      - [^\n]+\n", r"\1", text, count=1)

    message, _ = _error(tmp_path, drop_sources)
    assert "contact 'iom-tokyo'" in message and "'sources' is missing" in message and "Fix:" in message


def test_make_check_contacts_stops_on_the_same_errors(tmp_path, capsys):
    from helpsite.contacts.check import main

    target = _data(tmp_path, lambda s: s.replace(
        "      - number: 0570-013904\n        languages: unknown\n        cost: caller-pays\n",
        "      - number: 0570-013904\n        languages: unknown\n", 1))
    assert main(["--data", str(target), "--today", "2026-11-28"]) == 1
    assert "has no cost" in capsys.readouterr().err


def test_embassies_exist_or_are_listed_as_not_found(d):
    from helpsite import languages

    for code in languages.codes():
        found = d.embassies(code)
        missing = [n for n in d.not_found if code in n.reader_languages]
        assert found or missing, f"{code}: no embassy and no not_found entry with the reason"
        for c in found:
            assert c.sources and c.checked and c.confidence
    assert [p.number for p in d.get("embassy-philippines").call_phones] == ["080-7000-7979", "080-4928-7979"]
