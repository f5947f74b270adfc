"""Train the statistical components from our own annotations: ``python -m sgkg.ingest.train priorities``.

The priority classifier (a spaCy ``textcat`` with the bag-of-words architecture) answers "is this unit a priority
of the partnership?" for the units of ``ingest/components/priority_units.py``: list items read with their lead-in,
and sentences that enumerate. Its examples come from the real sets' hand-checked expected files (committed) and
their text caches (git-ignored, rebuilt by hand from each set's manifest): a unit is positive when an expected
priority's label lies inside it and its quote overlaps it (a sentence: two priorities or more), negative otherwise.
Only documents whose priorities are marked complete give examples. Training is deterministic (fixed seed, fixed
order, fixed number of epochs): the same files give the same weights. The weights are written to
``ingest/models/priorities/`` and ship in the package; the training text never does.

``--evaluate SET`` trains on the other sets only and prints precision and recall per unit on SET (documents the
model did not learn from); the extraction figures with and without the model are the benchmark's
(``python -m bench.extraction``, see bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .components.priority_units import SENTENCE, Unit, units
from .layout import segment
from .normalise import normalise
from .patterns import read_component_rules, rule_set

LABEL = "PRIORITY"
SEED = 0
EPOCHS = 12
HASH_LENGTH = 2**16  # rows of the bag-of-words table: a model of about half a megabyte
DEFAULT_SETS = ("bench/real", "bench/validation")


@dataclass(frozen=True)
class Example:
    document: str
    unit: Unit
    positive: bool


def model_path() -> Path:
    """Where the packaged priority model lives (``ingest/models/priorities``)."""
    return Path(str(files("sgkg.ingest") / "models" / "priorities"))


def _located(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote lies in the text, whitespace-tolerant; None when it is not there."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, text) if pattern else None
    return (m.start(), m.end()) if m else None


def _facts(text: str, expected: dict) -> list[tuple[str, tuple[int, int] | None]]:
    """The expected priorities of a document as (label, where its quote is)."""
    return [(f["label"], _located(text, f.get("quote") or "")) for f in expected["priorities"]["facts"]]


def _positive(text: str, unit: Unit, facts: list[tuple[str, tuple[int, int] | None]]) -> bool:
    inside = text[unit.start : unit.end].lower()
    hits = 0
    for label, where in facts:
        head = label.lower()[:24]
        if len(head) < 3 or head not in inside:
            continue
        if where is None or (where[0] < unit.end and where[1] > unit.start):
            hits += 1
    return hits >= (2 if unit.kind == SENTENCE else 1)


def examples(root: Path, sets: tuple[str, ...]) -> list[Example]:
    """The labelled units of every cached document of the sets whose priorities are marked complete."""
    out = []
    rules = rule_set("priorities", read_component_rules("priorities"))
    for name in sets:
        for path in sorted((root / name / "expected").glob("*.json")):
            expected = json.loads(path.read_text(encoding="utf-8"))
            cache = root / name / "cache" / expected["document"]
            if not expected.get("priorities", {}).get("complete") or not cache.exists():
                continue
            text = normalise(cache.read_text(encoding="utf-8")).text
            facts = _facts(text, expected)
            for unit in units(rules, text, segment(text)):
                out.append(Example(expected["document"], unit, _positive(text, unit, facts)))
    return out


def blank_classifier():
    """A blank English pipeline with an untrained bag-of-words ``textcat`` of one label."""
    import spacy

    nlp = spacy.blank("en")
    model = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2}
    model.update({"no_output_layer": False, "length": HASH_LENGTH})
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": model, "threshold": 0.5})
    textcat.add_label(LABEL)
    return nlp


def train(data: list[Example]):
    """The classifier trained on the examples (deterministic: seed, order and epochs fixed)."""
    from spacy.training import Example as SpacyExample
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(SEED)
    nlp = blank_classifier()
    samples = [SpacyExample.from_dict(nlp.make_doc(e.unit.features), _cats(e.positive)) for e in data]
    optimizer = nlp.initialize(lambda: samples)
    order = random.Random(SEED)
    for _ in range(EPOCHS):
        batch_order = samples[:]
        order.shuffle(batch_order)
        for batch in minibatch(batch_order, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.0)
    return nlp


def weights_only(nlp):
    """A copy of a trained classifier that carries its weights and none of the words it was trained on (the
    vocabulary of a trained pipeline lists every word of its training text; the bag-of-words model reads hashes)."""
    from spacy.training import Example as SpacyExample

    fresh = blank_classifier()
    fresh.initialize(lambda: [SpacyExample.from_dict(fresh.make_doc("kind_item"), _cats(p)) for p in (True, False)])
    weights = nlp.get_pipe("textcat_multilabel").model.to_bytes()
    fresh.get_pipe("textcat_multilabel").model.from_bytes(weights)
    return fresh


def _cats(positive: bool) -> dict:
    return {"cats": {LABEL: 1.0 if positive else 0.0}}


def scores(nlp, data: list[Example], threshold: float = 0.5) -> dict:
    """Precision and recall per unit of a trained classifier on examples."""
    tp = fp = fn = 0
    for e, doc in zip(data, nlp.pipe(e.unit.features for e in data)):
        said = doc.cats[LABEL] >= threshold
        tp += said and e.positive
        fp += said and not e.positive
        fn += e.positive and not said
    return {
        "units": len(data),
        "positives": tp + fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sgkg.ingest.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("component", choices=["priorities"])
    parser.add_argument("--root", type=Path, default=Path("."), help="the project checkout (default: .)")
    parser.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS), help="sets trained on")
    parser.add_argument("--evaluate", help="a set to measure on: trained on the other sets, nothing written")
    parser.add_argument("--out", type=Path, default=None, help="where to write the model (default: the package)")
    args = parser.parse_args(argv)
    sets = tuple(s for s in args.sets if s != args.evaluate)
    data = examples(args.root, sets)
    if not data:
        parser.error(f"no cached documents with complete priorities under {args.root} in {', '.join(sets)}")
    nlp = train(data)
    print(f"trained on {len(data)} units ({sum(e.positive for e in data)} positive) of {', '.join(sets)}")
    if args.evaluate:
        print(f"{args.evaluate}: {scores(nlp, examples(args.root, (args.evaluate,)))}")
        return
    out = args.out or model_path()
    weights_only(nlp).to_disk(out)
    print(f"written to {out}")


if __name__ == "__main__":
    main()
