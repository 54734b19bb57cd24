"""A feed import stopped half-way (the operator's Ctrl-C between an entry's picture and
the entry), run again, ends with the same pages and pictures as one uninterrupted run."""

from __future__ import annotations

import pytest
from django.utils import timezone
from tests.importers.resuming import failing_at, outcome, uninterrupted
from tests.importers.wiresite import FEED_PATH, PartnerSite
from tests.importers.wxrsite import run_import
from tests.localhttp import serving

SOURCE = "feed:127.0.0.1"


def test_a_feed_import_stopped_half_way_and_run_again_ends_as_one_run(editions, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VESTNIK_FETCH_ALLOW = ["127.0.0.0/8"]
    since = timezone.now()  # an entry without a date is dated when it is imported
    with serving(PartnerSite) as base:

        def run() -> tuple[int, str]:
            return run_import("feed", base + FEED_PATH, "--rubric", "society", "--publish")

        whole = uninterrupted(run, SOURCE, imported_since=since)
        assert len(whole["pages"]) == 3 and whole["images"] == 2
        # Records: the library's picture and entry, the exchange rate's picture, its entry...
        with failing_at(4, KeyboardInterrupt()) as given, pytest.raises(KeyboardInterrupt):
            run()
        assert given == [3]
        half = outcome(SOURCE)
        assert len(half["pages"]) == 1 and half["images"] == 2
        code, output = run()
    assert code == 0, output
    assert "created: 2 (2 article)" in output
    assert "unchanged: 3 (1 article, 2 media)" in output
    assert outcome(SOURCE, imported_since=since) == whole
