"""Spam checks by an outside service: a small interface and an Akismet-compatible client.

Chosen by ``VESTNIK_COMMENTS_SPAM_CHECK = {"CLASS": ..., "OPTIONS": {...}}``; off by
default (no third party sees readers' comments unless the operator says so). Runs in
a task after the comment is saved, never in the reader's request, with a timeout.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SpamVerdict(Enum):
    HAM = "ham"
    SPAM = "spam"
    UNKNOWN = "unknown"  # the service failed or timed out: the comment keeps its state


@dataclass(frozen=True)
class SpamQuery:
    """What the service sees: the comment and the request it came with."""

    user_ip: str
    user_agent: str
    referrer: str
    permalink: str
    author_name: str
    author_email: str
    author_website: str
    body: str
    language: str


class SpamChecker:
    """Base class: ``check`` answers a verdict and never raises."""

    def __init__(self, options: dict) -> None:
        self.options = options

    def check(self, query: SpamQuery) -> SpamVerdict:
        raise NotImplementedError


class AkismetChecker(SpamChecker):
    """The Akismet REST protocol (``POST /1.1/comment-check``), as Akismet and compatible
    self-hosted services speak it: answers ``true`` (spam), ``false`` (ham) or an error."""

    def check(self, query: SpamQuery) -> SpamVerdict:
        url = self.options["URL"].rstrip("/") + "/1.1/comment-check"
        form = {
            "api_key": self.options.get("API_KEY", ""),
            "blog": settings.BASE_URL,
            "user_ip": query.user_ip,
            "user_agent": query.user_agent,
            "referrer": query.referrer,
            "permalink": query.permalink,
            "comment_type": "comment",
            "comment_author": query.author_name,
            "comment_author_email": query.author_email,
            "comment_author_url": query.author_website,
            "comment_content": query.body,
            "blog_lang": query.language,
            "blog_charset": "UTF-8",
        }
        request = urllib.request.Request(  # noqa: S310 (the operator's configured http(s) URL)
            url,
            data=urllib.parse.urlencode(form).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=float(self.options.get("TIMEOUT", 5))
            ) as response:
                answer = response.read(64).decode("ascii", "replace").strip()
                debug = response.headers.get("X-akismet-debug-help", "")
        except (OSError, urllib.error.URLError, ValueError) as error:
            logger.warning("Spam check failed: %s", error)
            return SpamVerdict.UNKNOWN
        if answer == "true":
            return SpamVerdict.SPAM
        if answer == "false":
            return SpamVerdict.HAM
        logger.warning("Spam check answered %r %s", answer, debug)
        return SpamVerdict.UNKNOWN


def spam_checker() -> SpamChecker | None:
    config = settings.VESTNIK_COMMENTS_SPAM_CHECK
    if not config:
        return None
    return import_string(config["CLASS"])(config.get("OPTIONS", {}))
