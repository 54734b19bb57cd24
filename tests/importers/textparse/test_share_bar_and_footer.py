"""Share-button bars (rule 3) and footer markers (rule 4)."""

from __future__ import annotations

import pytest

HEAD = "Headline\n\n"


def test_share_bar_on_its_own_line_is_removed(parse) -> None:
    article = parse(HEAD + "VK X OK WhatsApp Telegram\nFirst paragraph.\nSecond paragraph.")
    assert article.lead == "First paragraph."
    assert [b.text for b in article.blocks] == ["Second paragraph."]


def test_share_bar_glued_to_end_of_paragraph_is_removed(parse) -> None:
    article = parse(HEAD + "Lead text.\nThe plan runs to 2030.VK X OK WhatsApp Telegram")
    assert article.blocks[-1].text == "The plan runs to 2030."


def test_share_bar_glued_to_start_of_paragraph_is_removed(parse) -> None:
    article = parse(HEAD + "Lead text.\nVK X OK WhatsApp TelegramThe mayor said the plan is ready.")
    assert article.blocks[-1].text == "The mayor said the plan is ready."


def test_share_bar_between_two_glued_paragraphs_separates_them(parse) -> None:
    article = parse(
        HEAD + "Lead text.\nFirst part ends here.VK X OK WhatsApp TelegramSecond part starts."
    )
    assert [b.text for b in article.blocks] == ["First part ends here.", "Second part starts."]


def test_cyrillic_share_bar_is_removed(parse) -> None:
    article = parse(
        HEAD + "ВКонтакте Одноклассники Telegram\nТекст статьи.\nЕщё текст.ВК ОК WhatsApp",
        lang="ru",
    )
    assert article.lead == "Текст статьи."
    assert article.blocks[-1].text == "Ещё текст."


def test_lone_x_and_ok_in_prose_are_kept(parse) -> None:
    text = "Lead text.\nThe X OK button and the OK sign stay.\nBuy X.\nOK, let us go."
    article = parse(HEAD + text)
    assert [b.text for b in article.blocks] == [
        "The X OK button and the OK sign stay.",
        "Buy X.",
        "OK, let us go.",
    ]


def test_share_names_inside_words_are_not_a_bar(parse) -> None:
    article = parse(HEAD + "Lead text.\nTelegrams, VKontakte X OKAY were words.")
    assert article.blocks[-1].text == "Telegrams, VKontakte X OKAY were words."


def test_byline_with_share_bar_glued_after_the_rubric_is_still_a_byline(parse) -> None:
    article = parse("Headline\nTatyana Arestova PoliticsVK X OK WhatsApp Telegram\nBody text.")
    assert article.rubric == "Politics"
    assert article.lead == "Body text."


@pytest.mark.parametrize(
    "marker",
    [
        "Read also:",
        "read also",
        "Write a comment:",
        "Comments",
        "COMMENTS:",
        "Comments (3)",
        "Читайте также:",
        "Читайте также: В Оше открыли парк",
        "Читать также",
        "Написать комментарий:",
        "Комментарии",
        "Добавить комментарий",
        "Дагы окуңуз:",
        "Окшош жаңылыктар",
        "Комментарий жазуу:",
        "Пикир жазуу",
    ],
)
def test_everything_from_a_footer_marker_on_is_dropped(parse, marker: str) -> None:
    article = parse(
        HEAD + f"Lead text.\nLast paragraph.\n{marker}\nRelated headline\nA reader comment."
    )
    assert [b.text for b in article.blocks] == ["Last paragraph."]


def test_sentence_starting_with_comments_is_not_a_footer(parse) -> None:
    article = parse(
        HEAD + "Lead text.\nComments from residents were mostly positive.\nLast paragraph."
    )
    assert [b.text for b in article.blocks] == [
        "Comments from residents were mostly positive.",
        "Last paragraph.",
    ]
