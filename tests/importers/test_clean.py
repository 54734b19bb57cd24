"""The cleaner: a source's HTML becomes the blocks an editor could have made, and nothing
executable survives it."""

from __future__ import annotations

import json

from vestnik.importers.clean import autop, clean_body, plain_text

PICTURES = {"2024/05/most.jpg": 7}


def find(src: str) -> int | None:
    return PICTURES.get(src.rsplit("/uploads/", 1)[-1])


def test_wordpress_text_without_p_tags_becomes_paragraphs_and_line_breaks():
    assert autop("Первый абзац.\n\nВторой,\nс переносом.") == (
        "<p>Первый абзац.</p><p>Второй,<br>с переносом.</p>"
    )
    body = clean_body("Лид.\n\nВторой,\nс переносом.", find_image=find)
    assert body.lead == "Лид."
    assert body.blocks == [("paragraph", "<p>Второй,<br>с переносом.</p>")]


def test_structure_becomes_blocks():
    html = (
        "<p>Лид статьи.</p><h3>Подзаголовок <em>важный</em></h3>"
        "<ol><li>раз</li><li><b>два</b></li></ol>"
        "<blockquote><p>Первая фраза.</p><p>Вторая.</p><cite>Мэр</cite></blockquote>"
        '<figure><img src="https://old.example/wp-content/uploads/2024/05/most.jpg">'
        "<figcaption>Новый мост</figcaption></figure>"
        "<div><p>Абзац в обёртке.</p></div>"
    )
    body = clean_body(html, find_image=find)
    assert body.lead == "Лид статьи."
    assert body.blocks == [
        ("subheading", "Подзаголовок важный"),
        ("list", {"style": "numbered", "items": ["раз", "два"]}),
        ("quote", {"text": "Первая фраза.\nВторая.", "attribution": "Мэр", "person": None}),
        ("image", {"image": 7, "caption": "Новый мост", "credit": ""}),
        ("paragraph", "<p>Абзац в обёртке.</p>"),
    ]


def test_the_excerpt_is_the_lead_and_the_first_paragraph_stays():
    body = clean_body(
        "<p>Первый.</p><p>Второй.</p>", find_image=find, lead="<b>Анонс</b> &amp; всё"
    )
    assert body.lead == "Анонс & всё"
    assert [value for _kind, value in body.blocks] == ["<p>Первый.</p>", "<p>Второй.</p>"]


def test_nothing_executable_survives():
    html = (
        "<p>Текст <a href='javascript:alert(1)' onclick='x()'>ссылка</a>"
        "<img src=x onerror=alert(2)></p>"
        "<script>alert(3)</script><style>body{}</style><iframe src='https://evil.example'></iframe>"
        "<p style='color:red' onmouseover='x()'>Второй <a href='https://ok.example'>абзац</a></p>"
        "<!-- комментарий --><form><input name=a></form><svg><script>alert(4)</script></svg>"
        "<h2><script>alert(5)</script>Заголовок</h2>"
    )
    raw = json.dumps(clean_body(html, find_image=find).blocks, ensure_ascii=False)
    for executable in ("script", "alert", "onclick", "onerror", "onmouseover", "javascript",
                       "iframe", "style", "evil", "комментарий", "<form", "<input", "<svg"):  # fmt: skip
        assert executable not in raw
    assert 'href=\\"https://ok.example\\"' in raw
    assert "Заголовок" in raw


def test_unknown_pictures_are_dropped_and_empty_content_gives_nothing():
    body = clean_body('<p><img src="https://elsewhere.example/a.jpg"> Подпись</p>', find_image=find)
    assert body.lead == "Подпись" and body.blocks == []
    assert clean_body("  ", find_image=find).blocks == []
    assert plain_text("<p>a &lt;b&gt; <br> c</p>") == "a <b> c"


def test_characters_xml_cannot_hold_are_dropped_not_a_crash():
    """Word's vertical tab (a soft line break) and old stories' form feeds and NULs made
    lxml refuse the whole record."""
    assert plain_text("Заголовок\x0cс\x00переводом\x0bстраницы") == "Заголовок с переводом страницы"
    body = clean_body("Лид.\x0b\n\nТекст\x0bс переносом.\ufffe", find_image=find)
    assert body.lead == "Лид."
    assert body.blocks == [("paragraph", "<p>Текст с переносом.</p>")]
