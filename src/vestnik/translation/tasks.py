"""Background work of translation: takes ids, safe to run twice."""

from django_tasks import task

from vestnik.translation import services


@task()
def machine_translate(translation_id: int, user_id: int) -> int:
    return services.machine_translate(translation_id, user_id)


@task()
def refresh_sources(source_ids: list[int]) -> int:
    return services.sources_refresh(source_ids)
