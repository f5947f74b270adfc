"""Priority tables and lists on small FICTIONAL texts (boards and decisions made up; the area names are real so
that the area is detected): a table is read only under a header naming a priority column and only while its rows
sit under it; contents pages, escalation, signature and glossary tables give no priorities."""

from sgkg.ingest.normalise import normalise
from sgkg.ingest.pipeline import analyse


def labels(text: str) -> set[str]:
    return {p.label for p in analyse(normalise(text).text)._.sgkg.priorities}


TABLE_THEN_SIGNATURES = """Bury Safeguarding Adults Board
Strategic Plan 2024-2027

Strategic priority\tLead board\tContributing boards
Tackling exploitation\tBury Safeguarding Adults Board\tBury Community Safety Partnership
Preventing self-neglect\tBury Safeguarding Adults Board\tBury Health and Wellbeing Board

Signed\tBury Safeguarding Adults Board\tDate
Alex Brown, Independent Chair\tBury Safeguarding Adults Board\t1 April 2024
12 March 2024\tBury Community Safety Partnership\t
"""


def test_table_stops_at_blank_line_and_signatures():
    assert labels(TABLE_THEN_SIGNATURES) == {"Tackling exploitation", "Preventing self-neglect"}


THEME_TABLE = """Bury Community Safety Partnership
Partnership Plan 2024-25

Theme\tLead\tSupporting partners
Reducing serious violence\tBury Community Safety Partnership\tBury Safeguarding Adults Board
Page 4\tBury Community Safety Partnership\t
"""


def test_theme_header_table_stops_at_a_row_that_is_no_priority():
    assert labels(THEME_TABLE) == {"Reducing serious violence"}


CONTENTS = """Bolton Safeguarding Adults Board
Annual Report 2023-24

Introduction\t3
Our priorities\t5
3. Priorities for the year ahead ... 7
Glossary\t12

The Bolton Safeguarding Adults Board must publish an annual report.
"""


def test_contents_page_gives_no_priorities():
    assert labels(CONTENTS) == set()


ESCALATION = """Bolton Safeguarding Adults Board
Escalation Protocol 2024

Priority\tLead board\tContact
Stage 1\tBolton Safeguarding Adults Board\tPractitioner to practitioner
Step 2\tBolton Safeguarding Adults Board\tManager to manager
"""


def test_escalation_steps_are_not_priorities():
    assert labels(ESCALATION) == set()


GLOSSARY = """Bolton Safeguarding Adults Board
Annual Report 2023-24

Glossary
Theme\tMeaning
SAB\tBolton Safeguarding Adults Board
CSP\tBolton Community Safety Partnership
"""


def test_glossary_gives_no_priorities():
    assert labels(GLOSSARY) == set()


SENTENCES_UNDER_HEADER = """Bolton Safeguarding Adults Board
Business Plan 2024-25

Our priorities:
The Board will publish its annual report in September.
Partners must attend every meeting.
"""


def test_whole_sentences_with_modal_verbs_are_not_priority_labels():
    assert labels(SENTENCES_UNDER_HEADER) == set()


BULLETED = """Bolton Safeguarding Adults Board
Business Plan 2024-25

Our priorities for 2024-25 are:
- Making safeguarding personal
- Transitions to adulthood
- Financial abuse
"""


def test_bulleted_priorities_still_read():
    assert labels(BULLETED) == {"Making safeguarding personal", "Transitions to adulthood", "Financial abuse"}


RELATIONS = """Bolton Safeguarding Adults Board
Arrangements 2024

The Bolton Community Safety Partnership reports to the Bolton Health and Wellbeing Board and shares its strategic assessment with the Bolton Safeguarding Adults Board.

The Bolton Health and Wellbeing Board holds the Bolton Safeguarding Children Partnership to account.
"""


def test_coordinated_verbs_keep_their_own_kinds_and_holding_to_account_is_reporting():
    facts = analyse(normalise(RELATIONS).text)._.sgkg
    got = {(facts.partnership(r.source).name, r.kind, facts.partnership(r.target).name) for r in facts.relationships}
    assert got == {
        ("Bolton Community Safety Partnership", "reports-to", "Bolton Health and Wellbeing Board"),
        ("Bolton Community Safety Partnership", "shares-strategic-assessment-with", "Bolton Safeguarding Adults Board"),
        ("Bolton Safeguarding Children Partnership", "reports-to", "Bolton Health and Wellbeing Board"),
    }


