import django.db.models.deletion
from django.db import migrations, models


def create_fts(apps, schema_editor):
    # SQLite only: stems indexed by FTS5 (bm25 ranking); rowid is the article id.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(stems, tokenize='unicode61')"
        )


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("newsroom", "0004_person_name_order"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="newsroom.articlepage",
                    ),
                ),
                ("rubric_id", models.IntegerField()),
                ("published_at", models.DateTimeField()),
                ("title", models.TextField()),
                ("body_text", models.TextField()),
                ("stems", models.TextField()),
                (
                    "locale",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.locale",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["locale", "published_at"], name="search_locale_date")
                ],
            },
        ),
        migrations.RunPython(create_fts, drop_fts),
    ]
