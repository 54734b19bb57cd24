"""Video embeds recognised by URL pattern, with no network request.

The page shows a placeholder; the player (a third party) loads only when the reader
clicks, so a reader who never clicks sends nothing to YouTube, VK or Rutube.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Embed:
    provider: str  # "YouTube", "VK Video", "Rutube"
    video_id: str
    player_url: str  # loaded into an iframe only after a click
    page_url: str  # link for readers without JavaScript


_YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
    r"(?P<id>[A-Za-z0-9_-]{11})(?:[&?#].*)?$"
)
_VK = re.compile(
    r"^https?://(?:www\.|m\.)?(?:vk\.com|vkvideo\.ru)/(?:video|clip)(?P<oid>-?\d+)_(?P<id>\d+)/?(?:[?#].*)?$"
)
_RUTUBE = re.compile(r"^https?://(?:www\.)?rutube\.ru/video/(?P<id>[0-9a-f]{32})/?(?:[?#].*)?$")


def recognise_embed(url: str) -> Embed | None:
    """Return the embed for a supported video URL, or None for anything else."""
    url = url.strip()
    if match := _YOUTUBE.match(url):
        vid = match["id"]
        return Embed(
            "YouTube",
            vid,
            f"https://www.youtube-nocookie.com/embed/{vid}?autoplay=1",
            f"https://www.youtube.com/watch?v={vid}",
        )
    if match := _VK.match(url):
        oid, vid = match["oid"], match["id"]
        return Embed(
            "VK Video",
            f"{oid}_{vid}",
            f"https://vk.com/video_ext.php?oid={oid}&id={vid}&autoplay=1",
            f"https://vk.com/video{oid}_{vid}",
        )
    if match := _RUTUBE.match(url):
        vid = match["id"]
        return Embed(
            "Rutube",
            vid,
            f"https://rutube.ru/play/embed/{vid}",
            f"https://rutube.ru/video/{vid}/",
        )
    return None
