"""Title weighting and stored documents.

SQLite: the FTS5 table gets a column of the title's stems (FTS5 tables cannot gain a
column, so it is rebuilt and refilled from the index). PostgreSQL: the weighted
tsvector ``document`` is filled with each edition's configuration and indexed by GIN.
"""

import django.contrib.postgres.search
from django.db import migrations

from vestnik.core.text import stems
from vestnik.search.text import TS_CONFIGS


def forwards(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    Locale = apps.get_model("wagtailcore", "Locale")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, stems, tokenize='unicode61')"
        )
        languages = dict(Locale.objects.values_list("id", "language_code"))
        rows = [
            (page_id, " ".join(stems(title, languages[locale_id])), entry_stems)
            for page_id, locale_id, title, entry_stems in SearchEntry.objects.values_list(
                "page_id", "locale_id", "title", "stems"
            ).iterator()
        ]
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, stems) VALUES (%s, %s, %s)", rows
            )
    elif schema_editor.connection.vendor == "postgresql":
        for locale_id, code in Locale.objects.values_list("id", "language_code"):
            schema_editor.execute(
                "UPDATE search_searchentry SET document ="
                " setweight(to_tsvector(%s::regconfig, title), 'A')"
                " || setweight(to_tsvector(%s::regconfig, body_text), 'B')"
                " WHERE locale_id = %s",
                (TS_CONFIGS.get(code, "simple"),) * 2 + (locale_id,),
            )
        schema_editor.execute(
            "CREATE INDEX search_document_gin ON search_searchentry USING gin (document)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(stems, tokenize='unicode61')"
        )
        schema_editor.execute("INSERT INTO search_fts (rowid, stems)"
                              " SELECT page_id, stems FROM search_searchentry")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="document",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
