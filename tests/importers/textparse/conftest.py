"""Shared helpers of the plain-text parser tests: a parse fixture over the fixture files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vestnik.importers.textparse import ParsedArticle, decode_article_bytes, parse_article_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RUBRICS = ("Politics", "Economy", "Society", "World", "In the world", "Culture", "В мире", "Саясат")


@pytest.fixture
def parse() -> Callable[..., ParsedArticle]:
    """Parse text the way an import would; rubrics default to RUBRICS."""

    def _parse(text: str, lang: str = "en", rubrics: tuple[str, ...] = RUBRICS) -> ParsedArticle:
        return parse_article_text(text, name="test.txt", rubric_names=rubrics, lang=lang)

    return _parse


@pytest.fixture
def parse_fixture() -> Callable[[str, str], ParsedArticle]:
    """Decode and parse a file from tests/fixtures."""

    def _parse(file_name: str, lang: str) -> ParsedArticle:
        text = decode_article_bytes((FIXTURES / file_name).read_bytes(), name=file_name)
        return parse_article_text(text, name=file_name, rubric_names=RUBRICS, lang=lang)

    return _parse
