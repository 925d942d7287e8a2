"""Headlines in Title Case: recased for the English model, its names there cut to names."""

from __future__ import annotations

from qarin.core.entities.headline_case import (
    Usage,
    headline_lines,
    is_headline,
    named_part,
    recased,
)

HEADLINE = "Hurricane Rosa Threatening Phoenix With Flash Flooding"
BODY = "Forecasters said Hurricane Rosa was threatening the city of Phoenix with flooding."


def test_a_headline_capitalises_all_its_long_words() -> None:
    assert is_headline(HEADLINE)
    assert not is_headline(BODY)
    assert not is_headline("Rosa Arrives")  # too short to tell
    text = f"{BODY}\n{HEADLINE}\n{BODY}"
    assert headline_lines(text) == [(len(BODY) + 1, len(BODY) + 1 + len(HEADLINE))]


def test_headline_words_the_document_writes_in_lower_case_are_lowered() -> None:
    usage = Usage.of([HEADLINE, BODY])
    out = recased(HEADLINE, usage)
    assert out == "Hurricane Rosa threatening Phoenix with Flash flooding"
    assert len(out) == len(HEADLINE)
    assert recased(BODY, usage) == BODY  # only headlines change
    # A headline alone has nothing to go by: it is left as written.
    assert recased(HEADLINE, Usage.of([HEADLINE])) == HEADLINE


def test_names_in_a_headline_are_cut_to_the_words_the_document_names() -> None:
    text = f"{HEADLINE}\n{BODY}"
    usage = Usage.of([text])
    start = text.index("Rosa Threatening")
    s, e = named_part(text, start, start + len("Rosa Threatening"), usage) or (0, 0)
    assert text[s:e] == "Rosa"
    flash = text.index("Flash")
    assert named_part(text, flash, flash + 5, usage) is None  # a lone word never named
    assert named_part(text, 0, 8, Usage.of([HEADLINE])) == (0, 8)  # no evidence: unchanged


def test_the_english_recogniser_reads_a_headline_so() -> None:
    from qarin.core.entities.english import EnglishRecognizer

    headline = "Kanye West Embarked on a Pro-Trump Diatribe After his SNL Appearance"
    body = "Kanye West embarked on a diatribe on Saturday after he appeared on SNL in New York."
    found = EnglishRecognizer().recognise_many([headline, body], one_document=True)
    names = {(headline[s:e], label) for s, e, label in found[0]}
    assert ("Kanye West", "PERSON") in names
    assert not any("Embarked" in name for name, _ in names)
