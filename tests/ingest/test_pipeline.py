"""The spaCy pipeline on a small purpose-written protocol (a fictional Rutland one)."""

import pytest

from sgkg.ingest.components import sentence_starts


@pytest.fixture(scope="module")
def facts(data_dir):
    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import analyse

    text = (data_dir / "texts" / "rutland-protocol.txt").read_text(encoding="utf-8")
    return analyse(normalise(text).text)._.sgkg


def test_sentences_split_on_bullets_and_headings():
    text = "Values\n- Integrity: doing right;\n- Equality\nThe Board met. It agreed.\n"
    starts = sentence_starts(text)
    assert [text[s : s + 5] for s in starts] == ["Value", "- Int", "- Equ", "The B", "It ag"]


def test_metadata(facts):
    meta = facts.document
    assert meta.kind[0] == "protocol"
    assert meta.date[0] == "2021-03"
    assert meta.review_date[0] == "2022-03"
    assert facts.areas == ("E06000017",)


def test_partnerships_types_and_abbreviations(facts):
    by_key = {p.key: p for p in facts.partnerships}
    sab = by_key["E06000017/safeguarding-adult-board"]
    assert sab.type_id == "safeguarding-adults-board" and sab.statutory
    assert "RSAB" in sab.abbreviations
    csp = by_key["E06000017/safer-partnership"]
    assert csp.type_id == "community-safety-partnership"


def test_statutory_bases(facts):
    bases = {(b.partnership, b.provision or b.legislation) for b in facts.bases}
    assert ("E06000017/safeguarding-adult-board", "http://www.legislation.gov.uk/id/ukpga/2014/23/section/43") in bases
    assert ("E06000017/safer-partnership", "http://www.legislation.gov.uk/id/ukpga/1998/37") in bases


def test_responsible_authorities(facts):
    orgs = {(o.name, o.role) for o in facts.organisations if o.partnership == "E06000017/safer-partnership"}
    assert ("Police", "responsible-authority") in orgs
    assert ("Local Authority", "responsible-authority") in orgs


def test_roles(facts):
    posts = {(p.partnership, p.role, p.person) for p in facts.posts}
    assert ("E06000017/safeguarding-adult-board", "independent-chair", "Jane Marlow") in posts
    assert ("E06000017/safer-partnership", "chair", "Tom Hale") in posts
    assert ("E06000017/safeguarding-adult-board", "signatory", "Jane Marlow") in posts


def test_every_fact_has_a_rule(facts):
    for cat in ("partnerships", "bases", "organisations", "posts"):
        for f in getattr(facts, cat):
            assert f.mention.rule


def test_components_keep_no_state_between_documents_on_several_threads(data_dir, seeds_dir):
    """/ingest runs the one pipeline on several threads: the same documents give the same facts whether they are
    analysed one after another or at once (a component holding per-document state on the pipe would mix them)."""
    from concurrent.futures import ThreadPoolExecutor

    from sgkg.ingest.normalise import normalise
    from sgkg.ingest.pipeline import analyse

    texts = [normalise(p.read_text(encoding="utf-8")).text for p in sorted(seeds_dir.glob("*.txt"))[:3]]
    texts.append(normalise((data_dir / "texts" / "rutland-protocol.txt").read_text(encoding="utf-8")).text)

    def digest(text: str) -> str:
        facts = analyse(text)._.sgkg
        return repr(
            sorted(
                repr(f)
                for cat in ("partnerships", "organisations", "posts", "duties", "priorities", "relationships")
                for f in getattr(facts, cat)
            )
        )

    alone = [digest(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(digest, texts + texts))
    assert together == alone + alone
