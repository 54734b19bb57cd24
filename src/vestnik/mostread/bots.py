"""Is this user agent a reader's browser? Robots, crawlers and scripts are not counted.

Views come only from the page's own script (``navigator.sendBeacon``), so link
previewers and plain HTTP clients rarely reach the beacon; what does are crawlers that
render pages with JavaScript (Googlebot, bingbot, YandexBot...) and headless browsers.
Two rules, documented in ``docs/adr/0007-view-counting.md``:

1. every browser in use announces itself as ``Mozilla/``: anything else is a client
   library or a tool (curl, wget, python-requests, Go, Java...);
2. the rest is asked of the ``crawler-user-agents`` package, the maintained list of
   robots' user agents (Googlebot, YandexBot, HeadlessChrome, Lighthouse, link
   previewers...). Matching its 1,500 patterns costs about 0.3 ms, so answers are kept
   per user-agent string: readers share few of them.
"""

from __future__ import annotations

from functools import lru_cache

import crawleruseragents


@lru_cache(maxsize=4096)
def _listed(user_agent: str) -> bool:
    return crawleruseragents.is_crawler(user_agent)


def is_robot(user_agent: str) -> bool:
    """True unless ``user_agent`` looks like a person's browser."""
    if not user_agent.startswith("Mozilla/"):
        return True
    return _listed(user_agent[:512])
