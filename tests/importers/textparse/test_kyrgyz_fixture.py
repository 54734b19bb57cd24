"""Own Kyrgyz fixture: rubric "Саясат", a "— деди ..." quote, Kyrgyz footer."""

from __future__ import annotations

import pytest

from vestnik.importers.textparse import ParsedArticle, ParsedBlock, ParsedName

FIXTURE = "schools-ky.txt"


@pytest.fixture
def article(parse_fixture) -> ParsedArticle:
    return parse_fixture(FIXTURE, "ky")


def test_kyrgyz_fixture_header(article: ParsedArticle) -> None:
    assert article.headline == "Бишкекте жаңы мектептердин курулушу башталды"
    assert article.authors == (
        ParsedName(given="Гүлнара", family="Асанова", written="Асанова Гүлнара"),
    )
    assert article.rubric == "Саясат"
    assert (
        article.lead
        == "Бишкек шаарында быйыл беш жаңы мектептин курулушу башталды. Мектептер 2026-жылы ачылат."
    )


def test_kyrgyz_fixture_blocks_are_exactly_as_expected(article: ParsedArticle) -> None:
    assert article.blocks == (
        ParsedBlock(
            kind="quote",
            text="Ар бир балага жакын жерде сапаттуу билим берүү керек",
            attribution="Айбек Осмонов",
        ),
        ParsedBlock(
            kind="paragraph",
            text=(
                "Курулушка шаардын бюджетинен жана мамлекеттен каражат бөлүнөт. "
                "Долбоорго төмөнкүлөр кирет:"
            ),
        ),
        ParsedBlock(
            kind="list", items=("спорт залдар", "китепканалар", "ашканалар"), style="bulleted"
        ),
    )


def test_kyrgyz_footer_marker_drops_related_links_and_comment_form(article: ParsedArticle) -> None:
    assert not any("парк" in b.text or "Пикир" in b.text for b in article.blocks)
