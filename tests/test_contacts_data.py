"""The real data in data/: sourced, complete where the research is, and honest where it is not."""
from __future__ import annotations

import io
import json
import re
from datetime import date

import phonenumbers
import pytest

from helpsite import languages
from helpsite.contacts import Contact, load_directory
from helpsite.contacts.check import main as check_main
from helpsite.paths import DATA

REGIONS = {
    "hokkaido": ("bureau-sapporo", 1),
    "tohoku": ("bureau-sendai", 6),
    "kanto-koshinetsu": ("bureau-tokyo", 10),
    "chubu": ("bureau-nagoya", 7),
    "kinki": ("bureau-osaka", 6),
    "chugoku": ("bureau-hiroshima", 5),
    "shikoku": ("bureau-takamatsu", 4),
    "kyushu-okinawa": ("bureau-fukuoka", 8),
}


@pytest.fixture(scope="module")
def d():
    return load_directory()


def all_numbers(d) -> set[str]:
    return {re.sub(r"\D", "", p.number) for c in d.contacts for p in c.phones}


def test_every_entry_has_a_source_url_and_a_check_date(d):
    assert len(d.contacts) >= 60
    for c in d.contacts:
        assert c.sources, c.id
        assert all(s.startswith(("http://", "https://")) for s in c.sources), c.id
        assert c.checked is not None and c.checked.month, c.id
        assert c.checked.earliest() <= date.today(), c.id
        assert c.confidence in ("high", "medium", "low"), c.id
        for p in c.phones:
            assert p.confidence in ("high", "medium", "low"), (c.id, p.number)
    for r in d.regions:
        assert r.sources and r.checked, r.id
    for closed in d.closed:
        assert closed.sources and closed.checked, closed.id


def test_research_read_in_november_2026(d):
    assert str(d.last_checked) == "2026-11"
    assert d.get("isa-information-centre").source_date.isoformat() == "2020-10-21"


def test_all_47_prefectures_map_to_one_of_the_8_bureaus(d):
    assert [p.code for p in d.prefectures] == [f"{i:02d}" for i in range(1, 48)]
    assert len({p.slug for p in d.prefectures}) == 47
    assert {r.id: (r.bureau_id, len(r.prefecture_codes)) for r in d.regions} == REGIONS
    for p in d.prefectures:
        help_ = d.for_prefecture(p.code)
        assert help_.bureau.kind == "immigration-bureau"
        assert help_.bureau.id == REGIONS[p.region_id][0]
        assert help_.bureau_confidence in ("high", "medium", "low")


@pytest.mark.parametrize(
    "prefecture,bureau",
    [("hokkaido", "bureau-sapporo"), ("aomori", "bureau-sendai"), ("tochigi", "bureau-tokyo"),
     ("kanagawa", "bureau-tokyo"), ("niigata", "bureau-tokyo"), ("nagano", "bureau-tokyo"),
     ("fukui", "bureau-nagoya"), ("shizuoka", "bureau-nagoya"), ("hyogo", "bureau-osaka"),
     ("tottori", "bureau-hiroshima"), ("ehime", "bureau-takamatsu"), ("okinawa", "bureau-fukuoka")],
)
def test_prefecture_bureau_spot_checks(d, prefecture, bureau):
    assert d.for_prefecture(prefecture).bureau.id == bureau


def test_shikoku_mapping_is_recorded_as_only_partly_sourced(d):
    conf = {p.slug: d.for_prefecture(p.slug).bureau_confidence for p in d.prefectures if p.region_id == "shikoku"}
    assert conf == {"tokushima": "low", "kagawa": "medium", "ehime": "medium", "kochi": "low"}
    takamatsu = d.get("bureau-takamatsu")
    assert takamatsu.address_ja is None and takamatsu.address_en is None
    assert all(p.check_first for p in takamatsu.phones)  # only the 2014 information-centre number
    help_ = d.for_prefecture("kochi")
    assert not help_.bureau_has_phone
    assert help_.immigration_fallback.phones[0].number == "0570-013904"
    assert help_.immigration_fallback.phones[0].tel == "0570013904"  # Navi Dial: national form (issue 10)


