"""decode_article_bytes: what is refused, and how accepted text is normalised."""

from __future__ import annotations

import pytest

from vestnik.importers.textparse import TextImportError, decode_article_bytes

NAME = "upload-42.txt"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"


def _error(data: bytes, **limits: int) -> TextImportError:
    with pytest.raises(TextImportError) as caught:
        decode_article_bytes(data, name=NAME, **limits)
    assert NAME in str(caught.value)
    assert caught.value.name == NAME
    return caught.value


def test_empty_file_is_refused() -> None:
    error = _error(b"")
    assert "empty" in str(error)
    assert error.line is None


def test_whitespace_only_file_is_refused() -> None:
    assert "only whitespace" in str(_error(b" \r\n\t\n \xc2\xa0\n"))


def test_png_bytes_are_refused_as_binary() -> None:
    assert "binary" in str(_error(PNG_HEADER))


def test_many_control_characters_without_nul_are_refused_as_binary() -> None:
    assert "binary" in str(_error(b"\x01\x02\x03\x04\x05 text\x06\x07"))


def test_a_few_tabs_and_form_feeds_are_still_text() -> None:
    assert decode_article_bytes(b"Title\n\tBody\x0c", name=NAME) == "Title\n\tBody\x0c"


def test_latin1_bytes_are_refused_with_the_line_of_the_first_bad_byte() -> None:
    data = "Headline\nByline\nCafé in Osh\nMore é".encode("latin-1")
    error = _error(data)
    assert error.line == 3
    assert "line 3" in str(error)
    assert "UTF-8" in str(error)


@pytest.mark.parametrize("newline", [b"\r\n", b"\r", b"\n"])
def test_bad_byte_line_number_counts_every_newline_style(newline: bytes) -> None:
    data = newline.join([b"one", b"two", b"three \xff", b"four"])
    assert _error(data).line == 3


def test_five_megabyte_single_line_is_refused_naming_its_line() -> None:
    data = b"Headline\n" + b"a" * 5_000_000 + b"\nlast"
    error = _error(data, max_bytes=10_000_000)
    assert error.line == 2
    assert "20,000" in str(error)


def test_five_megabyte_file_is_over_the_default_size_limit() -> None:
    assert "2,000,000" in str(_error(b"a" * 5_000_000))


def test_file_over_max_bytes_is_refused() -> None:
    error = _error(b"Headline\nBody text.\n", max_bytes=10)
    assert "limit is 10 bytes" in str(error)


def test_file_exactly_at_max_bytes_is_accepted() -> None:
    assert decode_article_bytes(b"0123456789", name=NAME, max_bytes=10) == "0123456789"


def test_line_at_max_line_chars_is_accepted_and_one_more_is_not() -> None:
    assert (
        decode_article_bytes(("ж" * 5 + "\nok").encode(), name=NAME, max_line_chars=5)
        == "жжжжж\nok"
    )
    assert _error(("ok\n" + "ж" * 6).encode(), max_line_chars=5).line == 2


def test_bom_is_stripped_and_crlf_and_cr_become_lf() -> None:
    data = b"\xef\xbb\xbfHeadline\r\nByline\rBody\n"
    assert decode_article_bytes(data, name=NAME) == "Headline\nByline\nBody\n"


def test_text_is_normalised_to_nfc() -> None:
    decomposed = "Cafe\u0301 Бишкек \u0438\u0306".encode()  # e + acute, и + breve
    assert decode_article_bytes(decomposed, name=NAME) == "Caf\u00e9 Бишкек \u0439"


def test_text_import_error_is_a_value_error() -> None:
    assert isinstance(_error(b""), ValueError)
