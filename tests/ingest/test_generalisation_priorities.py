"""Priority tables and lists on small FICTIONAL texts (boards and decisions made up; the area names are real so
that the area is detected): a table is read only under a header naming a priority column and only while its rows
sit under it; contents pages, escalation, signature and glossary tables give no priorities."""

from ingest.normalise import normalise
from ingest.pipeline import analyse


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
    assert got == {("Bolton Community Safety Partnership", "reports-to", "Bolton Health and Wellbeing Board"),
                   ("Bolton Community Safety Partnership", "shares-strategic-assessment-with", "Bolton Safeguarding Adults Board"),
                   ("Bolton Safeguarding Children Partnership", "reports-to", "Bolton Health and Wellbeing Board")}
