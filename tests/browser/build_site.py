"""Build the browser journeys' site in a fresh database: ``python -m tests.browser.build_site``.

Runs in its own process with the environment the fixture gives it, and prints the
URLs of the sample pages (and of the imported seed article) as JSON, with what the
comment journeys need (a moderator's credentials and articles in a pre-moderated and
a post-moderated rubric, one of them with an approved comment and a reply) and an
article in Russian with its English translation (none in Kyrgyz) for the switcher.
"""

from __future__ import annotations

import json
import os
import time
from io import StringIO

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    django.setup()
    from django.core.management import call_command
    from tests import sample_site
    from tests.conftest import SEED_FILE

    from vestnik.newsroom.editions import edition_ensure_all

    call_command("migrate", verbosity=0)
    edition_ensure_all()
    urls = sample_site.build()
    seed = None
    if SEED_FILE.is_file():
        out = StringIO()
        call_command("import_text", str(SEED_FILE), "--lang", "en", "--publish", stdout=out)
        seed = out.getvalue().strip().splitlines()[-1]
    site = {
        "urls": urls,
        "seed": seed,
        "comments": comment_site(),
        "translated": translated(),
        "search": search_site(),
        "light": light_article(),
    }
    print(json.dumps(site))


MODERATOR = {"username": "moderator", "password": "browser-journeys-moderator-7Qx"}
# Each journey gets an article of its own, so that none depends on another's comments.
PRE_MODERATED = ("no_js", "js", "moderation")
POST_MODERATED = ("replies", "xss", "axe")


def comment_site() -> dict:
    """A moderator and the articles of the comment journeys; "culture" posts at once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from tests import factories

    from vestnik.comments import services, tokens
    from vestnik.newsroom.models import CommentMode, RubricPage

    moderator = get_user_model().objects.create_user(
        username=MODERATOR["username"], password=MODERATOR["password"], first_name="Mira"
    )
    moderator.groups.add(Group.objects.get(name="Moderator"))
    RubricPage.objects.filter(locale__language_code="en", slug="culture").update(
        comment_mode=CommentMode.POST_MODERATED
    )
    articles = {}
    for key in PRE_MODERATED + POST_MODERATED:
        rubric = "society" if key in PRE_MODERATED else "culture"
        page = factories.article(
            "en", rubric, headline=f"Comments journey: {key.replace('_', ' ')}"
        )
        articles[key] = {"id": page.id, "path": page.get_url_parts()[2]}

    def comment(key: str, name: str, body: str, parent_id: int | None = None) -> int:
        article_id = articles[key]["id"]
        submission = services.CommentSubmission(
            article_id=article_id,
            token=tokens.token_issue(article_id, now=time.time() - 60).value,
            name=name,
            body=body,
            parent_id=parent_id,
        )
        return services.comment_submit(submission).comment.id

    first = comment("axe", "Aibek", "The new library is open until nine, which helps.")
    comment("axe", "Nazira", "It is open on Sundays too.", parent_id=first)
    return {"moderator": MODERATOR, "articles": articles}


TRANSLATED = {
    "ru": "Мост через Чуй открыли на неделю раньше срока",
    "en": "The bridge over the Chuy opens a week early",
}


def translated() -> dict:
    """An article in the Russian edition and its English version, linked as editions link:
    {edition: {"path", "headline"}}."""
    from tests import factories

    from vestnik.newsroom.services import article_link_translation

    pages = {code: factories.article(code, headline=title) for code, title in TRANSLATED.items()}
    article_link_translation(pages["en"], pages["ru"])
    return {
        code: {"path": page.get_url_parts()[2], "headline": page.title}
        for code, page in pages.items()
    }


SEARCH_WORD = "mudflow"


def search_site() -> dict:
    """Eleven English articles that say SEARCH_WORD (one page and one more), four of them
    by one author: {"word", "author", "by_author"}."""
    from tests import factories

    from vestnik.core.sanitise import text_to_paragraph_html

    author = factories.author("en", "Aida", "Bekova")
    for n in range(11):
        factories.article(
            "en",
            "society",
            headline=f"Mudflow watch, day {n + 1}",
            body=[("paragraph", text_to_paragraph_html(f"A mudflow closed road {n + 1}."))],
            authors=[author] if n < 4 else [],
            days_ago=n,
        )
    return {"word": SEARCH_WORD, "author": author.title, "by_author": 4}


def photo(title: str, seed: int):
    """A photograph-like JPEG (sky, ridges, grain), 1600x1000: what an editor uploads."""
    import io
    import random

    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw, ImageFilter
    from wagtail.images.models import Image as WagtailImage

    rng = random.Random(seed)
    picture = Image.new("RGB", (1600, 1000))
    draw = ImageDraw.Draw(picture)
    for y in range(1000):
        draw.line([(0, y), (1600, y)], fill=(60 + y // 10, 110 + y // 14, 190 - y // 8))
    for ridge in range(4):
        base = 450 + ridge * 140
        points = [(x, base - rng.randint(0, 220)) for x in range(0, 1700, 100)]
        shade = (40 + ridge * 25, 70 + ridge * 20, 50 + ridge * 10)
        draw.polygon([(0, 1000), *points, (1600, 1000)], fill=shade)
    picture = picture.filter(ImageFilter.GaussianBlur(1.5))
    grain = Image.effect_noise((1600, 1000), 24).convert("RGB")
    picture = Image.blend(picture, grain, 0.08)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return WagtailImage.objects.create(
        title=title, file=ImageFile(buffer, name=f"photo-{seed}.jpg")
    )


def light_article() -> dict:
    """The Lighthouse article: the longest English demo article with a lead photograph,
    a photograph in its body and a short conversation: {"path"}."""
    from django.utils import timezone
    from tests import factories

    from vestnik.comments.services import CommentRecord, comment_record
    from vestnik.core.sanitise import text_to_paragraph_html
    from vestnik.demo import content

    item = max(
        (a for a in content.ARTICLES if a["lang"] == "en"),
        key=lambda a: sum(len(str(value)) for _kind, value in a["body"]),
    )
    body = []
    for kind, value in item["body"]:
        if kind == "paragraph":
            value = text_to_paragraph_html(value)
        elif kind == "quote":
            value = {"text": value["text"], "attribution": value["attribution"]}
        body.append((kind, value))
    figure = {"image": photo("A substation in the Chui valley", 2).id, "caption": "A substation"}
    article = factories.article(
        "en", "economy", headline=item["headline"], lead=item["lead"],
        body=[*body[:5], ("image", figure), *body[5:]],
        lead_image=photo("Power lines over the Naryn valley", 1),
        authors=[factories.author("en", "Denis", "Vorontsov")],
        tags=[factories.tag("en", "energy")],
    )  # fmt: skip
    for name, text in (("Bakyt", "Good to see the figures."), ("Aida", "What about 2027?")):
        comment_record(
            CommentRecord(
                article_id=article.id, name=name, body=text, state="approved",
                created_at=timezone.now(),
            )
        )  # fmt: skip
    return {"path": article.get_url_parts()[2]}


if __name__ == "__main__":
    main()
