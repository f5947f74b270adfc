"""Duties, relationships and priorities on small fictional texts in different councils' styles.

The places and boards are made up; the area is given, as `sgkg ingest --area` would.
These guard the rules' generality: none of the phrasings is copied from a seed document.
"""

import pytest

AREA = ("E06000017",)
CARE_ACT = "http://www.legislation.gov.uk/id/ukpga/2014/23"
CRIME_AND_DISORDER_ACT = "http://www.legislation.gov.uk/id/ukpga/1998/37"


def _facts(text: str):
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import analyse

    return analyse(normalise(text).text, area=AREA)._.sgkg


def _key(facts, type_id: str) -> str:
    found = [p.key for p in facts.partnerships if p.type_id == type_id]
    assert found, f"no {type_id} among {[(p.name, p.type_id) for p in facts.partnerships]}"
    return found[0]


def _duties(facts, key: str) -> dict[str, tuple[str, ...]]:
    return {d.duty_type: d.bases for d in facts.duties if d.partnership == key}


def _rels(facts) -> set[tuple[str, str, str]]:
    return {(r.source, r.kind, r.target) for r in facts.relationships}


# --------------------------------------------------------------------------- duties
def test_duty_list_after_must_takes_the_basis_of_its_introduction():
    facts = _facts(
        "Northbrook Safeguarding Adults Board\n\n"
        "The Care Act 2014 states that Safeguarding Adults Boards by statute must:\n\n"
        "- publish a strategic plan for each financial year;\n"
        "- publish an annual report on what it has done;\n"
        "- arrange a safeguarding adults review where an adult dies as a result of abuse.\n"
    )
    duties = _duties(facts, _key(facts, "safeguarding-adults-board"))
    assert {"publish-strategic-plan", "publish-annual-report", "safeguarding-adults-reviews"} <= set(duties)
    assert all(any(b.startswith(CARE_ACT) for b in bases) for bases in duties.values())


def test_statutory_duties_list_takes_the_basis_stated_just_before():
    facts = _facts(
        "Safer Eastmoor Partnership\n\n"
        "The Safer Eastmoor Partnership is the statutory Community Safety Partnership for the borough established "
        "under "
        "the Crime and Disorder Act 1998.\n\n"
        "The partnership has the following statutory duties:\n\n"
        "- Prepare an annual strategic assessment of crime and disorder;\n"
        "- Prepare a Partnership Plan to reduce crime and reoffending;\n"
        "- Consult the community on the levels and patterns of crime.\n"
    )
    duties = _duties(facts, _key(facts, "community-safety-partnership"))
    assert {"strategic-assessment", "partnership-plan", "consult-community"} <= set(duties)
    assert duties["partnership-plan"] == (CRIME_AND_DISORDER_ACT,)


def test_core_duties_as_short_lines():
    facts = _facts(
        "Westvale Safeguarding Adults Board (WSAB)\n\n"
        "The WSAB oversees adult safeguarding across the county. A SAB has three core duties:\n"
        "It must publish a strategic plan for each financial year\n"
        "It must produce an annual report\n"
        "It must conduct any Safeguarding Adult Reviews\n"
    )
    duties = _duties(facts, _key(facts, "safeguarding-adults-board"))
    assert {"publish-strategic-plan", "publish-annual-report", "safeguarding-adults-reviews"} <= set(duties)


def test_duty_of_the_partnership_named_nearest():
    facts = _facts(
        "Safer Eastmoor Partnership\n\n"
        "Following a request from the Eastmoor Police and Crime Board, Domestic Homicide Reviews were placed on a "
        "statutory "
        "basis in 2011, and it is the responsibility of the Safer Eastmoor Partnership to undertake Domestic Homicide "
        "Reviews.\n"
    )
    owners = {d.partnership for d in facts.duties if d.duty_type == "domestic-homicide-reviews"}
    assert owners == {_key(facts, "community-safety-partnership")}