# --- priorities inside one sentence, cues without the word "priority", lead notes, lead-ins (issue 10) -------------


def facts_of(text: str):
    return analyse(normalise(text).text)._.sgkg.priorities


INLINE_NAMELY = """Bury Safeguarding Adults Board

The Board has three current priorities across the borough - namely Financial Abuse, Transitions and Hoarding. There is a task group for each of them.
"""


def test_priorities_named_inline_after_namely():
    assert labels(INLINE_NAMELY) == {"Financial Abuse", "Transitions", "Hoarding"}


INLINE_WERE = """Bury Community Safety Partnership
Annual report to the Overview and Scrutiny Committee

The officer presented the report. The current priorities for the Bury Community Safety Partnership were - Knife Crime, Substance Misuse and Modern Slavery. Members asked about funding.
"""


def test_priorities_after_were_dash_end_with_the_sentence():
    assert labels(INLINE_WERE) == {"Knife Crime", "Substance Misuse", "Modern Slavery"}


INLINE_NUMBERED = """Bury Safeguarding Children Partnership
Report to the Health and Wellbeing Board

She outlined the four priorities set by the Bury Safeguarding Children Partnership for 2024-2025, namely, 1. Early help; 2. Neglect; 3. Online safety; 4. Youth violence. She said that a fifth would follow.
"""


def test_numbered_priorities_inside_one_sentence():
    facts = facts_of(INLINE_NUMBERED)
    assert {p.label for p in facts} == {"Early help", "Neglect", "Online safety", "Youth violence"}
    assert {p.period for p in facts} == {"2024/25"}


INLINE_BEFORE = """Bury Community Safety Partnership

Burglary, fly-tipping, tackling county lines and supporting victims of stalking have all been identified as priorities in the new plan for Bury.
"""


def test_priorities_named_before_identified_as_priorities():
    assert labels(INLINE_BEFORE) == {
        "Burglary",
        "Fly-tipping",
        "Tackling county lines",
        "Supporting victims of stalking",
    }


INLINE_SEMICOLONS_AND_CLAUSE = """Bury Safeguarding Adults Board
Minutes

The strategic priorities for the interim plan were proposed as Listening; Learning; and Assurance.  This was agreed.
The key priorities for the year had been scams, hoarding and fire safety at home, and the same priorities would be carried forward.
"""


def test_semicolon_list_and_a_new_clause_after_the_list():
    assert labels(INLINE_SEMICOLONS_AND_CLAUSE) == {
        "Listening",
        "Learning",
        "Assurance",
        "Scams",
        "Hoarding",
        "Fire safety at home",
    }


NOT_AN_ENUMERATION = """Bury Safeguarding Adults Board

The priorities are set out in the plan, reviewed every year and agreed by the Board.
Partners work together to deliver strategic priorities and those crosscutting issues are addressed by providing leadership, direction and challenge.
"""


def test_clauses_about_priorities_are_not_priorities():
    assert labels(NOT_AN_ENUMERATION) == set()


FOCUS_INTRO = """Bury Health and Wellbeing Board

The focus of the board is to do three things:

  1. Help people live longer in good health
  2. Join up health and care services
  3. Support carers.

For more information contact the board.
"""


def test_a_focus_cue_without_the_word_priority_introduces_a_list():
    assert labels(FOCUS_INTRO) == {
        "Help people live longer in good health",
        "Join up health and care services",
        "Support carers",
    }


FOLLOWING_AND_CONTINUATION = """Bury Community Safety Partnership

1.3 The Bury Community Safety Partnership has agreed the following priority areas for delivery.

·  Neighbourhood crime

·  Drug-related harm

·  Hate crime

Crime is a top concern for residents and is reported as a priority in the annual survey. These include:

  • Retail crime
  • Road safety
"""


