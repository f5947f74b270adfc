"""Generate a scale corpus of partnership documents for benchmarks.

    python -m bench.corpus --areas 150 --out bench/out/corpus-150

For N areas taken from the project's reference area list (areas repeat, with
distinct names, beyond the list's length), writes plain-text documents in the
shape of real publications: a joint working protocol between the four
statutory boards, the children's multi-agency safeguarding arrangements, and
a Safeguarding Adults Board annual report. Wording varies (several phrasings
per fact, chosen by a seeded RNG) so that ingestion does real work. The
corpus is for measuring cost, not for tuning extraction: every name in it is
generated.

Writes ``manifest.json`` (file -> area code) so the benchmark can pass the
area explicitly for repeated areas.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

FIRST = [
    "Alex",
    "Sam",
    "Jordan",
    "Morgan",
    "Priya",
    "Amir",
    "Grace",
    "Tom",
    "Helen",
    "David",
    "Fatima",
    "Oliver",
    "Ruth",
    "Imran",
    "Claire",
    "Mark",
    "Nadia",
    "Peter",
    "Joanne",
    "Kevin",
]
LAST = [
    "Hughes",
    "Patel",
    "Okafor",
    "Brennan",
    "Walsh",
    "Khan",
    "Turner",
    "Shaw",
    "Evans",
    "Morris",
    "Begum",
    "Clarke",
    "Doyle",
    "Fisher",
    "Gill",
    "Hayes",
    "Iqbal",
    "Jones",
    "Lloyd",
    "Price",
]
PREFIXES = ["", "North ", "South ", "East ", "West ", "Upper ", "Lower ", "Greater "]
THEMES = [
    "Neglect",
    "Child Exploitation",
    "Domestic Abuse",
    "Early Help",
    "Modern Slavery",
    "Self-neglect",
    "Mental health",
    "Transitions to adulthood",
    "Online safety",
    "Serious violence",
    "Anti-social behaviour",
    "Drug and alcohol misuse",
    "Reducing reoffending",
    "Contextual safeguarding",
    "Making Safeguarding Personal",
    "Hate crime",
]
FREQ = ["quarterly", "six-monthly", "annually", "bi-monthly"]


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    region: str


def reference_areas() -> list[Area]:
    """Areas from the project's own reference data (ontology/reference/areas.ttl)."""
    from rdflib import Graph

    from sgkg import ontology

    graph = Graph()
    graph.parse(data=(ontology.files() / "reference" / "areas.ttl").read_text("utf-8"), format="turtle")
    rows = graph.query(
        """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           PREFIX sgkg: <https://w3id.org/sgkg/def#>
           SELECT ?code ?name ?region WHERE {
             ?a a sgkg:Area ; skos:notation ?code ; skos:prefLabel ?name .
             OPTIONAL { ?a sgkg:region ?region }
             FILTER NOT EXISTS { ?a <http://purl.org/dc/terms/isReplacedBy> ?x }
           } ORDER BY ?code"""
    )
    return [Area(str(c), str(n), str(r) if r else "England") for c, n, r in rows]


