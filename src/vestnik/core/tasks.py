"""Background work of core: purging caches. Takes ids and paths, safe to run twice."""

from django_tasks import task

from vestnik.core import purge


@task()
def purge_pages(page_ids: list[int], extra_paths: list[str]) -> None:
    purge.purge_pages(page_ids, extra_paths)


@task()
def purge_own_addresses(page_ids: list[int]) -> None:
    purge.purge_own_addresses(page_ids)
