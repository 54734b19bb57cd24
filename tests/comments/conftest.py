import pytest


@pytest.fixture
def article(editions):
    from tests import factories

    return factories.article("en", headline="Bishkek opens a second bridge over the Chuy")


@pytest.fixture
def moderator_user(db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username="moderator", password="x")
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


@pytest.fixture
def post_moderated(article):
    """The article's rubric publishes comments at once."""
    from vestnik.newsroom.models import RubricPage

    RubricPage.objects.filter(path=article.path[: -article.steplen]).update(comment_mode="post")
    return article
