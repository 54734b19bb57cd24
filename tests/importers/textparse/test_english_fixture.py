"""Own English fixture: the seed's quirks in other words (Osh water supply)."""

from __future__ import annotations

import pytest

from vestnik.importers.textparse import ParsedArticle, ParsedBlock, ParsedName

FIXTURE = "osh-water-en.txt"


@pytest.fixture
def article(parse_fixture) -> ParsedArticle:
    return parse_fixture(FIXTURE, "en")


def _p(text: str) -> ParsedBlock:
    return ParsedBlock(kind="paragraph", text=text)


def _h(text: str) -> ParsedBlock:
    return ParsedBlock(kind="subheading", text=text)


def _list(*items: str) -> ParsedBlock:
    return ParsedBlock(kind="list", items=items, style="bulleted")


EXPECTED_BLOCKS = (
    _p(
        "Engineers call the oldest pipe Line X, and residents say the pressure is finally OK "
        "in only a few districts."
    ),
    _h("Why the Network Failed"),
    _p(
        "More than half of the mains in the southern districts leak, and some streets receive "
        "water for only four hours a day. Repair crews were called out over 900 times last year."
    ),
    _h("Pipes and Pumps: What Changes for Residents"),
    _p("The first stage of the project covers:"),
    _list(
        "twelve kilometres of new mains (steel, not asbestos cement)",
        "three pumping stations",
        "a control room that watches pressure in real time",
    ),
    _p(
        "At a briefing on Monday, the director of the municipal company Osh Suu, "
        "Bakyt Sultanov, said:"
    ),
    ParsedBlock(
        kind="quote",
        text=(
            "Every household in the southern districts will have water around the clock "
            "by next autumn."
        ),
        attribution="Bakyt Sultanov",
    ),
    _p("The loan of 4,500,000 euros from a development bank will pay for:"),
    _list(
        "meters for 2,400 apartment blocks",
        "a laboratory for daily water tests",
        "training for 60 technicians",
    ),
    _p(
        "Work will continue in the Amir-Timur, Cheryomushki and Zapadny districts, "
        "and later in the old town."
    ),
    _h("How to Prepare"),
    _p("Residents are asked to:"),
    _list(
        "store ten litres of water before each planned shutdown",
        "report leaks to the hotline 1545",
        "check the shutdown schedule on the city website",
    ),
    _p("The city expects to finish the first stage by the end of the year."),
)


def test_english_fixture_blocks_are_exactly_as_expected(article: ParsedArticle) -> None:
    assert article.blocks == EXPECTED_BLOCKS


def test_english_fixture_headline(article: ParsedArticle) -> None:
    assert article.headline == "Osh Replaces Its Soviet-Era Water Mains Before Winter"


def test_english_fixture_two_authors_cyrillic_surname_first_and_latin_given_first(
    article: ParsedArticle,
) -> None:
    assert article.authors == (
        ParsedName(given="Айгуль", family="Осмонова", written="Осмонова Айгуль"),
        ParsedName(given="Daniel", family="Brooks", written="Daniel Brooks"),
    )


def test_english_fixture_multi_word_rubric_matched_case_insensitively_longest_first(
    article: ParsedArticle,
) -> None:
    # The byline says "In the World"; "World" is also a rubric but the longer name wins,
    # and the rubric is reported as spelled in rubric_names.
    assert article.rubric == "In the world"


def test_english_fixture_share_bar_glued_to_line_start_leaves_the_lead(
    article: ParsedArticle,
) -> None:
    assert article.lead == (
        "The city of Osh has started the largest upgrade of its water network in thirty years, "
        "replacing pipes that were laid in the 1970s."
    )


def test_english_fixture_share_bar_glued_to_paragraph_end_is_cut_off(
    article: ParsedArticle,
) -> None:
    assert article.blocks[-1] == _p(
        "The city expects to finish the first stage by the end of the year."
    )


def test_english_fixture_lone_x_and_ok_in_prose_are_kept(article: ParsedArticle) -> None:
    assert "Line X," in article.blocks[0].text
    assert "finally OK in" in article.blocks[0].text


def test_english_fixture_series_inside_a_sentence_stays_prose(article: ParsedArticle) -> None:
    series = [b for b in article.blocks if "Cheryomushki" in b.text]
    assert [b.kind for b in series] == ["paragraph"]


def test_english_fixture_russian_footer_and_text_after_it_are_dropped(
    article: ParsedArticle,
) -> None:
    texts = [b.text for b in article.blocks]
    assert not any("Читайте" in t or "bus depot" in t or "Комментарии" in t for t in texts)
