"""The priority classifier (ingest/train.py, ingest/components/priority_units.py and priority_model.py) on small
FICTIONAL sets written for these tests: units, labelling from expected files, deterministic training, and the
component asking a trained model about a list the rules do not read. The packaged pipeline runs the rules alone
(the model did not beat them on documents it was not trained on: bench/README.md)."""

import json
from importlib.resources import files

import pytest
from spacy.util import load_config_from_str, load_model_from_config

from sgkg.ingest import train
from sgkg.ingest.components.priority_model import load_classifier
from sgkg.ingest.components.priority_units import ITEM, SENTENCE, units
from sgkg.ingest.layout import segment
from sgkg.ingest.normalise import normalise
from sgkg.ingest.patterns import read_component_rules, rule_set
from sgkg.ingest.pipeline import analyse

RULES = rule_set("priorities", read_component_rules("priorities"))

PLAN = """Bury Community Safety Partnership

Where our effort goes in 2024-25
- Reducing knife crime
- Tackling shoplifting
- Supporting victims of fraud

Who sits on the partnership
- Bury Council
- Greater Manchester Police

The plan this year concentrated on knife crime, shoplifting, fraud and youth violence.
"""

OTHER = """Bolton Safeguarding Adults Board

Our priorities 2024-26
- Preventing self-neglect
- Tackling financial abuse
- Making safeguarding personal

Contact us
- Telephone the board office
- Write to the business manager

Meetings were held in March, June, September and December.
"""


def _fictional_set(root, name, documents):
    for stem, (text, labels) in documents.items():
        (root / name / "cache").mkdir(parents=True, exist_ok=True)
        (root / name / "expected").mkdir(parents=True, exist_ok=True)
        (root / name / "cache" / f"{stem}.txt").write_text(text, encoding="utf-8")
        facts = [{"label": label, "quote": label} for label in labels]
        expected = {"document": f"{stem}.txt", "priorities": {"complete": True, "facts": facts}}
        (root / name / "expected" / f"{stem}.json").write_text(json.dumps(expected), encoding="utf-8")


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    root = tmp_path_factory.mktemp("sets")
    docs = {}
    for i in range(6):
        docs[f"plan{i}"] = (PLAN, ["Reducing knife crime", "Tackling shoplifting", "Supporting victims of fraud"])
        docs[f"other{i}"] = (OTHER, ["Preventing self-neglect", "Tackling financial abuse", "Making safeguarding"])
    _fictional_set(root, "dev", docs)
    return root


def test_units_are_list_items_with_their_lead_in_and_enumerating_sentences():
    text = normalise(PLAN).text
    found = units(RULES, text, segment(text))
    items = [u for u in found if u.kind == ITEM]
    assert [text[u.body : u.end] for u in items][:3] == [
        "Reducing knife crime",
        "Tackling shoplifting",
        "Supporting victims of fraud",
    ]
    assert "lead_effort" in items[0].features and "knife" in items[0].features
    assert len({u.group for u in items}) == 2  # two lists
    sentences = [text[u.start : u.end] for u in found if u.kind == SENTENCE]
    assert sentences == ["The plan this year concentrated on knife crime, shoplifting, fraud and youth violence."]


def test_a_unit_is_positive_when_an_expected_label_lies_in_it(fictional):
    data = train.examples(fictional, ("dev",))
    positive = {e.unit.features.split()[-1] for e in data if e.positive and e.unit.kind == ITEM}
    assert positive == {"crime", "shoplifting", "fraud", "self-neglect", "abuse", "personal"}
    assert not any(e.positive for e in data if "council" in e.unit.features.split()[-2:])


def test_training_is_deterministic_and_keeps_no_training_words(fictional, tmp_path):
    for out in ("a", "b"):
        train.main(["priorities", "--root", str(fictional), "--sets", "dev", "--out", str(tmp_path / out)])
    weights = [(tmp_path / out / "textcat_multilabel" / "model").read_bytes() for out in ("a", "b")]
    assert weights[0] == weights[1]
    strings = (tmp_path / "a" / "vocab" / "strings.json").read_text(encoding="utf-8")
    assert "shoplifting" not in strings and "Shoplifting" not in strings
    nlp = load_classifier(str(tmp_path / "a"))
    text = normalise(PLAN).text
    scored = {text[u.body : u.end]: nlp(u.features).cats["PRIORITY"] for u in units(RULES, text, segment(text))}
    assert scored["Reducing knife crime"] > 0.5 > scored["Bury Council"]


def _pipeline(model: str):
    config = load_config_from_str((files("sgkg.ingest") / "pipeline.cfg").read_text(encoding="utf-8"))
    config["components"]["sgkg_priorities"]["model"] = model
    config["components"]["sgkg_priorities"]["model_threshold"] = 0.5
    return load_model_from_config(config, auto_fill=True, validate=True)


def test_the_component_asks_the_model_where_the_rules_read_nothing(fictional, tmp_path):
    train.main(["priorities", "--root", str(fictional), "--sets", "dev", "--out", str(tmp_path / "m")])
    text = normalise(PLAN).text
    rules_alone = {p.label for p in analyse(text)._.sgkg.priorities}
    assert "Reducing knife crime" not in rules_alone  # "Where our effort goes" is no cue the rules know
    found = analyse(text, nlp=_pipeline(str(tmp_path / "m")))._.sgkg.priorities
    labels = {p.label: p.mention.rule for p in found}
    assert labels["Reducing knife crime"] == "priority.model.list"
    assert "Bury Council" not in labels


def test_the_packaged_pipeline_runs_the_rules_alone_and_a_missing_model_is_named():
    config = load_config_from_str((files("sgkg.ingest") / "pipeline.cfg").read_text(encoding="utf-8"))
    assert config["components"]["sgkg_priorities"]["model"] == ""
    with pytest.raises(FileNotFoundError, match="python -m sgkg.ingest.train priorities"):
        load_classifier("no-such-model")