def test_replaced_reviews_are_not_a_duty():
    facts = _facts(
        "Northbrook Safeguarding Children Board\n\n"
        "The new Act, replacing Serious Case Reviews with a national panel, sets out duties for the safeguarding "
        "partners.\n"
    )
    assert not [d for d in facts.duties if d.duty_type == "child-safeguarding-practice-reviews"]


# --------------------------------------------------------------------------- relationships
def test_annual_report_presented_to_the_health_and_wellbeing_board():
    facts = _facts(
        "Greyford Safeguarding Children Partnership\n\n"
        "The Greyford Safeguarding Children Partnership publishes its report every year. "
        "The annual report will be presented to the Greyford Health and Wellbeing Board.\n"
    )
    scp, hwb = _key(facts, "safeguarding-children-partnership"), _key(facts, "health-and-wellbeing-board")
    rel = [r for r in facts.relationships if (r.source, r.kind, r.target) == (scp, "presents-annual-report-to", hwb)]
    assert rel and rel[0].frequency == "annually"


def test_chairs_meet_quarterly_under_a_protocol_between_named_boards():
    facts = _facts(
        "Ashdown Joint Working Protocol\n\n"
        "This protocol sets out joint working between the Ashdown Safeguarding Adults Board, the Ashdown Safeguarding "
        "Children Partnership and the Safer Ashdown Partnership.\n\n"
        "The chairs will meet quarterly to review progress against shared actions.\n"
    )
    keys = {
        _key(facts, t)
        for t in ("safeguarding-adults-board", "safeguarding-children-partnership", "community-safety-partnership")
    }
    chairs = [r for r in facts.relationships if r.kind == "joint-chairs-meeting"]
    assert {r.source for r in chairs} | {r.target for r in chairs} == keys
    assert {r.frequency for r in chairs} == {"quarterly"}
    assert {r.kind for r in facts.relationships} >= {"joint-protocol", "joint-chairs-meeting"}


def test_frequency_table_row_and_plural_targets():
    facts = _facts(
        "Inter-Partnership Protocol\n\n"
        "This protocol sets out how the Kestrel Safeguarding Adults Board (KSAB), the Kestrel Safeguarding Children "
        "Partnership (KSCP) and the Safer Kestrel Partnership (SKP) work together, and the relationship between "
        "them.\n\n"
        "Frequency\tAction\n"
        "6 monthly\tThe chairs of all Partnerships will hold a joint chairs meeting to agree shared risks.\n"
        "Annually\tThe Safer Kestrel Partnership will share its strategic assessment with both Safeguarding Boards.\n"
    )
    sab, scp, csp = (
        _key(facts, t)
        for t in ("safeguarding-adults-board", "safeguarding-children-partnership", "community-safety-partnership")
    )
    chairs = [r for r in facts.relationships if r.kind == "joint-chairs-meeting"]
    assert chairs and {r.frequency for r in chairs} == {"six-monthly"}
    shared = {
        (r.source, r.target, r.frequency) for r in facts.relationships if r.kind == "shares-strategic-assessment-with"
    }
    assert shared == {(csp, sab, "annually"), (csp, scp, "annually")}


def test_representation_from_points_from_the_represented_partnership():
    facts = _facts(
        "Harlow Vale Safeguarding Children Partnership (HVSCP)\n\n"
        "A joint Child Death Overview Panel (CDOP) now covers the sub-region, with representation from the HVSCP.\n"
    )
    scp = _key(facts, "safeguarding-children-partnership")
    assert any(r.source == scp and r.kind == "represented-on" for r in facts.relationships)
    assert not any(r.target == scp and r.kind == "represented-on" for r in facts.relationships)


def test_annual_report_presented_to_organisations():
    facts = _facts(
        "Brackenmoor Safeguarding Children Partnership\n\n"
        "The Brackenmoor Safeguarding Children Partnership will publish a report each year.\n\n"
        "The annual report will be presented to the Police and Crime Commissioner and the Clinical Commissioning "
        "Group.\n"
    )
    orgs = {
        r.target for r in facts.relationships if r.kind == "presents-annual-report-to" and r.target.startswith("org:")
    }
    assert {"org:Police and Crime Commissioner", "org:Clinical Commissioning Group"} <= orgs