def test_following_priority_areas_and_these_include_after_a_priority_sentence():
    assert labels(FOLLOWING_AND_CONTINUATION) == {
        "Neighbourhood crime",
        "Drug-related harm",
        "Hate crime",
        "Retail crime",
        "Road safety",
    }


LEAD_NOTES_AND_MINUTES = """Bury Community Safety Partnership
Scrutiny Board minutes

The Board considered updates from the Bury Community Safety Partnership on its four key priorities:

1.  Knife Crime: Key Priority Lead – Greater Manchester Police.

2.  Road Safety: Key Priority Lead – Bury Council.

3.  Retail Crime: Key Priority Lead – Bury Council.

The report was taken as read and the Board asked the following questions:

- Cllr Smith welcomed the report and its positive outlook.
"""


def test_key_priority_lead_notes_are_cut_and_minutes_after_the_list_are_not_priorities():
    assert labels(LEAD_NOTES_AND_MINUTES) == {"Knife Crime", "Road Safety", "Retail Crime"}


LEAD_IN_AND_RUNNING_LIST = """Bury Safeguarding Children Partnership

The partnership reviews:
- Performance data;
- Progress against thematic priorities; and
- The voice of children and families.

The partnership has agreed local safeguarding priorities for 2024-25, which are to:

Reduce the harm from:

  • Criminal exploitation
  • Neglect
"""


def test_a_lead_in_line_is_no_priority_and_a_running_list_item_is_no_introduction():
    assert labels(LEAD_IN_AND_RUNNING_LIST) == {"Criminal exploitation", "Neglect"}


AGENDA_AND_VERB = """Bury Health and Wellbeing Board
Agenda

5. Health and Wellbeing Priority 1 - Healthy Weight Update Dr Jo Bloggs, Public Health will provide an update at the meeting

6. Health and Wellbeing Priority 2 - Good Work for All Sam Smith, Director of Economy will provide an update at the meeting

This year the Bury Safeguarding Children Partnership had been asked to prioritise online safety.
"""


def test_agenda_priority_lines_and_a_verb_of_prioritising():
    assert labels(AGENDA_AND_VERB) == {"Healthy Weight", "Good Work for All", "Online safety"}


TITLED_ITEMS = """Bury Safeguarding Adults Board

Key priorities had included:

-  Self-neglect – 20% of enquiries related to self-neglect, an increase on the year before.

-  Scams – 30 cases had been reviewed by the panel.
"""


def test_item_title_before_a_dash_and_a_statement():
    assert labels(TITLED_ITEMS) == {"Self-neglect", "Scams"}


def test_a_long_label_is_never_cut_mid_word():
    long = "Improving " + " ".join(["outcomes for children and families across every neighbourhood"] * 6)
    text = (
        f"Bury Safeguarding Children Partnership\n\nOur priorities for 2024-25 are:\n- {long}\n- Neglect\n- Early "
        "help\n"
    )
    got = [p.label for p in facts_of(text) if p.label.startswith("Improving")]
    assert got and len(got[0]) <= 200 and long.startswith(got[0]) and long[len(got[0])] == " "


MINUTES_ABOUT_PRIORITIES = """Bury Safeguarding Adults Board
Minutes of the meeting

The chair said the priorities were ambitious, realistic and achievable.
The Board's priorities remain unchanged, although the action plan, the risk register and the budget have been updated.
The priorities were informed by the strategic assessment, resident surveys and partner data.
Partners were asked to prioritise attendance at the Board.
"""


def test_descriptions_of_priorities_and_a_verb_without_a_theme_give_no_priorities():
    assert labels(MINUTES_ABOUT_PRIORITIES) == set()


TO_CLAUSES_AND_QUALIFIED_COLON = """Bury Safeguarding Adults Board

Our priorities are to keep people safe at home, to learn from reviews and to listen to residents.
The Board has set four priorities for 2024-25: scams, self-neglect, hoarding and transitions.
"""


def test_to_clauses_and_a_colon_after_a_qualified_cue():
    assert labels(TO_CLAUSES_AND_QUALIFIED_COLON) == {
        "Keep people safe at home",
        "Learn from reviews",
        "Listen to residents",
        "Scams",
        "Self-neglect",
        "Hoarding",
        "Transitions",
    }


