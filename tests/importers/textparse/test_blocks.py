"""Body rules: subheadings (6), quotes (7), flattened lists (8), marked lists (9)."""

from __future__ import annotations

from vestnik.importers.textparse import ParsedBlock

HEAD = "Headline\n\nLead paragraph.\n"


def _blocks(parse, body: str, lang: str = "en") -> tuple[ParsedBlock, ...]:
    return parse(HEAD + body, lang=lang).blocks


def test_short_unpunctuated_line_is_a_subheading_with_or_without_blank_line(parse) -> None:
    blocks = _blocks(parse, "Budget: Where the Money Goes\nText one.\n\nNext Steps\n\nText two.")
    assert [(b.kind, b.text) for b in blocks] == [
        ("subheading", "Budget: Where the Money Goes"),
        ("paragraph", "Text one."),
        ("subheading", "Next Steps"),
        ("paragraph", "Text two."),
    ]


def test_lines_ending_with_closing_punctuation_are_not_subheadings(parse) -> None:
    lines = [
        "What Comes Next:",
        "Short line;",
        "Short line,",
        "Wait for It…",
        "Said «Yes»",
        "Is it now?",
    ]
    blocks = _blocks(parse, "\n".join(lines) + "\nEnd.")
    assert all(b.kind == "paragraph" for b in blocks)


def test_lowercase_long_or_wordy_lines_are_not_subheadings(parse) -> None:
    wordy = (
        "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    )
    blocks = _blocks(parse, f"lowercase start line\n{wordy}\n" + "A" * 121)
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "paragraph"]


def test_first_body_line_is_the_lead_even_when_short(parse) -> None:
    article = parse("Headline\nDaniel Brooks Politics\nShort Opening Line\nNext Title\nBody.")
    assert article.lead == "Short Opening Line"
    assert article.blocks[0] == ParsedBlock(kind="subheading", text="Next Title")


def test_series_after_a_colon_paragraph_is_split_at_the_final_conjunction(parse) -> None:
    blocks = _blocks(
        parse, "The plan includes:\nnew pipes (steel, cast iron), 1,200 meters, or a pump."
    )
    assert blocks[1] == ParsedBlock(
        kind="list",
        items=("new pipes (steel, cast iron)", "1,200 meters", "a pump"),
        style="bulleted",
    )


def test_series_without_colon_paragraph_stays_prose(parse) -> None:
    blocks = _blocks(parse, "The plan is ready.\nnew pipes, new meters, and a pump.")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]


def test_colon_paragraph_followed_by_a_non_series_stays_prose(parse) -> None:
    blocks = _blocks(parse, "The reason is simple:\nthe old pipes leak everywhere.")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]


def test_english_series_needs_a_comma_before_the_conjunction(parse) -> None:
    blocks = _blocks(parse, "It covers:\nnew pipes, meters and a pump.")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]


def test_russian_series_with_comma_and_i(parse) -> None:
    blocks = _blocks(parse, "В планах:\nновые трубы, счётчики, и насосная станция.", lang="ru")
    assert blocks[1].items == ("новые трубы", "счётчики", "насосная станция")


def test_russian_bare_i_is_the_first_after_the_last_comma(parse) -> None:
    blocks = _blocks(parse, "В планах:\nтрубы, счётчики и курсы по химии и биологии.", lang="ru")
    assert blocks[1].items == ("трубы", "счётчики", "курсы по химии и биологии")


def test_kyrgyz_series_with_menen(parse) -> None:
    blocks = _blocks(parse, "Долбоорго кирет:\nтүтүктөр, насостор менен эсептегичтер.", lang="ky")
    assert blocks[1].items == ("түтүктөр", "насостор", "эсептегичтер")


def test_colon_paragraph_followed_by_a_quote_gives_a_quote_not_a_list(parse) -> None:
    blocks = _blocks(parse, "Mayor John Smith said:\n“pipes, pumps, and meters are ready.”")
    assert blocks[1] == ParsedBlock(
        kind="quote", text="pipes, pumps, and meters are ready.", attribution="John Smith"
    )


def test_consecutive_bullets_with_blank_lines_form_one_list(parse) -> None:
    blocks = _blocks(
        parse, "• first item,\n\n• second item;\n\n* third item.\n- fourth item\nAfter."
    )
    assert blocks[0] == ParsedBlock(
        kind="list",
        items=("first item", "second item", "third item", "fourth item"),
        style="bulleted",
    )
    assert blocks[1].text == "After."


def test_numbered_items_form_a_numbered_list(parse) -> None:
    blocks = _blocks(parse, "1. Close the valve.\n2) Call the hotline;\n3. Wait")
    assert blocks == (
        ParsedBlock(
            kind="list", items=("Close the valve", "Call the hotline", "Wait"), style="numbered"
        ),
    )