# --------------------------------------------------------------------------- priorities
def test_numbered_joint_priorities():
    facts = _facts(
        "Partnership Protocol\n\n"
        "This protocol sets out joint working between the Fenwick Safeguarding Adults Board and the Fenwick Health and "
        "Wellbeing Board.\n\n"
        "Joint Priority 1: Tackling domestic abuse\n\n"
        "Joint Priority 2: Improving transitions from children's to adults' services\n"
    )
    joint = {p.label: p for p in facts.priorities if p.joint}
    assert set(joint) >= {"Tackling domestic abuse", "Improving transitions from children's to adults' services"}
    assert "domestic-abuse" in joint["Tackling domestic abuse"].themes
    assert len(joint["Tackling domestic abuse"].owners) == 2


def test_priority_bullets_under_a_heading_with_a_period():
    facts = _facts(
        "Linfield Safeguarding Children Partnership\n\n"
        "Our priorities for 2020-22\n\n"
        "- Neglect\n"
        "- Child exploitation\n"
        "- Hearing the voice of the child\n\n"
        "The partnership reviews these priorities every year.\n"
    )
    scp = _key(facts, "safeguarding-children-partnership")
    got = {p.label: p for p in facts.priorities}
    assert set(got) == {"Neglect", "Child exploitation", "Hearing the voice of the child"}
    assert all(p.owners == (scp,) and not p.joint and p.period == "2020-22" for p in got.values())


def test_key_priorities_these_are():
    facts = _facts(
        "Report to Cabinet\n\n"
        "1.1 The Oakhurst Safeguarding Children Partnership (OSCP) has agreed the following as its Key Priorities for "
        "2021-2022 these are:\n"
        " - Neglect,\n"
        " - Exploitation, and\n"
        " - Early Help - (from the spring) following a review of thresholds across the partnership.\n"
        "1.2 The OSCP met six times during the year.\n"
    )
    got = {p.label: p for p in facts.priorities}
    assert set(got) == {"Neglect", "Exploitation", "Early Help"}
    assert {p.period for p in got.values()} == {"2021/22"}
    assert "neglect" in got["Neglect"].themes


def test_priority_stated_for_a_board():
    facts = _facts(
        "Corbridge Safeguarding Children Partnership\n\n"
        "Reducing the impact of adverse childhood experiences has been a priority for the Corbridge Health and "
        "Wellbeing "
        "Board.\n"
    )
    hwb = _key(facts, "health-and-wellbeing-board")
    assert [(p.label, p.owners) for p in facts.priorities] == [
        ("Reducing the impact of adverse childhood experiences", (hwb,))
    ]


def test_values_and_vision_lists_are_not_priorities():
    facts = _facts(
        "Northbrook Safeguarding Adults Board\n\n"
        "Our ambition is to be guided by the following behaviours:\n"
        "- Openness\n"
        "- Respect\n\n"
        "Ambitions for Place\n\n"
        "We have good homes.\n"
    )
    assert facts.priorities == []


@pytest.mark.parametrize(
    "text, period",
    [("for 2019-22", "2019-22"), ("2020/2021", "2020/21"), ("2021 2022", "2021/22"), ("in 2019 20 children", None)],
)
def test_period_in(text, period):
    from sgkg.ingest.components import period_in

    assert period_in(text) == period


def test_review_status_from_the_line_after_the_case_row():
    facts = _facts(
        "Linfield Safeguarding Children Partnership\n\n"
        "Case opened\tMethod\tBrief overview\tStatus\n"
        "May 20 CSPR Infant admitted to hospital with a head injury.\n"
        "Review completed, awaiting publication\n"
        "July 20 CSPR Young person missing from care.\n"
    )
    statuses = {r.date: r.status for r in facts.reviews}
    assert statuses.get("May 20") == "Review completed, awaiting publication"
    assert statuses.get("July 20") is None


