"""Background work of the search index: takes ids, safe to run twice."""

from django_tasks import task

from vestnik.search import services


@task()
def index_article(article_id: int) -> None:
    services.search_index_article(article_id)


@task()
def index_many(article_ids: list[int]) -> None:
    services.search_index_many(article_ids)
