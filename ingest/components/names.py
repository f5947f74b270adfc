"""Reading names: the words a name is made of, acronyms, a name tidied from its text."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

# not a bare section number ("1.1")
NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.&-]*|\d+[A-Za-z][\w'’.&-]*|and|&|of|for|['’]s)$")
NAME_CONNECTORS = {"and", "&", "of", "for", "'s", "’s"}
LEADING_DROP = set(STOP_WORDS) | {
    "acting",
    "whilst",
    "membership",
    "statutory",
    "including",
    "namely",
    "former",
    "new",
    "current",
    "existing",
    "local",
    "joint",
}


def is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&]{1,7}(?:['’]?s)?", text)) and sum(c.isupper() for c in text) >= 2


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    if name.isupper() and len(name.split()) >= 2 and sum(len(w) > 4 for w in name.split()) >= 2:
        # a name read from an upper-case heading ("SAFER AREATON PARTNERSHIP"): written as a name
        name = " ".join(
            w.lower() if w.lower() in ("and", "of", "for", "the", "in") else w.capitalize() for w in name.split()
        )
    return name


# a post title, not an organisation: "Director of Children's Services", "Assistant Chief Constable", "Head of ..."
POST_TITLE = re.compile(
    r"^(?:the\s+)?(?:(?:Assistant|Deputy|Executive|Interim|Acting|Associate|Corporate|Strategic|Service|Managing|"
    r"Senior|Divisional|Area|Group|Place)\s+)*"
    r"(?:Director|Directors|Chief\s+(?:Constable|Executive|Officer|Superintendent|Inspector|Nurse|"
    r"Nursing\s+(?:Director|Officer))|"
    r"Head|Manager|Officer|Commander|Constable|Superintendent|Cabinet\s+Member|Lead\s+Member|Portfolio\s+Holder|"
    r"Leader|Chair(?:man|person)?|Vice[- ]Chair)\b",
    re.I,
)


def is_post(name: str) -> bool:
    """ "Director of Public Health", "Chief Constable", "Borough Commander": a post, never an organisation."""
    name = name.strip(" *")
    return (
        bool(POST_TITLE.match(name))
        and not re.search(
            r"\b(?:Council|Trust|Service|Police|Board|Authority|"
            r"Partnership|Group)\s*$",
            name,
        )
        or bool(
            re.fullmatch(
                r"(?:[A-Z][\w'’-]*\s+){0,3}(?:Commander|Constable|Superintendent|Director|Officer|Manager|Lead)",
                name.strip(" *"),
            )
        )
    )