# --------------------------------------------------------------------------- other verbs, tables and prose
# (generalisation)
def test_relationship_verb_frames_with_adverbs_and_later_clauses():
    facts = _facts(
        "Safer Eastmoor Partnership\n\n"
        "Terms of reference\n\n"
        "4.1 The Safer Eastmoor Partnership reports twice yearly to the Eastmoor Health and Wellbeing Board on its "
        "plan, and "
        "presents an annual report each June to the Eastmoor Overview and Scrutiny Committee.\n\n"
        "4.2 The following groups report to the Partnership:\n"
        "- Hate Crime Working Group\n"
        "- Night Time Economy Group\n"
    )
    csp, hwb = _key(facts, "community-safety-partnership"), _key(facts, "health-and-wellbeing-board")
    rels = _rels(facts)
    assert (csp, "reports-to", hwb) in rels
    assert any(
        r.kind == "presents-annual-report-to" and r.target.startswith("org:") and "Scrutiny Committee" in r.target
        for r in facts.relationships
        if r.source == csp
    )
    assert not any(r.source == r.target or (r.kind == "reports-to" and r.target == csp) for r in facts.relationships)


def test_review_table_rows_and_prose_case_reviews():
    facts = _facts(
        "Northbrook Safeguarding Adults Board\n\nAnnual Report 2023/24\n\n"
        "Safeguarding Adults Reviews\n\n"
        "The Board received 5 SAR referrals this year.\n\n"
        "Case Summary Status\n"
        "Mrs D Woman aged 81 who died after a fall in a care home Published May 2023\n"
        "Mr E Man aged 52 who was financially exploited by a neighbour In progress\n\n"
        "The safeguarding adults review concerning Ms F, a woman who self-neglected at home, was published in March "
        "2024.\n"
    )
    reviews = [(r.review_type, r.status) for r in facts.reviews]
    assert len([r for r in reviews if r[0] == "safeguarding-adults-review"]) == 3
    assert ("safeguarding-adults-review", "Published May 2023") in reviews
    assert any(f.value == 5 for f in facts.figures)


def test_priorities_skip_contents_and_a_joint_strategy_title_is_not_joint():
    facts = _facts(
        "Westvale Health and Wellbeing Board\n\n"
        "Contents\n"
        "Introduction 2\n"
        "Our priorities 3\n"
        "Membership 4\n\n"
        "Introduction\n\n"
        "The Westvale Health and Wellbeing Board leads the borough's work on health.\n\n"
        "Our priorities\n\n"
        "The Joint Health and Wellbeing Strategy 2024-2029 sets four priorities for the Board:\n"
        "(i)\tGood mental health for all\n"
        "(ii)\tHealthy places to live\n"
        "(iii)\tA good start for every child\n"
        "(iv)\tHealthy ageing\n"
    )
    labels = {p.label: p.joint for p in facts.priorities}
    assert "Introduction" not in labels and "Membership 4" not in labels
    assert labels.get("Good mental health for all") is False


# --------------------------------------------------------------------------- duties read as items, concise
def _texts(facts, key: str) -> dict[str, str]:
    return {d.label: d.duty_type for d in facts.duties if d.partnership == key}


def test_each_listed_duty_is_one_duty_whatever_its_marker():
    facts = _facts(
        "Safer Eastmoor Partnership\n\n"
        "The Safer Eastmoor Partnership is the Community Safety Partnership for the borough.\n\n"
        "The partnership has the following statutory duties:\n\n"
        "- prepare a strategic assessment of crime and disorder each year;\n"
        "4. agree how the partnership fund is shared between local projects;\n"
        "(c) consult on, set and monitor the neighbourhood policing plans; and\n"
        "• keep a record of every decision the partnership takes.\n"
    )
    texts = _texts(facts, _key(facts, "community-safety-partnership"))
    assert texts == {
        "prepare a strategic assessment of crime and disorder each year": "strategic-assessment",
        "agree how the partnership fund is shared between local projects": "other",
        "consult on, set and monitor the neighbourhood policing plans": "other",
        "keep a record of every decision the partnership takes": "other",
    }


