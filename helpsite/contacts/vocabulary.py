"""The fixed words the contacts data may use, so that every one of them reaches the reader translated.

A phone ``label`` in data/contacts.yaml is written in English exactly as one of PHONE_LABELS: the label
is the gettext msgid (pybabel extracts the N_() calls), so it is shown on pages and leaflets in the
reader's language, and /contacts.json carries it exactly as written. A new label needs a line here and
``make catalogs``; the loader says so, with the file and line, when a label is not in the list.
"""
from __future__ import annotations


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


PHONE_LABELS: frozenset[str] = frozenset({
    N_("from IP phones, PHS or abroad"),
    N_("from some IP phones and abroad"),
    N_("from VoIP or prepaid mobile phones"),
    N_("for NTT Hikari Denwa lines"),
    N_("given in 2011 for a return programme after the earthquake"),
    N_("press 2 for foreign languages"),
    N_("examination section (審査部門)"),
    N_("enforcement section (警備部門)"),
    N_("Sendai information centre (2011)"),
    N_("information centre (2014, old bureau name)"),
    N_("entry and residence examination section (入国・在留審査部門)"),
    N_("Identification Section (鑑識課, police certificates); the source does not say it is the switchboard"),
    N_("switchboard"),
    N_("police general consultation office (same as #9110)"),
    N_("consultation support corner (same as #9110)"),
    N_("police consultation, for callers who cannot dial #9110 (dial-pulse, some IP phones)"),
    N_("phone counselling"),
    N_("Tama branch"),
    N_("when #8891 cannot be dialled"),
    N_("emergency line for Filipino citizens (2020)"),
    N_("citizen-protection line (2024)"),
    N_("hotline for Indonesian citizens (2020)"),
    N_("FAX 110, Hokkaido Police Headquarters"),
    N_("FAX 110, Hakodate area"),
    N_("FAX 110, Asahikawa area"),
    N_("FAX 110, Kushiro area"),
    N_("FAX 110, Kitami area"),
    N_("FAX 110, Chiba Prefectural Police"),
    N_("consultation FAX, Miyagi Prefectural Police"),
})

# Phones that some lines cannot reach (``not_from`` in the data).
NOT_FROM: dict[str, str] = {
    "ip-phone": N_("some IP phones"),
    "prepaid-mobile": N_("prepaid mobile phones"),
    "phs": N_("PHS phones"),
    "dial-pulse": N_("dial-pulse phones"),
    "abroad": N_("abroad"),
}

# What happens after contact (``after_contact`` in the data): each key is one sourced sentence.
AFTER_CONTACT: dict[str, str] = {
    "receipt-number": N_("You get a receipt number and a password, to ask later what happened to your report."),
    "routes-to-local-police": N_("The call goes to the police of the prefecture you are calling from."),
    "routes-to-nearest-centre": N_("The call goes to the nearest support centre, within its opening hours."),
    "three-way-interpreter": N_("An interpreter joins the call (a three-way call)."),
    "duty-officer-outside-hours": N_("Outside these hours a duty officer or a recorded message answers."),
    "accompany-and-shelter": N_("They can go with you and arrange a safe place to stay."),
    "interpreter-joins-110": N_("The police connect an interpreter to the call."),
}

# Silent channels (``channels`` in the data): for people who cannot speak safely, and deaf or
# speech-impaired people.
CHANNEL_KINDS: dict[str, str] = {
    "web-form": N_("Web form"),
    "app": N_("App"),
    "fax": N_("FAX"),
    "email": N_("E-mail"),
    "chat": N_("Chat"),
    "sns": N_("Social media"),
}
