"""Hostile or broken WordPress exports: a clear error naming the file and the line, and
nothing imported half-way."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.importers.wxrsite import WXR
from wagtail.models import Page

from vestnik.importers.wxr import WxrError, WxrFile

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
RSS = '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>{}</channel></rss>'
LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)).replace(
    "&lol0;" * 10, "lol"
)
HOSTILE = {
    "billion laughs": HEAD + f"<!DOCTYPE rss [{LAUGHS}]>" + RSS.format("<title>&lol9;</title>"),
    "quadratic blow-up": HEAD
    + f'<!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]>'
    + RSS.format("<title>" + "&a;" * 50_000 + "</title>"),
    "external entity": HEAD
    + '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    + RSS.format("<title>&xxe;</title>"),
    "external DTD": HEAD
    + '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">'
    + RSS.format("<title>x</title>"),
    "not an export": HEAD + "<html><body>hello</body></html>",
}


def read_all(path: Path, max_element: int = 1_000_000) -> list:
    return list(WxrFile(path, language="ru", max_element=max_element).records())


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_entities_doctypes_and_other_documents_are_refused(tmp_path, kind):
    path = tmp_path / "export.xml"
    path.write_text(HOSTILE[kind], encoding="utf-8")
    with pytest.raises(WxrError) as refused:
        read_all(path)
    assert str(refused.value).startswith(f"{path}:")
    assert refused.value.line is not None
    assert "passwd" not in str(refused.value) and "root:" not in str(refused.value)


def test_a_truncated_export_names_the_line(tmp_path):
    text = WXR.read_text(encoding="utf-8")
    path = tmp_path / "truncated.xml"
    path.write_text(text[: text.index("<item>", text.index("<item>") + 1) + 200], encoding="utf-8")
    with pytest.raises(WxrError, match=rf"^{path}:\d+: ") as refused:
        read_all(path)
    assert refused.value.line and refused.value.line > 40


def test_a_wrong_encoding_is_refused(tmp_path):
    path = tmp_path / "cp1251.xml"
    path.write_bytes(WXR.read_text(encoding="utf-8").encode("cp1251"))  # declared UTF-8
    with pytest.raises(WxrError, match="encoding"):
        read_all(path)


def test_an_element_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "long.xml"
    path.write_text(HEAD + RSS.format("<title>" + "я" * 5_000 + "</title>"), encoding="utf-8")
    with pytest.raises(WxrError, match="too large"):
        read_all(path, max_element=1_000)


def test_a_100_mb_element_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("w", encoding="utf-8") as file:
        file.write(HEAD + '<rss version="2.0"><channel><item><description>')
        chunk = "x" * 1_000_000
        for _ in range(100):
            file.write(chunk)
        file.write("</description></item></channel></rss>")
    with pytest.raises(WxrError) as refused:
        read_all(path, max_element=500_000_000)  # the parser's own cap stops it first
    assert str(refused.value).startswith(f"{path}:")


def test_a_broken_export_imports_nothing(tmp_path, editions):
    """The posts before the break are valid, yet nothing of the file is imported."""
    text = WXR.read_text(encoding="utf-8")
    path = tmp_path / "broken.xml"
    path.write_text(text.replace("</channel>", "<item><title>x</title></channel>"), "utf-8")
    pages = Page.objects.count()
    with pytest.raises(CommandError, match=rf"^{path}:\d+: "):
        call_command("import", "wxr", str(path), "--edition", "ru", "--publish-as-is")
    assert Page.objects.count() == pages


POST = """<item><title>Post</title><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status><wp:post_date>2024-05-01 10:00:00</wp:post_date>
<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>{}</item>"""


def comment(comment_id: str, parent: str, approved: str = "1", gmt: str = "0000-00-00 00:00:00"):
    return (
        f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>"
        f"<wp:comment_approved>{approved}</wp:comment_approved>"
        f"<wp:comment_date_gmt>{gmt}</wp:comment_date_gmt>"
        f"<wp:comment_content>Text {comment_id}</wp:comment_content></wp:comment>"
    )


def test_hostile_comment_ids_neither_hang_nor_fail_the_import(tmp_path):
    """A parent chain looping through spam, ids that are not numbers, a parent after its
    reply: every kept comment comes out once, and no reply points at a missing parent."""
    comments = "".join(
        [
            comment("1", "2", approved="spam"),
            comment("2", "1", approved="spam"),
            comment("3", "1"),  # its chain loops 1 -> 2 -> 1 through spam
            comment("abc", "3"),
            comment("4", "9"),  # a parent after it
            comment("9", "0"),
        ]
    )
    path = tmp_path / "export.xml"
    path.write_text(HEAD + RSS.format(POST.format(comments)), encoding="utf-8")
    records = [r for r in read_all(path) if type(r).__name__ == "CommentRecord"]
    assert [(r.external_id, r.parent_id) for r in records] == [
        ("3", None), ("4", None), ("9", None), ("abc", "3"),
    ]  # fmt: skip
    # Zero GMT dates: the post's own date, never the moment of the import.
    assert {r.created_at.isoformat() for r in records} == {"2024-05-01T10:00:00+00:00"}


def test_blogs_of_one_multisite_have_keys_of_their_own(tmp_path):
    def source(blog: str) -> str:
        site = "<wp:base_site_url>https://network.example.kg</wp:base_site_url>"
        path = tmp_path / "export.xml"
        path.write_text(
            HEAD + RSS.format(f"{site}<wp:base_blog_url>{blog}</wp:base_blog_url>"),
            encoding="utf-8",
        )
        return WxrFile(path, language="ru", max_element=1_000_000).source

    assert source("https://network.example.kg/ru") == "wxr:network.example.kg/ru"
    assert source("https://network.example.kg/ky/") == "wxr:network.example.kg/ky"
    long = source("https://" + "a" * 60 + ".example.kg/blog")
    assert long.startswith("wxr:") and len(long) <= 40
