"""DLE's markup and BBCode become plain, well-formed HTML; hostile stories cannot hurt."""

from __future__ import annotations

import base64

import pytest

from vestnik.importers.dle.markup import comment_to_text, story_to_html
from vestnik.importers.dle.rows import image_url, parse_xfields, split_tags


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("[b]жирный[/b] и [i]курсив[/i], [u]черта[/u], [s]было[/s]",
         "<strong>жирный</strong> и <em>курсив</em>, <u>черта</u>, <s>было</s>"),
        ("[url=https://example.kg/a?x=1&y=2]ссылка[/url]",
         '<a href="https://example.kg/a?x=1&amp;y=2">ссылка</a>'),
        ("[url]https://example.kg/[/url]", '<a href="https://example.kg/">https://example.kg/</a>'),
        ("[img]https://example.kg/a.jpg[/img]", '<img src="https://example.kg/a.jpg" alt="">'),
        ("[quote]цитата[/quote]", "<blockquote>цитата</blockquote>"),
        ("[list][*]раз[*]два[/list]", "<ul><li>раз</li><li>два</li></ul>"),
        ("[spoiler=Ответ]сорок два[/spoiler] [hide]для своих[/hide]", "сорок два для своих"),
        ("[center][color=#f00][size=5]крупно[/size][/color][/center]", "крупно"),
        ("<!--TBegin:https://example.kg/big.jpg|left--><a href=\"https://example.kg/big.jpg\">"
         "<img src=\"https://example.kg/small.jpg\" alt=\"\"></a><!--TEnd-->",
         '<img src="https://example.kg/big.jpg" alt="">'),
        ("<!--dle_media_begin:https://www.youtube.com/watch?v=a1--><iframe src=\"https://www."
         "youtube.com/embed/a1\"></iframe><!--dle_media_end-->[video=https://example.kg/v.mp4]",
         '<p><a href="https://www.youtube.com/watch?v=a1">https://www.youtube.com/watch?v=a1</a>'
         '</p><p><a href="https://example.kg/v.mp4">https://example.kg/v.mp4</a></p>'),
        ("раз{PAGEBREAK}два[page=2]три[/page]", "раздватри"),
    ],
)  # fmt: skip
def test_bbcode_and_dle_markers_become_html(story, expected):
    assert story_to_html(story) == expected


def test_site_relative_addresses_become_the_old_sites():
    story = '<a href="/news/5-x.html">a</a><img src="/uploads/a.jpg"><img src="//cdn.kg/b.jpg">'
    assert story_to_html(story, "https://old.kg") == (
        '<a href="https://old.kg/news/5-x.html">a</a><img src="https://old.kg/uploads/a.jpg">'
        '<img src="//cdn.kg/b.jpg">'
    )


def test_a_leech_link_points_at_its_real_address_again():
    hidden = base64.b64encode(b"https://example.kg/doc.pdf").decode()
    story = (
        f'<!--dle_leech_begin--><a href="https://old.example.kg/engine/go.php?url={hidden}" '
        'target="_blank">документ</a><!--dle_leech_end-->'
    )
    assert story_to_html(story) == '<a href="https://example.kg/doc.pdf">документ</a>'


@pytest.mark.parametrize(
    "story",
    [
        "[url=javascript:alert(1)]нажми[/url]",
        "[url=JaVaScRiPt:alert(1)]нажми[/url]",
        "[url= javascript&#58;alert(1)]нажми[/url]",
        "[img]javascript:alert(1)[/img]нажми",
        "[url=data:text/html;base64,PHNjcmlwdD4=]нажми[/url]",
        '<a href="javascript:alert(1)" onclick="x()">нажми</a>',
        '<img src=x onerror="alert(1)">нажми<script>alert(1)</script>',
        "<svg onload=alert(1)>нажми</svg><style>*{}</style><iframe src=//evil></iframe>",
        '[url="onmouseover=alert(1) x="]нажми[/url]',
    ],
)
def test_nothing_executable_survives(story):
    html = story_to_html(story).lower()
    assert "нажми" in html
    for danger in ("javascript", "script", "onerror", "onclick", "onload", "onmouseover",
                   "data:", "iframe", "svg", "style"):  # fmt: skip
        assert danger not in html


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        ("[b]жирный[i]смесь[/b] хвост[/i]", "<strong>жирный<em>смесь</em></strong> хвост"),
        ("[/b]лишнее[/quote] закрытие", "лишнее закрытие"),
        ("[quote][b]не закрыто", "<blockquote><strong>не закрыто</strong></blockquote>"),
        ("<p>абзац <b>без конца", "<p>абзац <b>без конца</b></p>"),
        ("[url=https://example.kg/]без конца", '<a href="https://example.kg/">без конца</a>'),
        ("[img]https://example.kg/a.jpg", "[img]https://example.kg/a.jpg"),
        ("[unknown=1]как есть[/unknown] [*] [", "[unknown=1]как есть[/unknown]  ["),
    ],
)  # fmt: skip
def test_broken_bbcode_and_unclosed_tags_come_out_well_formed(story, expected):
    assert story_to_html(story) == expected


def test_huge_hostile_stories_convert_without_blowing_up():
    unclosed = "[img]" * 200_000 + "[url=" * 200_000 + "<b>" * 20_000 + "[b]" * 20_000
    html = story_to_html(unclosed + "хвост")
    assert html.endswith("хвост" + "</strong>" * 20_000 + "</b>" * 20_000)
    assert html.count("<strong>") == html.count("<b>") == 20_000
    long_text = "слово " * 500_000
    assert story_to_html(f"[b]{long_text}[/b]") == f"<strong>{long_text}</strong>"


def test_a_comment_is_plain_text_with_its_line_breaks():
    comment = (
        "Первая<br>вторая &lt;b&gt;не тег&lt;/b&gt;<br /><br /><br />[b]жир[/b]<script>x</script>"
    )
    assert comment_to_text(comment) == "Первая\nвторая <b>не тег</b>\n\nжир"


def test_xfields_tags_and_image_addresses():
    assert parse_xfields("image|a.jpg||source|ТАСС &#124; АКИpress||empty|||") == {
        "image": "a.jpg", "source": "ТАСС | АКИpress", "empty": "",
    }  # fmt: skip
    assert parse_xfields(None) == {} and parse_xfields("без черты") == {"без черты": ""}
    assert split_tags(" Бишкек,, выборы ,Бишкек,&quot;Ала-Too&quot;") == (
        "Бишкек", "выборы", '"Ала-Too"',
    )  # fmt: skip
    assert image_url("2024-01/a.jpg|800x600", "https://old.kg") == (
        "https://old.kg/uploads/posts/2024-01/a.jpg"
    )
    assert image_url("https://cdn.kg/b.jpg", "") == "https://cdn.kg/b.jpg"
    assert image_url("/files/c.jpg", "https://old.kg") == "https://old.kg/files/c.jpg"
    assert image_url("javascript://%0aalert(1)", "https://old.kg") == ""
    assert image_url("javascript:alert(1)", "https://old.kg") == ""
