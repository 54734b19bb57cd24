"""Every reader-facing string exists in Russian, Kyrgyz and English."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

import vestnik

LOCALE_DIR = Path(vestnik.__file__).parent / "locale"


@pytest.mark.parametrize("code", ["ru", "ky"])
def test_catalogue_is_complete_and_compiled(code):
    po_path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    compiled = {
        entry.msgid: entry.msgstr for entry in polib.mofile(str(po_path.with_suffix(".mo")))
    }
    assert compiled == {e.msgid: e.msgstr for e in catalogue.translated_entries()}


def test_each_edition_speaks_its_language(client, editions):
    expected = {"ru": "Последние новости", "ky": "Акыркы жаңылыктар", "en": "Latest news"}
    for code, heading in expected.items():
        html = client.get(f"/{code}/").content.decode()
        assert f'<h2 id="latest-title">{heading}</h2>' in html
