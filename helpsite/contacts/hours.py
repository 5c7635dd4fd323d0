"""Opening hours: parse the compact form used in data/contacts.yaml and write it in a reader's language.

Weekday names, time formats, list and range patterns all come from CLDR through Babel, so no
language's wording is typed by hand here.

Data form (one rule per line of a timetable)::

    hours:
      - days: mon-fri                # a range, a list [mon, wed, fri], or left out (days not given)
        times: ["09:00-12:00", "13:00-16:00"]
"""
from __future__ import annotations

import re
from datetime import date, time
from functools import lru_cache

from babel import Locale
from babel.dates import format_skeleton, format_time
from babel.lists import format_list

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = CLDR day key (0 = Monday)
_TIME_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


class HoursError(ValueError):
    """A time table that does not parse. The message carries the fix."""


def parse_days(value: str | list[str] | None) -> tuple[int, ...] | None:
    """'mon-fri' -> (0,1,2,3,4); ['mon','wed'] -> (0,2); None -> None (days not given)."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    days: list[int] = []
    for item in items:
        if not isinstance(item, str):
            raise HoursError(f"weekday {item!r} is not text. Fix: write mon, tue, wed, thu, fri, sat or sun, or a range like mon-fri")
        item = item.strip().lower()
        if "-" in item:
            start, _, end = item.partition("-")
            a, b = _day(start), _day(end)
            if b < a:
                raise HoursError(f"weekday range '{item}' runs backwards. Fix: write it from the earlier day, e.g. mon-fri")
            days.extend(range(a, b + 1))
        else:
            days.append(_day(item))
    if len(set(days)) != len(days):
        raise HoursError(f"weekdays {items} name a day twice. Fix: list each day once")
    if not days:
        raise HoursError("empty list of weekdays. Fix: leave 'days' out, or write a range like mon-fri")
    return tuple(sorted(days))


def _day(token: str) -> int:
    token = token.strip().lower()
    if token not in WEEKDAYS:
        raise HoursError(
            f"unknown weekday '{token}'. Fix: use mon, tue, wed, thu, fri, sat, sun, or a range like mon-fri"
        )
    return WEEKDAYS.index(token)


def parse_time_range(value: str) -> tuple[time, time]:
    """'09:00-17:15' -> (time(9), time(17, 15)). Hours 0-23, minutes 0-59, end after start."""
    if not isinstance(value, str):
        raise HoursError(f"time range {value!r} is not text. Fix: quote it, e.g. \"09:00-17:00\"")
    m = _TIME_RANGE.match(value)
    if not m:
        raise HoursError(f"time range '{value}' does not parse. Fix: write it as HH:MM-HH:MM, e.g. \"09:00-17:00\"")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    for h, mi in ((h1, m1), (h2, m2)):
        if not (0 <= h <= 23 and 0 <= mi <= 59):
            raise HoursError(
                f"time range '{value}' has an impossible time {h}:{mi:02d}. Fix: use hours 00-23 and minutes 00-59 "
                "(for a line open day and night use 'always_open: true' instead of hours)"
            )
    start, end = time(h1, m1), time(h2, m2)
    if end <= start:
        raise HoursError(f"time range '{value}' ends before it starts. Fix: write the opening time first")
    return start, end


def parse_month_day(value: str) -> tuple[int, int]:
    """'12-29' -> (12, 29), for yearly closures such as the New Year holidays."""
    m = _MONTH_DAY.match(str(value).strip())
    if not m:
        raise HoursError(f"day '{value}' does not parse. Fix: write month-day as MM-DD, e.g. \"12-29\"")
    month, day = int(m.group(1)), int(m.group(2))
    try:
        date(2000, month, day)  # a leap year, so 02-29 is allowed
    except ValueError:
        raise HoursError(f"day '{value}' does not exist. Fix: write a real month-day as MM-DD") from None
    return month, day


@lru_cache(maxsize=64)
def _locale(lang: str) -> Locale:
    """The CLDR locale for a site language code (tl -> fil, zh -> zh_Hans), via helpsite.languages."""
    try:
        from helpsite import languages

        return languages.get(lang).locale
    except Exception:  # not a site language (or no mkdocs.yml): ask CLDR directly
        return Locale.parse(lang)


def _range(locale: Locale, a: str, b: str) -> str:
    pattern = locale.interval_formats.get(None) or "{0}–{1}"
    return pattern.replace("{0}", a).replace("{1}", b)


def _list(items: list[str], locale: Locale) -> str:
    """CLDR's short 'unit' list ('A, B' / 'A B'); the 'standard' one ('A and B') where 'unit' has no separator."""
    try:
        if format_list(["A", "B"], style="unit", locale=locale) != "AB":
            return format_list(items, style="unit", locale=locale)
    except (KeyError, ValueError):
        pass
    return format_list(items, style="standard", locale=locale)


def _day_name(locale: Locale, index: int) -> str:
    return locale.days["format"]["wide"][index]


def format_days(days: tuple[int, ...], locale: Locale) -> str:
    # runs of consecutive days become ranges: (0,1,2,3,4) -> Monday – Friday
    runs: list[list[int]] = []
    for d in days:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(_range(locale, _day_name(locale, run[0]), _day_name(locale, run[-1])))
        else:
            parts.extend(_day_name(locale, d) for d in run)
    if len(parts) == 1:
        return parts[0]
    return format_list(parts, style="standard", locale=locale)


def format_times(times: list[tuple[time, time]], locale: Locale) -> str:
    from helpsite.languages import isolate_ltr

    # "9:30 AM – 5:15 PM" keeps its order inside right-to-left text (Urdu)
    spans = [isolate_ltr(_range(locale, format_time(a, "short", locale=locale), format_time(b, "short", locale=locale)),
                         locale.text_direction) for a, b in times]
    return format_list(spans, style="standard", locale=locale)


def format_rule(days: tuple[int, ...] | None, times: list[tuple[time, time]], lang: str) -> str:
    locale = _locale(lang)
    time_text = format_times(times, locale)
    if days is None:
        return time_text
    pattern = locale.datetime_formats.get("medium")
    pattern = getattr(pattern, "pattern", pattern) or "{1} {0}"
    # CLDR's date-time glue: {1} is the date part (here the weekdays), {0} the time part
    return pattern.replace("{1}", format_days(days, locale)).replace("{0}", time_text)


def format_rules(rules: list[tuple[tuple[int, ...] | None, list[tuple[time, time]]]], lang: str) -> str | None:
    if not rules:
        return None
    texts = format_lines(rules, lang)
    if len(texts) == 1:
        return texts[0]
    return _list(texts, _locale(lang))


def format_lines(rules: list[tuple[tuple[int, ...] | None, list[tuple[time, time]]]], lang: str) -> list[str]:
    """One text per rule, for pages that show a time table line by line."""
    return [format_rule(days, times, lang) for days, times in rules]


def format_closure(start: tuple[int, int], end: tuple[int, int], lang: str) -> str:
    """A yearly closure such as 12-29..01-03 as 'Dec 29 – Jan 3' (CLDR month-day skeleton)."""
    locale = _locale(lang)
    a = format_skeleton("MMMd", date(2000, *start), locale=locale)
    b = format_skeleton("MMMd", date(2000, *end), locale=locale)
    return _range(locale, a, b)
