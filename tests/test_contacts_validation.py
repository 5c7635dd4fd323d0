"""Each kind of bad contacts data stops loading with ONE message: file, line, entry, what is wrong, fix.

The broken files are in tests/fixtures/contacts/<case>.<file>.yaml; each replaces one file of the
small valid data set in tests/fixtures/contacts/valid/.
"""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from helpsite.contacts import DataError, load_directory

FIXTURES = Path(__file__).parent / "fixtures" / "contacts"
TODAY = date(2026, 11, 28)


def data_dir(tmp_path: Path, broken: str | None = None) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    if broken:
        case, kind, _ = broken.split(".")
        shutil.copy(FIXTURES / broken, target / f"{kind}.yaml")
    return target


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing needle: where the error must point."""
    hits = [i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text]
    assert len(hits) >= nth, f"{needle!r} not found {nth} time(s) in {path}"
    return hits[nth - 1]


def load_error(tmp_path: Path, broken: str) -> tuple[str, Path]:
    directory = data_dir(tmp_path, broken)
    with pytest.raises(DataError) as info:
        load_directory(directory, today=TODAY)
    message = str(info.value)
    assert "\n" not in message, "the message is one line"
    return message, directory / f"{broken.split('.')[1]}.yaml"


def test_valid_fixture_loads(tmp_path):
    d = load_directory(data_dir(tmp_path), today=TODAY)
    assert [c.id for c in d.national()] == ["police-110", "police-9110", "isa-information-centre", "iom-tokyo"]
    assert d.for_prefecture("aichi").bureau.id == "bureau-nagoya"
    assert d.for_prefecture("14").police is None
    assert d.region("kanto-koshinetsu").prefecture_codes == ["13", "14"]


# (fixture, text on the line the message must point at, nth occurrence, entry label, words of the message)
CASES = [
    ("bad-phone.contacts.yaml", "03-3595-248", 1, "contact 'iom-tokyo'",
     ["phone '03-3595-248' is not a valid Japanese number (phonenumbers)", "Fix: copy the number exactly from the source, with its area code"]),
    ("bad-short-code.contacts.yaml", "#9111", 1, "contact 'police-9110'",
     ["'#9111' is not an allowed short code", "Fix: use one of"]),
    ("unknown-prefecture.contacts.yaml", '"99"', 1, "contact 'police-tokyo'",
     ["unknown prefecture '99'", "Fix: use a JIS code"]),
    ("unknown-region.contacts.yaml", "region_id: tokai", 1, "contact 'bureau-nagoya'",
     ["unknown region 'tokai'", "Fix: use one of chubu, kanto-koshinetsu"]),
    ("duplicate-id.contacts.yaml", "id: iom-tokyo", 2, "contact 'iom-tokyo'",
     ["duplicate id (first used on line", "Fix: give each entry its own id"]),
    ("missing-source.contacts.yaml", "id: iom-tokyo", 1, "contact 'iom-tokyo'",
     ["'sources' is missing", "Fix: add 'sources:' with the URL"]),
    ("missing-checked.contacts.yaml", "id: police-tokyo", 1, "contact 'police-tokyo'",
     ["'checked' is missing", "Fix: add 'checked: YYYY-MM'"]),
    ("future-date.contacts.yaml", "checked: 2999-01-01", 1, "contact 'isa-information-centre'",
     ["check date 2999-01-01 is in the future (today is 2026-11-28)", "Fix: write the date you actually compared"]),
    ("bad-hours.contacts.yaml", "25:00", 1, "contact 'iom-tokyo'",
     ["time range '13:30-25:00' has an impossible time 25:00", "Fix: use hours 00-23"]),
    ("bad-weekday.contacts.yaml", "mon-fry", 1, "contact 'police-9110'",
     ["unknown weekday 'fry'", "Fix: use mon, tue, wed"]),
    ("unknown-language.contacts.yaml", "[en, xx]", 1, "contact 'iom-tokyo'",
     ["unknown language code 'xx' (not in CLDR)", "Fix: use the ISO 639-1 code"]),
    ("unknown-confidence.contacts.yaml", "confidence: sure", 1, "contact 'police-tokyo'",
     ["confidence is 'sure'", "'high', 'medium' or 'low'", "Fix:"]),
    ("unknown-key.contacts.yaml", "adress_ja", 1, "contact 'bureau-tokyo'",
     ["unknown key 'adress_ja'", "Fix: check its spelling"]),
    ("rejected-number.contacts.yaml", "0570-034259", 2, "contact 'bureau-nagoya'",
     ["phone '0570-034259' is on the 'rejected:' list: the Tokyo bureau's number", "Fix: remove it"]),
    ("closed-listed.contacts.yaml", "id: lighthouse", 1, "contact 'lighthouse'",
     ["listed under 'closed:' (closed in March 2022)", "Fix: remove the contact entry"]),
    ("unknown-region.prefectures.yaml", "region_id: tokai", 1, "prefecture '23'",
     ["unknown region 'tokai'", "Fix: use one of chubu, kanto-koshinetsu"]),
    ("bad-code.prefectures.yaml", '"48"', 1, "prefecture '48'",
     ["prefecture code '48' is not a JIS code", "Fix: use two digits from \"01\" to \"47\""]),
]


@pytest.mark.parametrize("fixture,needle,nth,entry,words", CASES, ids=[c[0] for c in CASES])
def test_broken_file_names_file_line_entry_and_fix(tmp_path, fixture, needle, nth, entry, words):
    message, path = load_error(tmp_path, fixture)
    line = line_of(path, needle, nth)
    prefix = f"{path}:{line}: {entry}: "
    assert message.startswith(prefix), f"expected {prefix!r}\n     got {message!r}"
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert "Fix:" in message


def test_yaml_syntax_error_names_the_line(tmp_path):
    message, path = load_error(tmp_path, "yaml-syntax.contacts.yaml")
    assert re.match(rf"{re.escape(str(path))}:\d+: YAML syntax error: ", message)
    reported = int(message.split(":")[1])
    assert abs(reported - line_of(path, "national: [")) <= 1
    assert "Fix:" in message


def test_error_carries_path_and_line(tmp_path):
    directory = data_dir(tmp_path, "bad-phone.contacts.yaml")
    with pytest.raises(DataError) as info:
        load_directory(directory, today=TODAY)
    assert info.value.path == directory / "contacts.yaml"
    assert info.value.line == line_of(directory / "contacts.yaml", "03-3595-248")


def test_a_check_date_of_today_is_not_in_the_future(tmp_path):
    directory = data_dir(tmp_path, "future-date.contacts.yaml")
    # the same file is fine in 2999
    assert load_directory(directory, today=date(2999, 1, 1)).get("isa-information-centre").checked.year == 2999
