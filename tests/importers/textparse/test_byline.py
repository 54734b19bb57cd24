"""Byline line: authors (surname-first or given-first) and the rubric at its end."""

from __future__ import annotations

import pytest

from vestnik.importers.textparse import ParsedName


@pytest.mark.parametrize(
    ("written", "given", "family"),
    [
        ("Арестова Татьяна", "Татьяна", "Арестова"),
        ("Tatyana Arestova", "Tatyana", "Arestova"),
        ("Айбек Осмонов", "Айбек", "Осмонов"),
        ("Осмонов Айбек", "Айбек", "Осмонов"),
        ("Жапарова Айгүл", "Айгүл", "Жапарова"),
        ("Садыр Жапаров", "Садыр", "Жапаров"),
        ("Ирина Сергеева", "Ирина", "Сергеева"),  # -ина in the given name is weaker than -ева
        ("Сергеева Ирина", "Ирина", "Сергеева"),
        ("Эркин Асанбеков", "Эркин", "Асанбеков"),
        ("Шевченко Анна", "Анна", "Шевченко"),
        ("Ковальская Ольга", "Ольга", "Ковальская"),
        ("Daniel Brooks", "Daniel", "Brooks"),
        ("Айбек Осмон уулу", "Айбек", "Осмон уулу"),
        ("Арестова Татьяна Сергеевна", "Татьяна Сергеевна", "Арестова"),
        ("Татьяна Сергеевна Арестова", "Татьяна Сергеевна", "Арестова"),
        ("Mary Ann Smith", "Mary Ann", "Smith"),
    ],
)
def test_author_name_order_is_recognised_from_surname_endings(
    parse, written: str, given: str, family: str
) -> None:
    article = parse(f"Headline\n{written} Politics\nBody text.")
    assert article.authors == (ParsedName(given=given, family=family, written=written),)


@pytest.mark.parametrize("separator", [", ", " и ", " and ", " жана "])
def test_two_authors_are_split_at_comma_or_conjunction(parse, separator: str) -> None:
    article = parse(f"Headline\nАрестова Татьяна{separator}Daniel Brooks Society\nBody text.")
    assert [a.family for a in article.authors] == ["Арестова", "Brooks"]
    assert article.rubric == "Society"


def test_rubric_match_is_case_insensitive_and_reports_the_configured_spelling(parse) -> None:
    article = parse("Headline\nDaniel Brooks в МИРЕ\nBody text.", lang="ru")
    assert article.rubric == "В мире"


def test_longest_rubric_wins(parse) -> None:
    article = parse(
        "Headline\nDaniel Brooks In the world\nBody text.",
        rubrics=("World", "the world", "In the world"),
    )
    assert article.rubric == "In the world"
    assert [a.written for a in article.authors] == ["Daniel Brooks"]


def test_rubric_must_be_a_whole_word(parse) -> None:
    article = parse("Headline\nIt was a story about Geoeconomy\nBody text.", rubrics=("Economy",))
    assert article.rubric is None


def test_rubric_alone_on_the_byline_line_gives_no_authors(parse) -> None:
    article = parse("Headline\nPolitics\nBody text.")
    assert (article.authors, article.rubric, article.lead) == ((), "Politics", "Body text.")


def test_byline_without_rubric_still_gives_authors(parse) -> None:
    article = parse("Headline\nАрестова Татьяна\nBody text.")
    assert [a.family for a in article.authors] == ["Арестова"]
    assert article.rubric is None


def test_sentence_after_headline_is_body_not_byline(parse) -> None:
    article = parse("Headline\nThe council met on Monday.\nSecond paragraph.")
    assert (article.authors, article.rubric) == ((), None)
    assert article.lead == "The council met on Monday."


def test_long_line_after_headline_without_rubric_is_body(parse) -> None:
    line = "A long opening line that runs on and on without any final punctuation at all here"
    assert len(line) > 80
    article = parse(f"Headline\n{line}\nMore.")
    assert (article.authors, article.lead) == ((), line)


def test_short_title_line_after_headline_is_not_taken_for_authors(parse) -> None:
    article = parse("Headline\nHistory of the Water Network\nBody text.")
    assert article.authors == ()
    assert article.lead == "History of the Water Network"


def test_non_name_author_with_a_rubric_is_kept_whole(parse) -> None:
    article = parse("Headline\nРедакция Politics\nBody text.")
    assert article.authors == (ParsedName(given="", family="Редакция", written="Редакция"),)