def test_listed_duties_without_markers_one_a_line():
    facts = _facts(
        "Northbrook Safeguarding Adults Board\n\n"
        "The Northbrook Safeguarding Adults Board must:\n"
        "Publish a strategic plan for each financial year\n"
        "Review the safeguarding training offered to staff in every agency\n"
        "Hold member agencies to account for their safeguarding work\n\n"
        "The Board meets four times a year in the town hall.\n"
    )
    texts = _texts(facts, _key(facts, "safeguarding-adults-board"))
    assert texts == {
        "Publish a strategic plan for each financial year": "publish-strategic-plan",
        "Review the safeguarding training offered to staff in every agency": "other",
        "Hold member agencies to account for their safeguarding work": "other",
    }


def test_listed_duties_with_markers_on_lines_of_their_own():
    facts = _facts(
        "Safer Eastmoor Partnership\n\n"
        "The Safer Eastmoor Partnership's key areas of responsibility include:-\n\n"
        "i)\n\ncommissioning an annual strategic assessment of crime and disorder;\n\n"
        "ii)\n\nmaintaining an overview of trends in anti-social behaviour and fear of crime;\n\n"
        "iii)\n\nensuring agreed actions are delivered and taking corrective action where needed.\n\n"
        "The partnership is chaired by the borough commander.\n"
    )
    texts = _texts(facts, _key(facts, "community-safety-partnership"))
    assert texts == {
        "commissioning an annual strategic assessment of crime and disorder": "strategic-assessment",
        "maintaining an overview of trends in anti-social behaviour and fear of crime": "other",
        "ensuring agreed actions are delivered and taking corrective action where needed": "other",
    }


@pytest.mark.parametrize(
    "cue, items",
    [
        (
            "The core purpose of the Northbrook Safeguarding Adults Board is to:",
            [
                "provide clear leadership to the local safeguarding system;",
                "promote good working relationships between agencies.",
            ],
        ),
        (
            "Membership of the Northbrook Safeguarding Adults Board must include:",
            ["Northbrook Council;", "Northbrook Police;", "the integrated care board."],
        ),
    ],
)
def test_lists_of_aims_or_members_are_not_duties(cue, items):
    facts = _facts("Northbrook Safeguarding Adults Board\n\n" + cue + "\n\n" + "".join(f"- {i}\n" for i in items))
    assert [d.label for d in facts.duties if d.duty_type == "other"] == []


def test_a_duty_in_prose_is_its_clause_not_the_sentence():
    facts = _facts(
        "Safer Eastmoor Partnership\n\n"
        "Following a review of local arrangements in 2022, and after consulting its members and the wider public, "
        "the Safer Eastmoor Partnership is required to prepare a strategic assessment of crime and disorder every "
        "year.\n"
    )
    (duty,) = [d for d in facts.duties if d.duty_type == "strategic-assessment"]
    assert duty.label == (
        "the Safer Eastmoor Partnership is required to prepare a strategic assessment of crime and disorder every year"
    )


def test_a_parenthesis_that_states_the_duty_is_its_text():
    facts = _facts(
        "Westvale Health and Wellbeing Board\n\n"
        "The functions of the Westvale Health and Wellbeing Board are set out in section 195 of the Health and Social "
        "Care Act 2012 (duty to encourage integrated working) and in its terms of reference agreed by the council.\n"
    )
    (duty,) = [d for d in facts.duties if d.duty_type == "encourage-integrated-working"]
    assert duty.label == "duty to encourage integrated working"


def test_a_long_preamble_is_left_out():
    facts = _facts(
        "Northbrook Safeguarding Adults Board\n\n"
        "The objectives of the Northbrook Safeguarding Adults Board which the Care Act 2014 sets for every board in "
        "England are to help and protect adults with care and support needs (as the Act defines them) by co-ordinating "
        "and ensuring the effectiveness of what each of its members does.\n"
    )
    (duty,) = [d for d in facts.duties if d.duty_type == "coordinate-and-ensure-effectiveness"]
    assert duty.label.startswith("to help and protect adults")
    assert duty.label.endswith("what each of its members does")