def test_every_prefecture_has_a_name_in_every_site_language(d):
    codes = languages.codes()
    assert len(codes) >= 10
    for lang in codes:
        names = [p.names.get(lang) for p in d.prefectures]
        assert all(names), f"a prefecture has no {lang} name"
        assert len(set(names)) == 47, f"two prefectures share a {lang} name"
    for r in d.regions:
        assert set(codes) <= set(r.names), r.id
    tokyo = d.prefecture("tokyo")
    assert (tokyo.name("ja"), tokyo.name("th"), tokyo.name("ko"), tokyo.name("zh")) == ("東京都", "โตเกียว", "도쿄도", "东京都")
    assert all(re.search(r"[都道府県]$", p.name("ja")) for p in d.prefectures)
    assert d.names_reviewed is False


def test_lighthouse_is_closed_and_not_listed(d):
    ids = {c.id for c in d.contacts}
    assert "lighthouse" not in ids
    assert not any("lighthouse" in (c.name_en + (c.name_ja or "")).lower() or "ライトハウス" in (c.name_ja or "") for c in d.contacts)
    closed = {c.id: c for c in d.closed}
    assert "2022" in closed["lighthouse"].reason
    assert "lighthouse" in json.dumps(d.to_json()["closed"])


def test_nagoya_does_not_carry_tokyos_number(d):
    nagoya, tokyo = d.get("bureau-nagoya"), d.get("bureau-tokyo")
    assert [p.number for p in tokyo.phones] == ["0570-034259"]
    assert nagoya.phones == []
    assert nagoya.address_en == "5-18 Shoho-cho, Minato-ku, Nagoya, Aichi 455-8601"
    assert not d.for_prefecture("aichi").bureau_has_phone


def test_numbers_the_research_says_not_to_use_are_absent(d):
    numbers = all_numbers(d)
    for bad in ["0529512391", "0529512392", "0120567115", "0669430110", "0669431234", "0488321111", "0822283111"]:
        assert bad not in numbers
    # the Miyagi consultation number is truncated in the source: nothing starting with it may appear
    assert not any(n.startswith("022266911") for n in numbers)
    assert {r.number for r in d.rejected} >= {"0570-034259", "052-951-2391"}


def test_every_phone_is_a_valid_japanese_number_or_an_allowed_short_code(d):
    phones = [p for c in d.contacts for p in c.phones]
    assert len(phones) >= 80
    for p in phones:
        if p.is_short_code:
            assert p.number in {"110", "#9110", "#8008", "#8891"}
            continue
        parsed = phonenumbers.parse(p.number, "JP")
        assert phonenumbers.is_valid_number(parsed), p.number
        if p.number.startswith(("0120", "0570", "0800")):  # domestic-only: national form (issue 10)
            assert p.tel == re.sub(r"\D", "", p.number)
        else:
            assert p.tel == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    assert d.emergency.phones[0].tel == "110"
    assert d.get("police-9110").phones[0].tel is None  # no tel: link with '#': iOS refuses it (issue 10)


def test_national_lines_in_priority_order(d):
    ids = [c.id for c in d.national()]
    assert ids[:4] == ["police-110", "anonymous-reporting-line", "police-9110", "isa-information-centre"]
    order = ["fresc", "moj-human-rights-hotline", "houterasu-multilingual", "dv-navi-8008", "onestop-8891",
             "labour-hotline", "otit-mother-tongue", "iom-japan", "help-shelter"]
    assert [i for i in ids if i in order] == order
    assert d.emergency.id == "police-110" and d.emergency.always_open
    anon = d.get("anonymous-reporting-line")
    assert anon.phones[0].number == "0120-924-839" and anon.free is True
    assert [ch.url for ch in anon.channels if ch.kind == "web-form"] == ["https://www.tokumei24.jp/system/xb/tok.user.Report"]


def test_each_prefecture_page_gets_bureau_police_and_fallbacks(d):
    with_police = set()
    for p in d.prefectures:
        h = d.for_prefecture(p.slug)
        assert h.police_consultation.phones[0].number == "#9110"
        assert h.national == d.national()
        if h.police is not None:
            with_police.add(p.slug)
            assert h.police.kind == "police" and p.code in h.police.prefectures
        for office in h.immigration_offices:
            assert office.kind == "immigration-office" and p.code in office.prefectures
        for c in h.local:
            assert p.code in c.prefectures and not c.national
    assert {"tokyo", "hokkaido", "kagawa", "saitama", "hiroshima", "aichi"} <= with_police
    assert "nara" not in with_police  # not found by the research: the page falls back to #9110
    assert d.for_prefecture("tokyo").police.phones[0].number == "03-3581-4321"
    assert [c.id for c in d.for_prefecture("hyogo").immigration_offices] == ["office-kobe", "office-himeji"]
    assert [c.id for c in d.for_prefecture("kanagawa").immigration_offices] == ["office-yokohama"]
    assert "police-tokyo-english" in [c.id for c in d.for_prefecture("13").local]


