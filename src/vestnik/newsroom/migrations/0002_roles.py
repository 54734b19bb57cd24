"""Create the newsroom's role groups (Author, Editor, Translator, Moderator, Administrator)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from vestnik.newsroom.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("wagtailcore", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("wagtailimages", "__latest__"),
        ("wagtaildocs", "__latest__"),
        ("wagtailredirects", "__latest__"),
        ("wagtail_localize", "__latest__"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