def test_the_priorities_component_keeps_nothing_between_documents():
    from sgkg.ingest.pipeline import get_nlp

    before = dict(vars(get_nlp().get_pipe("sgkg_priorities")))
    labels(BULLETED)
    labels(INLINE_NAMELY)
    assert dict(vars(get_nlp().get_pipe("sgkg_priorities"))) == before


PERIODS_NEARBY = """Bury Safeguarding Adults Board

The priorities for 2023/24 stayed as the year before. The current priorities for the Board were - Scams, Hoarding and Transitions.

The Executive agreed four priorities for 2024-2026:

Priority 1 - Neglect: improve how agencies recognise neglect.

Priority 2 - Exploitation: work with the Bury Community Safety Partnership.
"""


def test_a_cue_without_a_period_takes_it_from_its_paragraph_or_the_introduction_above():
    got = {p.label: p.period for p in facts_of(PERIODS_NEARBY)}
    assert got["Scams"] == got["Transitions"] == "2023/24"
    assert {period for label, period in got.items() if label.startswith(("Neglect", "Exploitation"))} == {"2024-26"}


INCLUDE_THEMES_AND_PLAIN_COLON = """Bury Community Safety Partnership

The new strategy sets out four priorities: knife crime, retail crime, road safety and fraud.
The partnership's priorities for the coming year include tackling drug supply, protecting young people and reducing burglary.
The three strategic themes of the plan are Prevention, Protection and Partnership working.
The conference themes were listening, learning and leading.
"""


def test_include_strategic_themes_and_a_colon_after_a_news_style_cue():
    assert labels(INCLUDE_THEMES_AND_PLAIN_COLON) == {
        "Knife crime",
        "Retail crime",
        "Road safety",
        "Fraud",
        "Tackling drug supply",
        "Protecting young people",
        "Reducing burglary",
        "Prevention",
        "Protection",
        "Partnership working",
    }


def test_main_themes_from_reviews_are_not_priorities():
    text = (
        "Bury Safeguarding Adults Board\n\nThe main themes from these reviews are the need for professional "
        "curiosity, "
        "better sharing of information between teams, and the use of the Mental Capacity Act 2005.\n"
    )
    assert labels(text) == set()


HEADED_RUN = """Bury Safeguarding Children Partnership

Our priorities

The partnership has three priorities for 2024-2027.

Neglect

We want every practitioner to recognise neglect early and act on it.

Child exploitation

We will work together to protect children from criminal and sexual exploitation.

Early help

Families should get help as soon as problems emerge, whatever their needs.

Contact us

Email the business unit.
"""


def test_as_many_explained_headings_as_the_introduction_announces():
    assert labels(HEADED_RUN) == {"Neglect", "Child exploitation", "Early help"}


HEADINGS_WITHOUT_PROSE = """Bury Community Safety Partnership

The plan highlights the four main themes we will focus on:

Tackling violence

The partnership will focus on keeping people safe and disrupting organised crime groups.

Agenda item

Community Safety Plan 2024-2027

Contact:

Jo Bloggs - Community Safety Manager
"""


def test_headings_that_are_not_explained_by_prose_are_no_run():
    assert "Agenda item" not in labels(HEADINGS_WITHOUT_PROSE)


NUMBERED_RUN = """Bury Community Safety Partnership

Our priorities for 2024-25 are:

1. Reducing serious violence
We will work with schools and youth services.

2. Tackling anti-social behaviour
We will use the community trigger.

3. Protecting vulnerable people
We will support victims.

Our partners
"""


def test_numbered_priorities_with_prose_between_them():
    assert labels(NUMBERED_RUN) == {
        "Reducing serious violence",
        "Tackling anti-social behaviour",
        "Protecting vulnerable people",
    }


SUB_ACTIONS = """Bury Safeguarding Children Partnership

Our priorities for 2024-25 are:

1. Strengthen the partnership's learning from reviews. This includes a. Publishing the outstanding reviews b. Refreshing the training offer.

2. Improve the response to neglect

3. Improve early help
"""


def test_lettered_work_under_this_includes_is_not_a_priority():
    assert labels(SUB_ACTIONS) == {
        "Strengthen the partnership's learning from reviews",
        "Improve the response to neglect",
        "Improve early help",
    }


