"""Is this user agent a reader's browser? Robots, crawlers and scripts are not counted.

Views come only from the page's own script (``navigator.sendBeacon``), so link
previewers and plain HTTP clients rarely reach the beacon; what does are crawlers that
render pages with JavaScript (Googlebot, bingbot, YandexBot...) and headless browsers.
Two rules, documented in ``docs/adr/0007-view-counting.md``:

1. every browser in use announces itself as ``Mozilla/``: anything else is a client
   library or a tool (curl, wget, python-requests, Go, Java...);
2. the patterns below cover the self-declared robots that do render pages. Nearly all
   name themselves ``...bot``, ``crawler`` or ``spider``; the rest are listed by name.

The ``crawler-user-agents`` package keeps a longer list; see the ADR for why this short
one stands in for it.
"""

from __future__ import annotations

import re

_ROBOT = re.compile(
    "|".join(
        [
            r"bot\b",  # Googlebot/2.1, bingbot, YandexBot, AdsBot-Google, Applebot, PetalBot...
            r"crawl",  # Baiduspider's kin, ia_archiver-style crawlers, Sogou web crawler
            r"spider",
            r"slurp",  # Yahoo
            r"yandex(?!browser)",  # YandexImages, YandexMetrika, YandexRenderResourcesBot...
            r"mediapartners-google",
            r"google-(?:inspectiontool|read-aloud|safety|structured-data)",
            r"apis-google",
            r"feedfetcher",
            r"bingpreview",
            r"headlesschrome",  # Puppeteer and Playwright unless they lie
            r"lighthouse",  # PageSpeed Insights and Lighthouse runs
            r"\bptst\b",  # WebPageTest
            r"facebookexternalhit",
            r"embedly",
            r"preview",  # Slack, Skype, WhatsApp link previews
            r"monitor",  # uptime monitors
            r"archiver",
            r"scrap",
            r"phantomjs",
            r"selenium",
        ]
    ),
    re.IGNORECASE,
)


def is_robot(user_agent: str) -> bool:
    """True unless ``user_agent`` looks like a person's browser."""
    if not user_agent.startswith("Mozilla/"):
        return True
    return _ROBOT.search(user_agent) is not None
