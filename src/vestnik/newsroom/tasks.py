"""Background work of the newsroom: takes ids, safe to run twice."""

from django_tasks import task

from vestnik.newsroom import services


@task()
def prepare_pictures(article_ids: list[int]) -> None:
    services.article_pictures_prepare(article_ids)