MORE_INLINE_FORMS = """Bury Safeguarding Adults Board

Our priorities are as follows: scams, self-neglect and transitions.
Members discussed priorities including the budget, staffing and the annual report.
We will report on priority 2 - the new plan, at the next meeting.
"""


def test_as_follows_inline_and_no_priorities_from_discussion_or_lowercase_mentions():
    assert labels(MORE_INLINE_FORMS) == {"Scams", "Self-neglect", "Transitions"}


PRIORITY_COLUMN = """Bury Safeguarding Adults Board
Strategic plan 2024-27

| Priority | What we will do |
| Prevention | Raise awareness of abuse |
| Making safeguarding personal | Ask people what outcomes they want |

| Page 4 | Contents |
"""


def test_the_first_column_of_a_table_headed_priority():
    assert labels(PRIORITY_COLUMN) == {"Prevention", "Making safeguarding personal"}


REMARKS = """Bury Safeguarding Adults Board
Strategic Plan 2024-2027

Our priorities are:
- Tackling exploitation (to be agreed by the board in the spring)
- Preventing self-neglect (see {words}
"""


def test_a_trailing_remark_is_dropped_and_an_unclosed_bracket_is_read_in_linear_time():
    """A closed remark of four or more words leaves the label; an unclosed bracket of many words is kept as
    written. (The old pattern repeated "[^()]*\\s" and backtracked exponentially on an unclosed bracket: 28 s for
    20 words, so 60 words would not finish; the alarm turns a hang into a failure.)"""
    import signal

    def hang(*_):
        raise TimeoutError("label cleaning backtracks: a bracket that never closes took over 20 s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(20)
    try:
        found = labels(REMARKS.format(words=" ".join(["more words"] * 30)))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "Tackling exploitation" in found
    assert any(label.startswith("Preventing self-neglect (see more words") for label in found), found


# -- kinds read on held-out pages: a cue that names no priority (a plan's focus, a lead-in heading), titles with a
# paragraph each; fictional texts in our own words


PLAN_FOCUS = """Bury Safeguarding Children Partnership

The work plan for the partnership focussed on neglect, online harm, being trauma informed and getting help early;

The Partnership in Bury will focus on keeping people safe, tackling exploitation and disrupting gangs.
"""


def test_a_plan_that_focuses_on_an_enumeration_gives_its_items_and_a_partnership_explaining_itself_does_not():
    assert labels(PLAN_FOCUS) == {"Neglect", "Online harm", "Being trauma informed", "Getting help early"}


LEAD_IN_HEADINGS = """Bury Community Safety Partnership

Our focus for 2024-25
- Reducing serious violence
- Tackling anti-social behaviour

This year the partnership has agreed to focus on three key issues:
- Road safety
- Substance misuse
- Hate crime
"""


def test_a_heading_or_a_decision_to_focus_introduces_a_list_of_short_labels():
    assert labels(LEAD_IN_HEADINGS) == {
        "Reducing serious violence",
        "Tackling anti-social behaviour",
        "Road safety",
        "Substance misuse",
        "Hate crime",
    }


FUNCTIONS_UNDER_A_LEAD_IN = """Bury Safeguarding Adults Board

Strategic aims:
  • ensure there is a shared understanding across all agencies of the thresholds for adults at risk of harm
  • ensure funding agreements are in place in line with the national guidance for each member agency

What we will do
- We will publish an annual report every year.
- We will hold a development day.
"""


def test_a_lead_in_whose_items_are_sentences_or_long_clauses_gives_nothing():
    assert labels(FUNCTIONS_UNDER_A_LEAD_IN) == set()


EXPLAINED_TITLES = """Bury Community Safety Partnership

Our priorities

The current community safety priorities, as set out in our delivery plan:

Increase feelings of safety
Residents have told us that feeling safe in their street matters a great deal to them, and we want to respond.

Support vulnerable residents
Vulnerability takes many forms and the partnership will work with older residents and victims of crime.
"""

QUESTION_TITLES = """Bury Safeguarding Children Partnership

What are our priorities?

Exploitation
The aim is for young people to be free from the harm of exploitation and going missing.

Neglect
The aim is to reduce neglect and make sure help is offered at the earliest point.

Agenda item

Annual report 2024
A report will be presented in respect of the annual report of the partnership.
"""


def test_titles_each_with_a_paragraph_are_the_items_and_the_paragraphs_are_not():
    assert labels(EXPLAINED_TITLES) == {"Increase feelings of safety", "Support vulnerable residents"}
    # a title without its paragraph ("Agenda item") ends the run
    assert labels(QUESTION_TITLES) == {"Exploitation", "Neglect"}


NUMBER_THEN_LABEL = """Bury Safeguarding Children Partnership

Strategic priorities 2024-26

Priority one
Early help and prevention

Priority two
Safeguarding adolescents
"""


def test_a_priority_number_alone_on_its_line_takes_the_next_line_as_its_label():
    assert labels(NUMBER_THEN_LABEL) == {"Early help and prevention", "Safeguarding adolescents"}


MARKDOWN_TABLE = """Bury Community Safety Partnership

| Our priorities | Why it matters |
|---|---|
| Serious violence | Knife crime has risen |
| Anti-social behaviour | Residents tell us it matters |
"""


def test_a_markdown_rule_under_a_priority_header_is_no_row_and_no_row_is_read_as_a_list_item():
    assert labels(MARKDOWN_TABLE) == {"Serious violence", "Anti-social behaviour"}


COLON_AND_FOCUS_AREAS = """Bury Safeguarding Adults Board

The Board's strategic priorities are: Prevention; Making Safeguarding Personal; and Quality Assurance.

Key areas of focus for the board this year have been self-neglect, financial abuse and hoarding.
"""


def test_priorities_are_colon_and_areas_of_focus_in_running_text():
    assert labels(COLON_AND_FOCUS_AREAS) == {
        "Prevention",
        "Making Safeguarding Personal",
        "Quality Assurance",
        "Self-neglect",
        "Financial abuse",
        "Hoarding",
    }


DESCRIBED_ITEMS = """Bury Safeguarding Adults Board

Our strategic priorities for 2023-26

1. Prevention – stopping abuse before it happens by raising awareness in the community
2. Learning – learning from reviews and audits to improve practice
3. Neglect - Identify and Reduce the Impact of Neglect on Adults
"""


def test_items_described_in_lower_case_after_a_dash_give_their_titles_and_a_title_case_subtitle_stays():
    assert labels(DESCRIBED_ITEMS) == {
        "Prevention",
        "Learning",
        "Neglect - Identify and Reduce the Impact of Neglect on Adults",
    }


COLON_TITLES_AND_PLAN_THEMES = """Bury Safeguarding Children Partnership

Our priorities for 2024-25 are:
- Neglect: we will roll out a new toolkit for practitioners across the partnership.
- Exploitation: we will improve how we identify children at risk of exploitation.

The four themes of the strategy are starting well, living well, ageing well and healthy places.

The main themes from these reviews are the need for curiosity, better sharing of records and the use of the Act.
"""


def test_items_titled_before_a_colon_and_the_themes_of_a_strategy_but_not_the_themes_of_reviews():
    assert labels(COLON_TITLES_AND_PLAN_THEMES) == {
        "Neglect",
        "Exploitation",
        "Starting well",
        "Living well",
        "Ageing well",
        "Healthy places",
    }


TITLES_WITH_ACTIONS = """Bury Safeguarding Children Partnership

Our priorities 2024-2026

Neglect
- Launch the neglect strategy
- Train practitioners in the graded care profile

Exploitation
- Map children at risk of exploitation
- Review the missing children protocol
"""

AREAS_AND_ORDINALS = """Bury Safeguarding Adults Board

Priority area 1: Prevention and early intervention
Priority area 2: Making safeguarding personal

Our first priority is tackling neglect. Our second priority is reducing exploitation.
"""

HEADLINE_THEN_LIST = """Bury Community Safety Partnership

Cabinet to discuss priorities within new strategy

Our cabinet will discuss new priorities within the community safety strategy for 2024 to 2027.

Town Hall in Bury

The strategy has been developed by the partnership, which brings together the council and the police.

The strategy will put resources into three strategic priorities based upon an assessment of crime in the town.

The three strategic priorities are:

Safe town centres
- Tackling shop theft and street drinking in the town centres.

Reducing domestic abuse
- This priority will support victims and hold perpetrators to account.
"""


def test_titles_each_with_bulleted_actions_numbered_areas_and_ordinal_priorities():
    assert labels(TITLES_WITH_ACTIONS) == {"Neglect", "Exploitation"}
    assert labels(AREAS_AND_ORDINALS) == {
        "Prevention and early intervention",
        "Making safeguarding personal",
        "Tackling neglect",
        "Reducing exploitation",
    }


def test_prose_about_priorities_ends_a_run_of_explained_titles_and_a_headline_is_no_priority():
    assert labels(HEADLINE_THEN_LIST) == {"Safe town centres", "Reducing domestic abuse"}


NUMBERED_PRIORITY_COLUMN = """Bury Safeguarding Adults Board

| No. | Priority | Lead |
|---|---|---|
| 1 | Self-neglect and hoarding | Adult social care |
| 2 | Financial abuse | Police |
"""

ACTION_LOG = """Bury Safeguarding Adults Board

| Date | Priority | Action |
| 1 May | High | Book the room |
| 2 May | Medium | Send the papers |
"""


def test_a_priority_column_after_a_number_column_and_never_a_priority_level_column():
    assert labels(NUMBERED_PRIORITY_COLUMN) == {"Self-neglect and hoarding", "Financial abuse"}
    assert labels(ACTION_LOG) == set()


REPORTED_AND_PRIORITISED = """Bury Safeguarding Adults Board

Minutes of the Adult Social Care Scrutiny Panel

The Independent Chair presented the annual report of the Bury Safeguarding Adults Board. The Board's priorities for 2024/25 would be self-neglect, transitions and making safeguarding personal. Members asked about waiting lists.
"""

PRIORITISE_AND_HEADING_ENUMERATION = """Bury Safeguarding Children Partnership

In 2024-25 we will prioritise neglect, child exploitation and the mental health of young people.

Key priorities
Online safety, school attendance, early help and youth violence.
"""


def test_reported_speech_a_verb_of_prioritising_and_an_enumeration_under_a_priority_heading():
    assert labels(REPORTED_AND_PRIORITISED) == {"Self-neglect", "Transitions", "Making safeguarding personal"}
    assert labels(PRIORITISE_AND_HEADING_ENUMERATION) == {
        "Neglect",
        "Child exploitation",
        "The mental health of young people",
        "Online safety",
        "School attendance",
        "Early help",
        "Youth violence",
    }


GENERIC_OWNER = """Bury Community Safety Partnership

Tackling domestic abuse remains a key priority for the partnership.

The council said that road safety is a priority for residents.
"""


def test_a_priority_for_the_partnership_named_generically_is_the_documents_partnerships():
    assert labels(GENERIC_OWNER) == {"Tackling domestic abuse"}


INTRODUCED_TITLES_AND_A_LINKS_HEADING = """Bury Safeguarding Children Partnership

Our priorities

We have agreed three priorities after talking to partners, children and families.

Neglect

We will launch a new strategy and train practitioners to spot neglect early.

Exploitation

We will map the children at risk and disrupt the people who exploit them.

Bury Safeguarding Adults Board

Our priorities are:
Prevention
Making safeguarding personal
Learning from reviews

Useful links
- Report a concern
- Training calendar
"""


def test_titles_after_an_introducing_paragraph_and_a_heading_over_the_next_bulleted_list_is_no_item():
    found = labels(INTRODUCED_TITLES_AND_A_LINKS_HEADING)
    assert found == {"Neglect", "Exploitation", "Prevention", "Making safeguarding personal", "Learning from reviews"}


MINUTES_KEY_ISSUES = """Bury Safeguarding Adults Board

Minutes

Key issues:
- Staffing
- Budget pressures
- Waiting lists
"""


def test_key_issues_of_a_meeting_are_no_lead_in_of_priorities():
    assert labels(MINUTES_KEY_ISSUES) == set()