def areas_for(n: int) -> list[Area]:
    """N areas: the reference list, then repeats with distinct (prefixed) names."""
    base = reference_areas()
    out = []
    for i in range(n):
        area = base[i % len(base)]
        prefix = PREFIXES[(i // len(base)) % len(PREFIXES)]
        out.append(Area(area.code, prefix + area.name, area.region))
    return out


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


SUBJECTS = [
    "Partners",
    "The partnership",
    "Practitioners",
    "Agencies",
    "The business unit",
    "Board members",
    "Front-line staff",
    "Commissioners",
    "The subgroups",
    "Schools and early years settings",
]
VERBS = [
    "reviewed",
    "strengthened",
    "continued to develop",
    "evaluated",
    "audited",
    "reported on",
    "improved",
    "shared learning about",
    "consulted residents on",
    "monitored",
]
OBJECTS = [
    "multi-agency practice",
    "the quality of referrals",
    "information sharing",
    "thresholds for intervention",
    "the voice of children and adults",
    "transitions between services",
    "the performance framework",
    "single agency audits",
    "training evaluation",
    "engagement with communities",
    "the use of data",
    "case file audits",
    "learning from reviews",
    "the escalation policy",
]
TAILS = [
    "during the year",
    "across the borough",
    "with partner agencies",
    "in line with statutory guidance",
    "through the quarterly dataset",
    "as part of the annual programme",
    "following independent challenge",
    "with the support of the business unit",
]


def prose(rng: random.Random, paragraphs: int) -> list[str]:
    """Paragraphs of the connective prose that fills real reports (no extractable facts)."""
    out = []
    for _ in range(paragraphs):
        sentences = [
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."
            for _ in range(rng.randint(3, 7))
        ]
        out += [" ".join(sentences), ""]
    return out


def protocol(area: Area, rng: random.Random) -> str:
    a = area.name
    csp = pick(rng, f"Safer {a} Partnership", f"{a} Community Safety Partnership")
    csp_abbr = "".join(w[0] for w in csp.split() if w[0].isupper())
    scp = pick(rng, f"{a} Safeguarding Children Partnership", f"{a} Children's Safeguarding Partnership")
    chair, vice, sab_chair, hwb_chair = person(rng), person(rng), person(rng), person(rng)
    themes = rng.sample(THEMES, 4)
    police = f"{area.region} Police"
    lines = (
        [
            f"{a} Joint Working Protocol",
            "",
            f"{scp} (SCP), {a} Safeguarding Adults Board (SAB), {a} Health and Wellbeing Board (HWB) and {csp} "
            f"({csp_abbr})",
            "",
            f"Version {rng.randint(1, 4)}.{rng.randint(0, 9)}   {pick(rng, 'April', 'June', 'September')} "
            f"{rng.randint(2018, 2024)}",
            f"Review date: {pick(rng, 'March', 'April', 'October')} {rng.randint(2019, 2026)}",
            "",
            "1. Introduction",
            f"This protocol sets out the working arrangements between the four statutory boards in {a}. "
            "It describes the interface between the partnerships and how they will co-ordinate their priorities.",
            "",
        ]
        + prose(rng, rng.randint(4, 10))
        + [
            "2. The partnerships",
            f"{a} Health and Wellbeing Board (HWB) is a statutory body established by Section 194 of the Health and "
            "Social Care Act 2012. "
            f"{pick(rng, 'Its principal duties are', 'The Board must')}:",
            "- to assess the needs of the population through a Joint Strategic Needs Assessment (JSNA);",
            "- to prepare a joint health and wellbeing strategy;",
            "- to encourage integrated working between commissioners.",
            f"The HWB is chaired by Councillor {hwb_chair}.",
            "",
            f"The {csp} is the statutory Community Safety Partnership for {a} established under the Crime and Disorder "
            "Act 1998. "
            f"The partnership brings together the responsible authorities including {a} Council, {police}, "
            f"{area.region} Fire and Rescue Service, the Probation Service and NHS {area.region} Integrated Care "
            "Board.",
            f"The {csp_abbr} has the following statutory duties:",
            "- prepare an annual strategic assessment of crime and disorder;",
            "- prepare a Partnership Plan;",
            "- commission Domestic Homicide Reviews.",
            "",
            f"The {a} Safeguarding Adults Board is a statutory body under Section 43 of the Care Act 2014. "
            "A SAB has three core duties:",
            "- It must publish a strategic plan for each financial year",
            "- It must publish an annual report",
            "- It must conduct any Safeguarding Adults Reviews",
            f"The SAB has an independent Chair, {sab_chair}.",
            "",
            f"{scp} is led by the three statutory safeguarding partners, {a} Council, {police} and "
            f"NHS {area.region} Integrated Care Board, under section 16E of the Children Act 2004.",
            "",
            "3. Joint priorities",
        ]
    )
    for i, theme in enumerate(themes[:2], 1):
        lead = rng.choice([scp, f"{a} Safeguarding Adults Board", csp])
        lines.append(f"Joint Priority {i}: {theme}. The lead partnership is {lead}.")
    lines += [
        "",
        "4. Ways of working",
        f"The chairs of all the partnerships will hold a joint chairs meeting {rng.choice(FREQ)}.",
        f"The annual strategic assessment undertaken by the {csp_abbr} will be shared with each of the Boards.",
        "The annual reports of the Safeguarding Boards will be presented to the Health and Wellbeing Board "
        f"{pick(rng, 'each year', 'annually')}.",
        f"Where joint priorities are agreed, the lead partnership will present a progress update {rng.choice(FREQ)}.",
        "",
        "5. Signatories",
        f"Chair: {chair}",
        f"Vice Chair: {vice}",
        f"{sab_chair}\tIndependent Chair, {a} Safeguarding Adults Board",
        f"{hwb_chair}\tChair, {a} Health and Wellbeing Board",
    ]
    lines += [""] + [f"{t} is a shared theme across the partnerships." for t in themes[2:]]
    return "\n".join(lines) + "\n"


def arrangements(area: Area, rng: random.Random) -> str:
    a = area.name
    scrutineer, ceo, chief = person(rng), person(rng), person(rng)
    police = f"{area.region} Police"
    agencies = rng.sample(
        [
            "Schools and colleges",
            "Youth Offending Service",
            "British Transport Police",
            "Housing providers",
            "Children and Family Court Advisory and Support Service",
            "NHS trusts",
            "Voluntary and community sector organisations",
            "Fire and Rescue Service",
            "Early years providers",
            "Probation Service",
        ],
        6,
    )
    lines = (
        [
            f"{a} Multi-Agency Safeguarding Arrangements {rng.randint(2019, 2024)}",
            "",
            "1. The statutory safeguarding partners",
            f"{pick(rng, 'The three safeguarding partners', 'The statutory partners')} for {a} are {a} Council, "
            f"{police} and NHS {area.region} Integrated Care Board. These arrangements are made under section 16E of "
            "the "
            "Children Act 2004 "
            "and Working Together to Safeguard Children 2018.",
            "The lead representatives are:",
            f"- Chief Executive, {a} Council",
            f"- Chief Constable, {police}",
            f"- Chief Executive, NHS {area.region} Integrated Care Board",
            "",
            "2. Relevant agencies",
            "The relevant agencies are:",
        ]
        + [f"- {x}" for x in agencies]
        + [
            "",
        ]
        + prose(rng, rng.randint(6, 14))
        + [
            "3. Independent scrutiny",
            f"{scrutineer} is the Independent Scrutineer of the arrangements.",
            f"The partnership will publish an annual report and will meet {rng.choice(FREQ)}.",
            "",
            "4. Subgroups",
            f"The partnership is supported by the Practice Review Subgroup, the Quality Assurance Subgroup and the "
            f"{pick(rng, 'Learning and Development Subgroup', 'Workforce Development Subgroup')}.",
            "",
            "5. Reviews",
            f"In {rng.randint(2019, 2024)} the partnership commissioned {rng.randint(1, 5)} Child Safeguarding "
            "Practice "
            "Reviews.",
            "",
            "6. Funding",
            f"The budget for {rng.randint(2019, 2023)}/{rng.randint(20, 24)} was £{rng.randint(200, 900)},000.",
            "",
            "Signatures",
            f"{ceo}\tChief Executive, {a} Council",
            f"{chief}\tChief Constable, {police}",
        ]
    )
    return "\n".join(lines) + "\n"


def annual_report(area: Area, rng: random.Random) -> str:
    a = area.name
    year = rng.randint(2018, 2023)
    chair = person(rng)
    themes = rng.sample(THEMES, 3)
    lines = (
        [
            f"{a} Safeguarding Adults Board Annual Report {year}/{(year + 1) % 100:02d}",
            "",
            "Foreword",
            f"I am pleased to present this annual report as Independent Chair of the {a} Safeguarding Adults Board "
            "(SAB). "
            f"{chair}",
            "",
            "About the Board",
            "The Board is a statutory body established under Section 43 of the Care Act 2014. Its statutory partners "
            "are "
            f"{a} Council, {area.region} Police and NHS {area.region} Integrated Care Board.",
            "",
            f"Our priorities for {year + 1}-{year + 3}",
        ]
        + [f"- {t}" for t in themes]
        + [
            "",
            "Safeguarding Adults Reviews",
            f"During the year the Board received {rng.randint(2, 12)} referrals and commissioned {rng.randint(0, 4)} "
            "Safeguarding Adults Reviews.",
            f"There were {rng.randint(800, 4000)} safeguarding concerns and {rng.randint(100, 900)} section 42 "
            "enquiries "
            f"in {year}/{(year + 1) % 100:02d}.",
            "",
            "Working with other boards",
            f"The annual report is presented to the {a} Health and Wellbeing Board and shared with the Safer {a} "
            "Partnership.",
        ]
    )
    # body text so documents have realistic length
    for i in range(rng.randint(6, 14)):
        lines.append(
            f"Section {i + 1}. Partners reported on practice, audits and learning. "
            f"Multi-agency training was delivered to {rng.randint(50, 900)} practitioners across the partnership, "
            "with evaluation showing improved confidence in recognising and responding to abuse and neglect."
        )
        lines += prose(rng, rng.randint(1, 4))
    return "\n".join(lines) + "\n"


KINDS = {"protocol": protocol, "arrangements": arrangements, "annual-report": annual_report}


def generate(n_areas: int, out: Path, seed: int = 20261122) -> dict[str, str]:
    """Write the corpus; return {file name: area code}."""
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, str] = {}
    for i, area in enumerate(areas_for(n_areas)):
        rng = random.Random(seed * 1000 + i)
        for kind, build in KINDS.items():
            name = f"{i:04d}-{kind}.txt"
            (out / name).write_text(build(area, rng), encoding="utf-8")
            manifest[name] = area.code
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, default=5, help="number of areas (5, 50, 150, 600)")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args(argv)
    manifest = generate(args.areas, args.out, args.seed)
    size = sum((args.out / f).stat().st_size for f in manifest)
    print(f"wrote {len(manifest)} documents ({size / 1e6:.1f} MB) for {args.areas} areas to {args.out}")


if __name__ == "__main__":
    main()
