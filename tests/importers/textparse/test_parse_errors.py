"""parse_article_text refuses texts it cannot turn into an article."""

from __future__ import annotations

import pytest

from vestnik.importers.textparse import TextImportError, parse_article_text


def _parse(text: str, lang: str = "en") -> object:
    return parse_article_text(text, name="story.txt", rubric_names=["Politics"], lang=lang)


def test_text_with_only_a_headline_is_refused() -> None:
    with pytest.raises(TextImportError, match="no body paragraphs") as caught:
        _parse("\n\nA Headline Alone\n\n")
    assert "story.txt" in str(caught.value)
    assert caught.value.line == 3


def test_headline_and_byline_without_body_are_refused() -> None:
    with pytest.raises(TextImportError, match="no body paragraphs"):
        _parse(
            "A Headline\nTatyana Arestova Politics\nVK X OK WhatsApp Telegram\n"
            "Read also:\nMore text."
        )


def test_blank_text_has_no_headline() -> None:
    with pytest.raises(TextImportError, match="no headline"):
        _parse(" \n\n\t\n")


def test_text_of_only_share_bars_has_no_headline() -> None:
    with pytest.raises(TextImportError, match="no headline"):
        _parse("VK X OK WhatsApp Telegram\n\nВК ОК Telegram")


def test_unknown_language_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        _parse("Headline\nBody text.", lang="de")


def test_headline_with_one_sentence_is_enough() -> None:
    article = _parse("Headline\nThe only sentence.")
    assert (article.headline, article.lead, article.blocks) == (
        "Headline",
        "The only sentence.",
        (),
    )
