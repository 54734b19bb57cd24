"""The open.kg seed page (third-party text, read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests import seed_expectations as seed

from vestnik.importers.textparse import ParsedArticle, decode_article_bytes, parse_article_text

# The seed lives in ../shared/seed beside the checkout (CI copies it there too).
SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed" / "open-kg-article-en.txt"
RUBRICS = ["Politics", "Economy", "Society", "In the world", "Culture"]

pytestmark = pytest.mark.skipif(
    not SEED.is_file(),
    reason=f"third-party seed page {SEED} is absent (the shared seed folder is not mounted)",
)


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def article() -> ParsedArticle:
    text = decode_article_bytes(SEED.read_bytes(), name=SEED.name)
    return parse_article_text(text, name=SEED.name, rubric_names=RUBRICS, lang="en")


def _kinds(article: ParsedArticle, kind: str) -> list:
    return [block for block in article.blocks if block.kind == kind]


def test_seed_headline_is_the_first_line(article: ParsedArticle, seed_lines: list[str]) -> None:
    assert article.headline == seed_lines[0]
    assert (
        article.headline
        == "Behind the Scenes of Putin's Visit: Why Bishkek Became a Center of Big Politics"
    )


def test_seed_byline_author_is_recognised_surname_first(article: ParsedArticle) -> None:
    assert len(article.authors) == 1
    author = article.authors[0]
    assert (author.written, author.family, author.given) == (
        "Арестова Татьяна",
        "Арестова",
        "Татьяна",
    )


def test_seed_rubric_is_matched_at_the_end_of_the_byline(article: ParsedArticle) -> None:
    assert article.rubric == "Politics"


def test_seed_has_eight_subheadings_in_order(article: ParsedArticle) -> None:
    assert [block.text for block in _kinds(article, "subheading")] == seed.SUBHEADINGS


def test_seed_quote_is_attributed_to_speaker_named_before_it(
    article: ParsedArticle, seed_lines: list[str]
) -> None:
    quotes = _kinds(article, "quote")
    assert len(quotes) == 1
    assert quotes[0].attribution == seed.SPEAKER
    quoted_line = next(line for line in seed_lines if line.startswith("\u201c"))
    assert quotes[0].text == quoted_line.strip("\u201c\u201d")


def test_seed_has_two_flattened_lists_and_one_bulleted_list(
    article: ParsedArticle, seed_lines: list[str]
) -> None:
    lists = _kinds(article, "list")
    assert [len(block.items) for block in lists] == [3, 3, 5]
    assert [list(block.items) for block in lists[:2]] == seed.LISTS[:2]
    bullets = [
        line.removeprefix("\u2022").strip().rstrip(",.")
        for line in seed_lines
        if line.startswith("\u2022")
    ]
    assert lists[2].items == tuple(bullets)
    assert all(block.style == "bulleted" for block in lists)


def test_seed_colon_paragraphs_stay_paragraphs_before_their_lists(article: ParsedArticle) -> None:
    blocks = list(article.blocks)
    for index, block in enumerate(blocks):
        if block.kind == "list":
            assert blocks[index - 1].kind == "paragraph"
            assert blocks[index - 1].text.endswith(":")


def test_seed_lead_is_first_body_paragraph_and_not_repeated(
    article: ParsedArticle, seed_lines: list[str]
) -> None:
    # seed_lines: headline, byline, share bar, then the first body paragraph
    assert article.lead == seed_lines[3]
    assert all(block.text != article.lead for block in article.blocks)
    assert article.blocks[0].kind == "paragraph"
    assert article.blocks[0].text == seed_lines[4]


def test_seed_share_bars_and_footer_are_removed(
    article: ParsedArticle, seed_lines: list[str]
) -> None:
    texts = [article.headline, article.lead]
    for block in article.blocks:
        texts.extend([block.text, block.attribution, *block.items])
    for unwanted in ("VK X OK", "WhatsApp", "Telegram", "Read also", "Write a comment"):
        assert not any(unwanted in text for text in texts), unwanted
    # The page ends: last paragraph, share bar, footer. The paragraph survives intact.
    footer_at = seed_lines.index("Read also:")
    assert article.blocks[-1].text == seed_lines[footer_at - 2]
