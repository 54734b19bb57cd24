"""Background work of "Read also": takes ids, safe to run twice."""

from django_tasks import task

from vestnik.related import services


@task()
def recompute_related(article_id: int) -> None:
    services.related_recompute(article_id)


@task()
def recompute_related_many(article_ids: list[int]) -> None:
    services.related_recompute_many(article_ids)


@task()
def forget_related(article_id: int) -> None:
    services.related_forget(article_id)
