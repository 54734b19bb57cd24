"""Own Russian fixture: speakers named after the quote, "и"-series, rubric "В мире"."""

from __future__ import annotations

import pytest

from vestnik.importers.textparse import ParsedArticle, ParsedBlock, ParsedName

FIXTURE = "glaciers-ru.txt"


@pytest.fixture
def article(parse_fixture) -> ParsedArticle:
    return parse_fixture(FIXTURE, "ru")


EXPECTED_BLOCKS = (
    ParsedBlock(kind="subheading", text="Главные выводы"),
    ParsedBlock(
        kind="paragraph",
        text=(
            "По оценке участников, за последние полвека ледники региона потеряли "
            "почти треть своей площади."
        ),
    ),
    ParsedBlock(
        kind="quote",
        text=(
            "Если ничего не менять, к середине века многие малые реки будут пересыхать "
            "уже в августе"
        ),
        attribution="Айбек Осмонов",
    ),
    ParsedBlock(kind="paragraph", text="Он также предложил создать общую сеть наблюдений."),
    ParsedBlock(
        kind="quote",
        text="Данные должны быть открытыми для всех стран бассейна",
        attribution="Гульнара Асанова",
    ),
    ParsedBlock(
        kind="paragraph", text="Участники договорились о совместной работе. В программу вошли:"
    ),
    ParsedBlock(
        kind="list",
        items=(
            "мониторинг ледников с помощью спутников",
            "обмен данными между метеослужбами",
            "обучение молодых гляциологов",
        ),
        style="bulleted",
    ),
    ParsedBlock(kind="paragraph", text="Страны готовы финансировать:"),
    ParsedBlock(
        kind="list",
        items=("новые метеостанции", "ремонт плотин", "исследования в высокогорье"),
        style="bulleted",
    ),
    ParsedBlock(kind="subheading", text="Что дальше"),
    ParsedBlock(
        kind="paragraph",
        text=(
            "Следующая встреча пройдёт в Бишкеке, Алматы и Душанбе по очереди, "
            "начиная с будущего года."
        ),
    ),
)


def test_russian_fixture_blocks_are_exactly_as_expected(article: ParsedArticle) -> None:
    assert article.blocks == EXPECTED_BLOCKS


def test_russian_fixture_header(article: ParsedArticle) -> None:
    assert article.headline == "В Женеве обсудили, как сохранить ледники Центральной Азии"
    assert article.rubric == "В мире"
    assert article.authors == (
        ParsedName(given="Олег", family="Кузнецов", written="Кузнецов Олег"),
        ParsedName(given="Мария", family="Лебедева", written="Мария Лебедева"),
    )
    assert article.lead == (
        "В Женеве завершилась международная конференция, посвящённая таянию горных ледников. "
        "В ней приняли участие учёные из двенадцати стран."
    )


def test_russian_speaker_glued_after_closing_guillemet_is_split_from_the_quote(
    article: ParsedArticle,
) -> None:
    quote = article.blocks[2]
    assert quote.kind == "quote"
    assert "заявил" not in quote.text and "»" not in quote.text
    # The genitive "Кыргызстана" before the name is not part of it.
    assert quote.attribution == "Айбек Осмонов"


def test_russian_attribution_only_paragraph_is_consumed_by_the_quote(
    article: ParsedArticle,
) -> None:
    assert not any("подчеркнула" in block.text for block in article.blocks)
    assert article.blocks[4].attribution == "Гульнара Асанова"


def test_russian_footer_with_text_after_the_marker_is_dropped(article: ParsedArticle) -> None:
    assert not any(
        "станции наблюдения" in b.text or "комментарий" in b.text.lower() for b in article.blocks
    )
