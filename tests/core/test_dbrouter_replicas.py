"""Reads through a real second connection on PostgreSQL: the ``replica_1`` alias, which
the test plugin points at the test database as a mirror of ``default``.

A request reads from the replica only outside a transaction, so the tests that show it
are transactional (the test database is flushed after them)."""

from __future__ import annotations

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import CaptureQueriesContext
from tests import factories

from vestnik.core import dbrouter
from vestnik.newsroom.models import ArticlePage

BOTH = ["default", "replica_1"]


def test_the_postgresql_run_has_a_replica_that_mirrors_the_test_database(settings):
    assert settings.VESTNIK_DATABASE_REPLICAS == ["replica_1"]
    assert settings.DATABASES["replica_1"]["TEST"]["MIRROR"] == "default"
    assert (
        connections["replica_1"].settings_dict["NAME"]
        == connections["default"].settings_dict["NAME"]
    )


@pytest.fixture
def article_url(transactional_db, editions):
    article = factories.article("en", headline="Naryn opens a new pumping station")
    return article.url


def reads(client, method: str, url: str, **extra) -> tuple[int, int, int]:
    """(status, queries on the primary, queries on the replica) of one request."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_1"]) as replica,
    ):
        response = getattr(client, method)(url, **extra)
    return response.status_code, len(primary), len(replica)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_anonymous_readers_page_is_read_from_the_replica(client, article_url):
    status, on_primary, on_replica = reads(client, "get", article_url)
    assert status == 200
    assert on_replica > 0 and on_primary == 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_signed_in_request_and_a_post_read_from_the_primary(client, article_url):
    client.cookies["sessionid"] = "no-such-session"
    status, on_primary, on_replica = reads(client, "get", article_url)
    assert (status, on_replica) == (200, 0) and on_primary > 0
    del client.cookies["sessionid"]
    status, on_primary, on_replica = reads(client, "post", "/beacon/", data={})
    assert on_replica == 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_reads_inside_a_transaction_or_after_a_write_go_to_the_primary(article_url):
    router = dbrouter.ReplicaRouter()
    dbrouter.request_began(None, environ={"REQUEST_METHOD": "GET", "HTTP_COOKIE": "a=b"})
    try:
        assert ArticlePage.objects.all().db == "replica_1"
        with transaction.atomic():
            assert ArticlePage.objects.all().db == DEFAULT_DB_ALIAS
        assert router.db_for_read(ArticlePage) == "replica_1"
        ArticlePage.objects.filter(pk=0).update(title="x")  # a write, of nothing
        assert ArticlePage.objects.all().db == DEFAULT_DB_ALIAS
    finally:
        dbrouter.request_ended(None)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_outside_a_request_everything_reads_from_the_primary(article_url):
    dbrouter.request_began(None, environ={"REQUEST_METHOD": "GET"})
    dbrouter.request_ended(None)
    assert ArticlePage.objects.all().db == DEFAULT_DB_ALIAS
    with CaptureQueriesContext(connections["replica_1"]) as replica:
        assert ArticlePage.objects.live().count() >= 1
    assert len(replica) == 0


@pytest.mark.django_db(databases=BOTH)
def test_a_purge_can_wait_for_the_replicas_to_replay_the_primary():
    # The mirror is the primary itself (no standby): caught up at once.
    assert dbrouter.replicas_caught_up(timeout=1) is True
