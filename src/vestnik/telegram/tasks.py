"""Background work of the channel autopost: takes ids, safe to run twice."""

from django_tasks import task

from vestnik.telegram import services


@task()
def sync_article(article_id: int) -> str:
    return services.telegram_sync(article_id)
