"""One row's INSERT without the ORM's per-call SQL compilation, for the hottest writes.

``Model.save()`` compiles its INSERT anew each time; on a reader's comment post that was
about a tenth of the request's CPU (bench/comments.py). ``insert_returning_pk`` sends the
statement the ORM would, built once per model and database vendor from the model's own
fields, with each value prepared by its field as the ORM does. No ``pre_save`` or
``post_save`` signals are sent: use it only for models nothing listens to.
"""

from __future__ import annotations

from functools import cache

from django.db import connection, models


def insert_returning_pk(instance: models.Model) -> int:
    """INSERT ``instance`` (a new row, pk unset), set its pk and answer it."""
    fields, sql = _insert_statement(type(instance), connection.vendor)
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        pk = cursor.fetchone()[0]
    instance.pk = pk
    instance._state.adding = False
    instance._state.db = connection.alias
    return pk


@cache
def _insert_statement(model: type[models.Model], vendor: str) -> tuple[list, str]:
    quote = connection.ops.quote_name
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    return fields, f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING {pk}"  # noqa: S608
