"""The trained priority classifier as ``sgkg_priorities`` uses it (trained by ``python -m sgkg.ingest.train
priorities``; weights under ``ingest/models/<name>/``)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ..layout import Block
from ..patterns import RuleSet
from .priority_units import ITEM, SENTENCE, Unit, list_units, sentence_units

LABEL = "PRIORITY"


def load_classifier(name: str):
    """The packaged classifier ``ingest/models/<name>`` (a spaCy pipeline with one ``textcat_multilabel``), or the
    one in the directory ``name`` when it is a path (a model trained with ``--out``)."""
    import spacy

    path = Path(name) if "/" in name else files("sgkg.ingest") / "models" / name
    if not (path / "config.cfg").is_file():
        raise FileNotFoundError(
            f"the priority model {name!r} is not in the package (ingest/models/{name}): "
            'train it with `python -m sgkg.ingest.train priorities`, or set the component\'s model to ""'
        )
    return spacy.load(str(path))


@dataclass(frozen=True)
class PriorityModel:
    """A loaded classifier, the score a unit (a list: the mean of its items) must reach, and the unit rules."""

    nlp: object
    threshold: float
    rules: RuleSet  # the priorities rules: their unit-* regexes cut and read the units

    def score(self, found: list[Unit]) -> list[float]:
        return [doc.cats[LABEL] for doc in self.nlp.pipe(u.features for u in found)]

    def lists(self, text: str, blocks: list[Block]) -> list[list[Unit]]:
        """The lists whose items score the threshold on average, each as its item units."""
        items = [u for u in list_units(self.rules, text, blocks) if u.kind == ITEM]
        groups: dict[int, list[tuple[Unit, float]]] = {}
        for u, p in zip(items, self.score(items)):
            groups.setdefault(u.group, []).append((u, p))
        return [[u for u, _ in run] for run in groups.values() if sum(p for _, p in run) / len(run) >= self.threshold]

    def sentences(self, text: str, blocks: list[Block]) -> list[Unit]:
        """The enumerating sentences that score the threshold."""
        found = [u for u in sentence_units(self.rules, text, blocks) if u.kind == SENTENCE]
        return [u for u, p in zip(found, self.score(found)) if p >= self.threshold]
