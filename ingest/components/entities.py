"""``sgkg_entities``: vocabulary, legislation and structural patterns -> ``doc.spans["sgkg"]`` and ``doc.ents``."""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from .base import ENT_LABELS, SPANS


@Language.factory(
    "sgkg_entities",
    assigns=["doc.spans", "doc.ents"],
    requires=["token.is_sent_start"],
    default_config={"patterns": {"@misc": "sgkg.patterns.v1"}},
)
def make_entities(nlp: Language, name: str, patterns: list[dict]):
    return EntityMatcher(nlp, patterns)


class EntityMatcher:
    """Phrase and token patterns -> labelled spans with concept (kb_id) and rule id (id)."""

    def __init__(self, nlp: Language, patterns: list[dict]):
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher = Matcher(nlp.vocab)
        by_scheme: dict[str, list[list[str]]] = defaultdict(list)
        phrase_items: dict[str, list] = defaultdict(list)
        acronym_items: dict[str, list] = defaultdict(list)
        self.label_words: set[str] = set()
        for p in patterns:
            key = "\t".join((p["label"], str(p.get("concept", "")), p["id"]))
            if isinstance(p["pattern"], str):
                text = p["pattern"]
                if p.get("acronym"):
                    acronym_items[key].append(nlp.make_doc(text))
                    continue
                doc = nlp.make_doc(text)
                phrase_items[key].append(doc)
                if p["id"].startswith("vocab."):
                    by_scheme[p["id"][6:]].append([t.lower_ for t in doc])
                    self.label_words.update(t.lower_ for t in doc)
        for key, docs in phrase_items.items():
            self.phrases.add(key, docs)
        for key, docs in acronym_items.items():
            self.acronyms.add(key, docs)
        for p in patterns:
            if isinstance(p["pattern"], list):
                key = "\t".join((p["label"], str(p.get("concept", "")), p["id"]))
                self.matcher.add(key, _literal_first(_expand(p["pattern"], by_scheme)), greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        found: list[SpacySpan] = []
        strings = self.vocab.strings
        for matcher in (self.phrases, self.acronyms, self.matcher):
            for match_id, start, end in matcher(doc):
                label, concept, rule = strings[match_id].split("\t")
                found.append(SpacySpan(doc, start, end, label=label, kb_id=concept, span_id=rule))
        from .layout import blocks_of, in_furniture

        blocks = blocks_of(doc)
        found = [s for s in found if not in_furniture(blocks, s.start_char, s.end_char)]  # furniture is never a fact
        found.sort(key=lambda s: (s.start, -s.end, s.label_, s.kb_id_, s.id_))
        doc.spans[SPANS] = found
        index: dict[str, list[SpacySpan]] = defaultdict(list)
        for span in found:
            index[span.label_].append(span)
        doc.user_data["sgkg_index"] = (found, {k: (v, [x.start_char for x in v]) for k, v in index.items()})
        shown = [s for s in found if s.label_ in ENT_LABELS]
        doc.ents = filter_spans(shown)
        return doc


def _expand(pattern: list[dict], by_scheme: dict[str, list[list[str]]]) -> list[list[dict]]:
    """Replace {"SCHEME": id} by each label of that scheme (one pattern per label)."""
    out: list[list[dict]] = [[]]
    for tok in pattern:
        if "SCHEME" in tok:
            labels = by_scheme.get(tok["SCHEME"], [])
            out = [prefix + [{"LOWER": w} for w in label] for prefix in out for label in labels]
        else:
            out = [prefix + [tok] for prefix in out]
    return [p for p in out if p]


def _literal_first(patterns: list[list[dict]], most: int = 3) -> list[list[dict]]:
    """The same patterns, a required first token ``{"LOWER": {"IN": [...]}}`` of at most ``most`` words split
    into one pattern per word.

    The Matcher tries every pattern's first token at every token of the document: a literal ``LOWER`` is
    compared in C, an ``IN`` set by a Python call costing about as much as three literals (measured), so
    short sets are cheaper as literals.  The matches (key, start, end) are the same."""
    out: list[list[dict]] = []
    for pattern in patterns:
        first = pattern[0]
        words = first.get("LOWER")
        if "OP" in first or not isinstance(words, dict) or set(words) != {"IN"} or len(set(words["IN"])) > most:
            out.append(pattern)
            continue
        out.extend([{**first, "LOWER": word}, *pattern[1:]] for word in dict.fromkeys(words["IN"]))
    return out
