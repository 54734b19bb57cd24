"""Fixtures of the newsroom tests: one user per role."""

from __future__ import annotations

import pytest


def _member(role: str, username: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def author_user(db):
    return _member("Author", "author")


@pytest.fixture
def other_author_user(db):
    return _member("Author", "other-author")


@pytest.fixture
def editor_user(db):
    return _member("Editor", "editor")


@pytest.fixture
def translator_user(db):
    return _member("Translator", "translator")
