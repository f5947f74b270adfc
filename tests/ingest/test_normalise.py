"""sgkg.ingest.normalise: the damage it repairs, and the exactness of its offset map."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from sgkg.ingest.normalise import BULLET_GLYPHS, DELETED, REPLACEMENTS, WEAK_BULLETS, NormalisedText, normalise

from . import docgen


def norm(text: str) -> str:
    return normalise(text).text


# --- what it repairs -----------------------------------------------------------


@pytest.mark.parametrize("glyph", ["\uf0b7", "▪", "•", "➢", "◦", "○", "o", "-", "*", "–"])
def test_bullet_glyphs_become_one_marker(glyph):
    text = f"The board will:\n{glyph} publish a plan;\n{glyph}\tmeet quarterly."
    assert norm(text) == "The board will:\n- publish a plan;\n- meet quarterly."


def test_bullet_items_are_never_joined_but_their_wrapped_lines_are():
    text = "Aims:\n• share information about\nrisks\n• meet quarterly\n• Publish a report"
    assert norm(text) == "Aims:\n- share information about risks\n- meet quarterly\n- Publish a report"


def test_a_bullet_glyph_inside_a_line_starts_a_new_item():
    assert norm("Priorities: • Neglect • Exploitation") == "Priorities:\n- Neglect\n- Exploitation"


def test_a_bullet_glyph_alone_on_its_line_is_joined_to_its_item():
    assert norm("Aims:\n\uf0b7\nShare information\n\u2022\nMeet quarterly") == (
        "Aims:\n- Share information\n- Meet quarterly"
    )


def test_repeated_markers_collapse():
    assert norm("- o Local Council Member,") == "- Local Council Member,"


def test_o_is_a_bullet_only_when_followed_by_a_space():
    assert norm("order of business\nover time") == "order of business over time"


def test_hyphenated_line_break_keeps_the_hyphen_and_drops_the_break():
    assert norm("effective co-\nordination and multi-\nagency work.") == (
        "effective co-ordination and multi-agency work."
    )


def test_soft_hyphen_at_a_line_break_joins_the_word():
    assert norm("the board con\u00ad\ntinues its work.") == "the board continues its work."


def test_wrapped_lines_are_joined_and_sentences_kept_apart():
    text = "The partnership agrees\nto meet quarterly.\nThe Chair reports annually."
    assert norm(text) == "The partnership agrees to meet quarterly.\nThe Chair reports annually."


def test_a_line_ending_with_a_function_word_continues_before_a_capital():
    assert norm("placed the leadership with\nWest Midlands Police.") == (
        "placed the leadership with West Midlands Police."
    )
    assert norm("the Council,\nthe Police and the ICB") == "the Council, the Police and the ICB"


def test_headings_stay_on_their_own_line():
    assert norm("Introduction\nThis protocol sets out.") == "Introduction\nThis protocol sets out."
    assert norm("# Purpose\nand scope of the protocol") == "# Purpose\nand scope of the protocol"


def test_blank_lines_become_one_paragraph_break_and_the_ends_are_trimmed():
    assert norm("\n\n  First paragraph.\n\n\n\nSecond paragraph.  \n\n") == "First paragraph.\n\nSecond paragraph."


def test_one_blank_line_inside_a_wrapped_sentence_is_joined():
    filler = "\n".join("A line of body text that is about as long as the others are here." for _ in range(12))
    text = filler + "\n\nmembers were encouraged to share their thoughts on the\n\nwork of the board.\n"
    out = norm(text)
    assert "encouraged to share their thoughts on the work of the board." in out


def test_spaces_and_tabs_collapse():
    # a run of blanks holding a tab is one table-cell boundary (kept as one tab); other runs are one space
    assert norm("Version\t\tAuthor   Date\u00a0 Rationale") == "Version\tAuthor Date Rationale"


def test_quotes_dashes_and_ligatures_are_normalised():
    assert norm("the board\u2019s \u201cpriorities\u201d \u2013 2021\u201322 \ufb01nal\u2026") == (
        'the board\'s "priorities" - 2021-22 final...'
    )


def test_page_furniture_and_page_numbers_are_dropped():
    pages = [f"Annual Report 2020\nBody text {n} is here.\n{n}" for n in range(1, 5)]
    assert norm("\f".join(pages)) == "\n\n".join(f"Body text {n} is here." for n in range(1, 5))


def test_page_n_of_m_is_dropped_even_without_page_breaks():
    assert norm("Body text.\nPage 2 of 7\nMore text.") == "Body text.\nMore text."


def test_bare_numbers_are_kept_without_page_breaks():
    assert norm("Referrals\n60\nAssessments\n42") == "Referrals\n60\nAssessments\n42"


def test_a_sentence_broken_by_a_page_break_is_joined():
    assert norm("The board will meet\f3\nquarterly with partners.") == "The board will meet quarterly with partners."


def test_paged_fixture(data_dir):
    text = (data_dir / "docs" / "paged.txt").read_text(encoding="utf-8")
    out = norm(text)
    assert "Joint Working Protocol" not in out and "Page 1 of 3" not in out
    assert "- share information about risks and emerging themes;\n- meet quarterly;\n" in out
    assert "boards' priorities are co-ordinated across the area." in out
    assert "The work of the board continues on the next page and across the page break." in out
    assert out.endswith("Police\tPartner\tYes")  # table cells keep one tab between them


def test_empty_and_blank_text():
    assert norm("") == ""
    assert norm(" \n\t\n\f\n") == ""


# --- the offset map ---------------------------------------------------------------


def test_to_original_quotes_the_original_exactly():
    original = "secure effective\nco-\nordination   and coherence \u2013 a \u201cjoint\u201d plan"
    result = normalise(original)
    assert result.text == 'secure effective co-ordination and coherence - a "joint" plan'
    for phrase, quote in [
        ("co-ordination", "co-\nordination"),
        ("effective co-ordination and", "effective\nco-\nordination   and"),
        ('"joint"', "\u201cjoint\u201d"),
        ("coherence - a", "coherence \u2013 a"),
    ]:
        start = result.text.index(phrase)
        s, e = result.to_original(start, start + len(phrase))
        assert original[s:e] == quote


def test_inserted_characters_map_to_an_empty_span():
    result = normalise("First.\n\n\nSecond.")
    assert result.text == "First.\n\nSecond."
    assert result.to_original(6, 8) == (6, 6)
    assert result.to_original(0, 0) == (0, 0)
    assert result.to_original(len(result.text), len(result.text)) == (len("First.\n\n\nSecond."),) * 2


def test_to_original_rejects_spans_outside_the_text():
    result = normalise("abc")
    with pytest.raises(ValueError, match="outside"):
        result.to_original(2, 5)
    with pytest.raises(ValueError):
        result.to_original(2, 1)


def test_a_plain_normalised_text_maps_to_itself():
    assert NormalisedText("abc").to_original(1, 3) == (1, 3)


def _equivalent(norm_char: str, orig_char: str) -> bool:
    """The documented replacements: whitespace for whitespace, the table, bullet markers to "-"."""
    return (
        norm_char == orig_char
        or (norm_char.isspace() and orig_char.isspace())
        or norm_char in REPLACEMENTS.get(orig_char, "")
        or (norm_char == "-" and (orig_char in BULLET_GLYPHS or orig_char in WEAK_BULLETS))
    )


def _compact_original(original: str) -> list[str]:
    """Original characters (replacements expanded), without whitespace and deleted characters."""
    out: list[str] = []
    for ch in original:
        if ch.isspace() or ch in DELETED:
            continue
        out.extend(REPLACEMENTS.get(ch, ch) if len(REPLACEMENTS.get(ch, ch)) > 1 else [ch])
    return out


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(_equivalent(n, h) for h in it) for n in needle)


def _check_map(original: str, rng: random.Random, spans: int = 300) -> None:
    result = normalise(original)
    text, origins = result.text, result.origins
    exact = [i for i in range(len(text)) if result.is_exact(i)]
    # every character that came from the original is that character, modulo the documented replacements
    for i in exact:
        assert _equivalent(text[i], original[origins[i]]), (i, text[i], original[origins[i]])
    # the map never goes backwards
    assert all(origins[a] <= origins[b] for a, b in zip(exact, exact[1:]))
    # each normalised word maps to the same word in the original
    for match in re.finditer(r"\S+", text):
        s, e = result.to_original(match.start(), match.end())
        word = [ch for i, ch in zip(range(match.start(), match.end()), match.group()) if result.is_exact(i)]
        quoted = _compact_original(original[s:e])
        assert len(word) == len(quoted) and all(map(_equivalent, word, quoted)), (match.group(), original[s:e])
    # random spans: the quote contains the span's characters, in order, and is tight at both ends
    for _ in range(spans):
        start = rng.randrange(len(text) + 1)
        end = min(len(text), start + rng.randrange(1, 200))
        s, e = result.to_original(start, end)
        assert 0 <= s <= e <= len(original)
        inside = [text[i] for i in range(start, end) if result.is_exact(i) and not text[i].isspace()]
        assert _is_subsequence(inside, _compact_original(original[s:e])), (text[start:end], original[s:e])
        if start < end and result.is_exact(start):
            assert s == origins[start]
        if start < end and result.is_exact(end - 1):
            assert e == origins[end - 1] + 1


@pytest.mark.seeds
def test_offset_map_is_exact_over_the_seed_documents(seeds_dir: Path):
    rng = random.Random(20240501)
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert seeds
    for path in seeds:
        _check_map(path.read_text(encoding="utf-8"), rng)


def test_offset_map_is_exact_over_the_fixtures(data_dir):
    rng = random.Random(7)
    for path in sorted((data_dir / "docs").glob("*.txt")):
        _check_map(path.read_text(encoding="utf-8"), rng)
    for text in (docgen.PLAIN, docgen.MARKDOWN, docgen.text_cp1252().decode("cp1252")):
        _check_map(text, rng, spans=50)


def test_offset_map_is_exact_over_random_damage():
    """Random mixtures of words, glyphs, hyphens, blank lines, tabs and page breaks."""
    rng = random.Random(99)
    pieces = [
        "board",
        "co-",
        "Partner",
        "the",
        "and",
        ",",
        ".",
        ";",
        ":",
        "\n",
        "\n",
        "\n\n",
        "\f",
        "\t",
        "  ",
        "•",
        "\uf0b7",
        "o ",
        "- ",
        "\u2019",
        "\u2013",
        "\ufb01",
        "\u00ad",
        "\u200b",
        "12",
        "Page 3 of 4",
        "\r\n",
    ]
    for _ in range(60):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randrange(1, 120)))
        _check_map(text, rng, spans=40)


@pytest.mark.seeds
def test_seed_damage_is_repaired(seeds_dir: Path):
    """Generic repairs seen on the founding documents (no document-specific rules)."""
    texts = {p.name[:3]: normalise(p.read_text(encoding="utf-8")).text for p in seeds_dir.glob("*.txt")}
    if "000" in texts:
        assert "secure effective co-ordination and coherence." in texts["000"]
    if "002" in texts:
        assert not re.search(r"^[•➢▪]", texts["002"], re.M)
        assert "\n- " in texts["002"]
    for text in texts.values():
        assert "\t\t" not in text and " \t" not in text and "  " not in text and "\n\n\n" not in text
