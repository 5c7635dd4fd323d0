"""The words a reader shows to a police or immigration officer, shared by the site and the leaflets.

Language names come from CLDR, except where a language's `extra:` in mkdocs.yml says otherwise
(helpsite/languages.py): `officer_name` where officers use another word (Japanese police and court
interpreter lists say タガログ語 for Filipino; CLDR: フィリピノ語), `own_name` where readers call their
language otherwise (in Indonesian, "Indonesia" alone is the country). A reader of the Japanese edition
gets a blank to fill in, never a language chosen for them.
"""
from __future__ import annotations

from helpsite import languages

OFFICER_LANG = "ja"

# Written in by hand on the Japanese edition: a blank line, with 語 ("language") after it in Japanese.
BLANK = {"ja": "＿＿＿＿＿語"}
BLANK_DEFAULT = "__________"  # ASCII: the Latin fonts of the leaflets have no full-width line


def N_(message: str) -> str:  # noqa: N802 - gettext marker: extracted by pybabel, translated where shown
    return message


# Always shown: who the reader is and the request for help and an interpreter (same msgids as the leaflets).
CORE = (
    N_("I may be a victim of human trafficking."),
    N_("Please help me. Please call an interpreter."),
)
LANGUAGE_LINE = N_("My language: %(language)s")
# What the reader can choose to show, in this order.
NEEDS = (
    ("protection", N_("Please protect me.")),
    ("hurt", N_("I am hurt. I need a doctor.")),
    ("documents", N_("My passport or residence card was taken from me.")),
    ("employer", N_("I do not want to go back to my employer.")),
    ("embassy", N_("Please contact the embassy of my country.")),
)


def language_name(reader: str, in_lang: str) -> str:
    """The reader's language named in `in_lang`, as the panel prints it after "My language:"."""
    if languages.data_language(reader) == OFFICER_LANG:  # Japanese and Easy Japanese editions
        return BLANK.get(languages.data_language(in_lang), BLANK_DEFAULT)
    language = languages.get(reader)
    if in_lang == OFFICER_LANG:
        return language.officer_name
    if in_lang == reader:
        return language.own_name
    return languages.get(in_lang).locale.languages.get(language.locale.language, reader)
