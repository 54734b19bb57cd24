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


if __name__ == "__main__":
    main()
