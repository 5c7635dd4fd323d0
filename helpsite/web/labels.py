"""What each kind of contact is, in plain words. The contacts data keeps proper names in Japanese and
English; these one-line descriptions are what a reader sees in their own language (via the catalogs)."""
from __future__ import annotations


def N_(message: str) -> str:
    """Mark a string for extraction (pybabel finds N_); it is translated where it is shown."""
    return message


KIND_DESCRIPTIONS: dict[str, str] = {
    "emergency": N_("Police emergency number."),
    "reporting": N_("Tell the police about a crime without giving your name."),
    "police": N_("Police headquarters of this area."),
    "police-consultation": N_("Police advice line, when it is not an emergency."),
    "immigration-bureau": N_("Regional immigration office. It can talk with victims in their own language where possible and keeps what they say confidential."),
    "immigration-office": N_("Local immigration office."),
    "immigration-info": N_("Questions about visas and staying in Japan, in many languages."),
    "foreign-residents": N_("Advice centre for foreign residents."),
    "human-rights": N_("Advice about human rights problems, in foreign languages."),
    "legal": N_("Free information about the law and legal help, with an interpreter."),
    "dv": N_("Help with violence from a partner or family member."),
    "sexual-violence": N_("Help after sexual violence."),
    "labour": N_("Advice about work, pay and working conditions."),
    "intern": N_("Advice for technical intern trainees, in their own language."),
    "iom": N_("Help to go home safely and start again."),
    "ngo": N_("Private support group and shelter."),
    "helpline": N_("Someone to talk to about any problem."),
    "women-support": N_("Public support centre for women."),
    "victim-support": N_("Support for victims of crime."),
}


def kind_description(kind: str) -> str | None:
    return KIND_DESCRIPTIONS.get(kind)
