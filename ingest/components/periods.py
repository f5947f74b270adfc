"""Months, dates and reporting periods ("2020/21", "2019-22") as the readers write them."""

from __future__ import annotations

import re

MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
PERIOD = re.compile(r"\b((?:19|20)\d\d)\s?[/-]\s?((?:19|20)?\d\d)\b")


def month_number(name: str) -> int:
    name = name.lower()[:3]
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(name) + 1


def norm_period(a: str, b: str) -> str | None:
    y1 = int(a)
    y2 = int(b) if len(b) == 4 else int(a[:2] + b)
    if y2 != y1 + 1 and y2 - y1 not in (2, 3, 4, 5):
        return None
    return f"{y1}/{str(y2)[2:]}" if y2 == y1 + 1 else f"{y1}-{str(y2)[2:]}"


_PERIOD_ANY = re.compile(
    r"\b((?:19|20)\d\d)\s?[/–-]\s?((?:19|20)?\d\d)\b|\b((?:19|20)\d\d)\s+(?:to\s+)?((?:19|"
    r"20)\d\d)\b"
)


def period_in(text: str) -> str | None:
    """The first plausible period ("2019-22", "2020/21", "2021 2022") in a text, normalised."""
    for m in _PERIOD_ANY.finditer(text):
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        p = norm_period(a, b)
        if p:
            return p
    return None