def test_single_dash_or_star_line_is_prose_but_single_bullet_is_a_list(parse) -> None:
    blocks = _blocks(
        parse, "- a lone dash line.\nText.\n* Footnote about a source.\nText.\n• lone bullet"
    )
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "paragraph", "paragraph", "list"]


def test_russian_dialogue_lines_are_not_a_list(parse) -> None:
    blocks = _blocks(
        parse, "— Мы готовы, — сказал он.\n— Когда начнёте? — спросили его.", lang="ru"
    )
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]


def test_quote_speaker_is_the_name_nearest_the_speech_verb(parse) -> None:
    body = (
        "Earlier Anna Lee spoke. At the site, engineer Omar Kasymov stressed on behalf of "
        "Osh Suu Kanal:\n«Water is life.»"
    )
    assert _blocks(parse, body)[1] == ParsedBlock(
        kind="quote", text="Water is life.", attribution="Omar Kasymov"
    )


def test_without_speech_verb_the_name_nearest_the_colon_is_the_speaker(parse) -> None:
    body = "Next came Anna Lee, then the engineer Omar Kasymov:\n«Water is life.»"
    assert _blocks(parse, body)[1].attribution == "Omar Kasymov"


def test_name_at_the_start_of_the_sentence_is_not_taken_for_the_speaker(parse) -> None:
    # Every sentence opens with a capital, so "Clean Water" is no evidence of a person.
    blocks = _blocks(parse, "Clean Water matters, the report said:\n“We will finish.”")
    assert blocks[1].attribution == ""


def test_title_alone_is_not_a_speaker(parse) -> None:
    blocks = _blocks(parse, "The Minister then said:\n“We will finish.”")
    assert blocks[1].attribution == ""


def test_title_before_a_name_at_sentence_start_is_dropped(parse) -> None:
    blocks = _blocks(parse, "Mayor John Smith said:\n“We will finish.”")
    assert blocks[1].attribution == "John Smith"


def test_sentence_before_without_colon_or_speech_verb_does_not_name_the_speaker(parse) -> None:
    blocks = _blocks(parse, "The visit of Sadyr Japarov was short.\n“We will finish.”")
    assert blocks[1].attribution == ""


def test_speaker_in_following_paragraph_that_says_more_is_kept_as_paragraph(parse) -> None:
    body = "«Работы завершим в мае»\nОб этом заявил министр Айбек Осмонов на брифинге в среду."
    blocks = _blocks(parse, body, lang="ru")
    assert blocks[0] == ParsedBlock(
        kind="quote", text="Работы завершим в мае", attribution="Айбек Осмонов"
    )
    assert blocks[1].text.startswith("Об этом заявил")


def test_attribution_only_paragraph_in_english_is_consumed(parse) -> None:
    blocks = _blocks(parse, '"We will finish in May."\nSo said Mayor John Smith.\nNext.')
    assert blocks == (
        ParsedBlock(kind="quote", text="We will finish in May.", attribution="John Smith"),
        ParsedBlock(kind="paragraph", text="Next."),
    )


def test_kyrgyz_verb_final_attribution_paragraph_is_consumed(parse) -> None:
    blocks = _blocks(
        parse, "«Иш май айында бүтөт»\nБул тууралуу Айбек Осмонов билдирди.", lang="ky"
    )
    assert blocks == (
        ParsedBlock(kind="quote", text="Иш май айында бүтөт", attribution="Айбек Осмонов"),
    )


def test_english_speech_verb_glued_after_the_closing_mark(parse) -> None:
    blocks = _blocks(parse, "“We will finish in May,” said Deputy Mayor Anna Lee.")
    assert blocks[0] == ParsedBlock(
        kind="quote", text="We will finish in May", attribution="Anna Lee"
    )


def test_quote_without_any_named_speaker_has_empty_attribution(parse) -> None:
    blocks = _blocks(parse, "«Всё будет готово к зиме», — сказал он.", lang="ru")
    assert blocks[0] == ParsedBlock(kind="quote", text="Всё будет готово к зиме", attribution="")


def test_two_quotations_in_one_paragraph_are_prose(parse) -> None:
    blocks = _blocks(parse, "«Да» и «нет» прозвучали одновременно.\n“One” and “two”.", lang="ru")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]


def test_nested_quotation_marks_stay_inside_the_quote(parse) -> None:
    blocks = _blocks(parse, "«Проект «Чистая вода» продолжится»", lang="ru")
    assert blocks[0].kind == "quote"
    assert blocks[0].text == "Проект «Чистая вода» продолжится"
