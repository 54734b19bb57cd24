"""A DataLife Engine import whose database connection drops half-way, run again, ends
with the same pages, comments and redirects as one uninterrupted run."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError
from tests.importers.resuming import failing_at, outcome, uninterrupted
from tests.importers.wxrsite import run_import

from vestnik.importers.dle import DleError


def test_an_import_cut_off_mid_post_and_run_again_ends_as_one_run(editions, small_dle_url):
    dle_url = small_dle_url
    source = "dle:" + dle_url.rsplit("/", 1)[1]

    def run() -> tuple[int, str]:
        # Post 104 has no category: --rubric takes it in.
        return run_import("dle", "--database", dle_url, "--rubric", "society", "--publish-as-is")

    whole = uninterrupted(run, source)
    assert len(whole["pages"]) == 5 and len(whole["comments"]) == 5  # the fixture site
    # Records: 4 rubrics, 2 authors, post 101's picture, post 101, its comments 501-503...
    # The connection drops instead of the 10th: between comment 501 and its reply 502.
    lost = DleError("the connection to 127.0.0.1:3306 was lost")
    with failing_at(10, lost) as given, pytest.raises(CommandError, match="was lost"):
        run()
    assert given == [9]
    half = outcome(source)
    assert list(half["pages"]) == ["101"] and len(half["comments"]) == 1
    code, output = run()
    assert code == 0, output
    # What the first run wrote is found by its keys, not written twice.
    assert "created: 8 (4 article, 4 comment)" in output
    assert "unchanged: 8 (1 article, 2 author, 1 comment, 4 rubric)" in output
    assert outcome(source) == whole
