"""Machine translators for wagtail-localize: a LibreTranslate-protocol client with an
optional API key and an explicit timeout (chosen with ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``).

wagtail-localize's own ``LibreTranslator`` insists on an API key, which a self-hosted
engine usually has none of; its DeepL and Google translators are used as they are.
"""

from __future__ import annotations

import json
import urllib.request

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue


class MachineTranslationFailed(Exception):
    """The engine refused, failed or did not answer in time."""


class LibreTranslateTranslator(BaseMachineTranslator):
    """``POST {URL}/translate`` with ``q`` (a list), ``source``, ``target``, ``format``
    and ``api_key``; the answer's ``translatedText`` is a list in the same order."""

    display_name = "LibreTranslate"

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        payload = {
            "q": [item.data for item in strings],
            "source": source_locale.language_code.split("-")[0],
            "target": target_locale.language_code.split("-")[0],
            "format": "html",
        }
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]
        request = urllib.request.Request(  # noqa: S310 (the operator's configured URL)
            self.options["URL"].rstrip("/") + "/translate",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=float(self.options.get("TIMEOUT", 30))
            ) as response:
                translated = json.loads(response.read())["translatedText"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise MachineTranslationFailed(f"LibreTranslate: {error}") from error
        if not isinstance(translated, list) or len(translated) != len(strings):
            raise MachineTranslationFailed("LibreTranslate answered a different number of texts")
        return {string: StringValue(text) for string, text in zip(strings, translated, strict=True)}

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code