def test_low_confidence_phones_are_kept_but_flagged(d):
    otit = d.get("otit-mother-tongue")
    assert otit.confidence == "low" and all(p.check_first for p in otit.phones) and otit.printable_phones == []
    iom = d.get("iom-japan")
    assert [p.number for p in iom.printable_phones] == ["03-3595-2487"]
    assert [p.number for p in iom.phones if p.check_first] == ["03-3595-0106"]


def plain(text: str | None) -> str | None:
    """CLDR uses thin and narrow no-break spaces (U+2009, U+202F); compare with plain spaces."""
    return text if text is None else re.sub(r"[\u2009\u202f\u00a0]", " ", text)


def test_hours_are_written_by_babel(d):
    isa = d.get("isa-information-centre")
    assert plain(isa.hours_text("en")) == "Monday – Friday, 8:30 AM – 5:15 PM"
    assert isa.hours_text("ja") == "月曜日～金曜日 8:30～17:15"
    assert "lunes" in isa.hours_text("es") and "Senin" in isa.hours_text("id") and "Lunes" in isa.hours_text("tl")
    assert d.get("police-110").hours_text("en") is None and d.get("police-110").always_open
    assert d.get("fresc").closed_text("ja") == ["12月29日～1月3日"]
    assert plain(d.get("otit-mother-tongue").phones[1].hours_text("en")) == "Monday, Wednesday, and Friday, 11:00 AM – 7:00 PM"
    assert d.last_checked.format("ja") == "2026年11月"


def test_display_names(d):
    bureau = d.get("bureau-tokyo")
    assert bureau.display_name("ja") == "東京出入国在留管理局"
    assert bureau.display_name("th") == bureau.names["th"] != bureau.name_en
    assert bureau.display_name("en") == "Tokyo Regional Immigration Services Bureau"
    unnamed = next(c for c in d.contacts if "th" not in c.names)
    assert unnamed.display_name("th") == unnamed.name_en  # no Thai name yet: the English one, never empty


def test_json_is_complete_and_deterministic(d):
    data = d.to_json()
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    assert text == json.dumps(load_directory().to_json(), ensure_ascii=False, sort_keys=True)
    assert "generated" not in text
    contacts = {c["id"]: c for c in data["contacts"]}
    assert len(contacts) == len(d.contacts)
    assert all(c["sources"] and c["checked"] and c["confidence"] for c in contacts.values())
    assert contacts["isa-information-centre"]["phones"][0] == {
        "number": "0570-013904", "confidence": "high", "tel": "0570013904", "role": "line", "cost": "caller-pays",
        "languages": ["ja", "en", "zh", "ko", "es", "pt", "vi", "tl", "ne", "id", "th", "km", "my", "mn", "fr", "si", "ur"],
        "not_from": ["ip-phone", "phs", "abroad"]}
    assert len(data["prefectures"]) == 47 and len(data["regions"]) == 8
    assert data["regions"][0]["prefecture_codes"] == ["01"]
    assert "lighthouse" not in contacts


def test_check_report_lists_stale_and_missing_with_file_and_line():
    out = io.StringIO()
    assert check_main([], today=date(2026, 11, 28), stream=out) == 0
    text = out.getvalue()
    assert "Checked more than 12 months ago (0):" in text
    lines = (DATA / "contacts.yaml").read_text(encoding="utf-8").splitlines()
    nagoya_line = lines.index("  - id: bureau-nagoya") + 1
    assert f"data/contacts.yaml:{nagoya_line}: bureau-nagoya (immigration-bureau): no phone number" in text
    assert "saalaa" in text and "police-110" not in text.split("Missing a phone number")[1]

    out = io.StringIO()
    assert check_main(["--today", "2027-12-01"], stream=out) == 0
    stale = out.getvalue().split("Missing a phone number")[0]
    d = load_directory()
    assert f"Checked more than 12 months ago ({len(d.contacts)}):" in stale
    assert f"data/contacts.yaml:{lines.index('  - id: police-110') + 1}: police-110: checked 2026-11" in stale
