"""Background work of feeds: takes ids, safe to run twice."""

from django_tasks import task

from vestnik.distribution import services


@task()
def prepare_enclosures(article_ids: list[int]) -> None:
    services.enclosures_prepare(article_ids)