@pytest.mark.seeds
def test_no_duty_text_is_a_paragraph_on_the_founding_documents(seeds_dir):
    from sgkg.ingest import settings
    from sgkg.ingest.ingest import analyse_source
    from sgkg.ingest.readers import read_source

    for path in sorted(seeds_dir.glob("*.txt")):
        source = read_source(path, max_bytes=settings.get("max_document_bytes"), fetch_timeout=10)
        duties = analyse_source(source)[1]._.sgkg.duties
        long = [d.label for d in duties if len(d.label.split()) > 40]
        assert not long, f"{path.name}: {long}"


def test_items_joined_on_one_line_are_read_apart():
    facts = _facts(
        "Safer Eastmoor Partnership\n\n"
        "The Safer Eastmoor Partnership will:\n\n"
        "(a) consult on, set and monitor the neighbourhood policing plans; and (b) keep a record of every decision the "
        "partnership takes.\n"
    )
    texts = _texts(facts, _key(facts, "community-safety-partnership"))
    assert texts == {
        "consult on, set and monitor the neighbourhood policing plans": "other",
        "keep a record of every decision the partnership takes": "other",
    }


def test_duties_joined_in_one_sentence_are_read_apart():
    facts = _facts(
        "Westvale Health and Wellbeing Board\n\n"
        "Under the 2012 Act the Westvale Health and Wellbeing Board must prepare a joint strategic needs assessment of "
        "local needs and publish a joint health and wellbeing strategy that answers them.\n"
    )
    labels = {d.duty_type: d.label for d in facts.duties}
    assert labels["jsna"] == (
        "Under the 2012 Act the Westvale Health and Wellbeing Board must prepare a joint "
        "strategic "
        "needs assessment of local needs"
    )
    assert labels["joint-health-and-wellbeing-strategy"] == (
        "publish a joint health and wellbeing strategy that answers them"
    )


def test_a_list_cue_takes_the_provision_cited_just_before_it():
    facts = _facts(
        "Northbrook Safeguarding Adults Board\n\n"
        "Schedule 2 to the Care Act 2014 describes how a board works. Every year the Northbrook Safeguarding Adults "
        "Board must:\n"
        "- publish a strategic plan saying how it will meet its objective;\n"
        "- publish an annual report on what it and its members have done.\n"
    )
    duties = _duties(facts, _key(facts, "safeguarding-adults-board"))
    assert duties["publish-strategic-plan"] == duties["publish-annual-report"] == (f"{CARE_ACT}/schedule/2",)


def test_responsible_for_opens_a_list_of_duties_but_not_in_prose():
    facts = _facts(
        "Northbrook Safeguarding Adults Board\n\n"
        "The Northbrook Safeguarding Adults Board is responsible for:\n\n"
        "- overseeing how well member agencies safeguard adults at risk;\n"
        "- making sure that learning from reviews reaches frontline staff.\n\n"
        "The council is responsible for receiving the annual report of the coroner.\n"
    )
    texts = _texts(facts, _key(facts, "safeguarding-adults-board"))
    assert texts == {
        "overseeing how well member agencies safeguard adults at risk": "other",
        "making sure that learning from reviews reaches frontline staff": "other",
    }


def test_a_closing_citation_is_left_to_the_basis():
    facts = _facts(
        "Westvale Health and Wellbeing Board\n\n"
        "The Westvale Health and Wellbeing Board will:\n\n"
        "a) keep the joint strategic needs assessment for Westvale up to date, as required by section 116 of the Local "
        "Government and Public Involvement in Health Act 2007;\n"
        "b) review the pharmacy opening hours across the borough.\n"
    )
    texts = _texts(facts, _key(facts, "health-and-wellbeing-board"))
    assert texts == {
        "keep the joint strategic needs assessment for Westvale up to date": "jsna",
        "review the pharmacy opening hours across the borough": "other",
    }
    (jsna,) = [d for d in facts.duties if d.duty_type == "jsna"]
    assert jsna.bases == ("http://www.legislation.gov.uk/id/ukpga/2007/28/section/116",)
