"""Turning body lines into paragraphs, subheadings, quotes and lists."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import speakers


@dataclass(frozen=True)
class ParsedBlock:
    """One body block; which fields are filled depends on `kind`."""

    kind: str  # "paragraph" | "subheading" | "quote" | "list"
    text: str = ""
    attribution: str = ""
    items: tuple[str, ...] = ()
    style: str = ""  # "bulleted" | "numbered" for lists


_BULLET_RE = re.compile(r"^(?:•\s*|[-–—]\s+|\*(?!\*)\s*)(?=\S)")
_NUMBERED_RE = re.compile(r"^\d{1,3}[.)]\s+(?=\S)")
# Russian direct speech also opens with a dash ("— Мы готовы, — сказал он."); the
# second dash after punctuation tells it apart from a list item.
_DIALOGUE_RE = re.compile(r"[,!?…]\s*[—–]\s")
# "•" is unambiguous; a lone "-" or "*" line is more often dialogue or a footnote.
_SINGLE_ITEM_MARKER = "•"
_ITEM_TRAILING = ".,;"

_SUBHEADING_MAX_CHARS = 120
_SUBHEADING_MAX_WORDS = 14
_SUBHEADING_FORBIDDEN_ENDINGS = tuple('.!?:;,…"»”“')

# Opening quotation mark -> the marks that may close it.
_QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“”"}

# Conjunctions that join the last item of a flattened list, per language. Forms
# with a comma are checked first: they cannot be part of an item ("solar and wind
# power plants, digital energy, and ...").
_COMMA_CONJUNCTIONS = {
    "en": (", and ", ", or "),
    "ru": (", а также ", ", и "),
    "ky": (", жана ",),
}
_BARE_CONJUNCTIONS = {"en": (), "ru": (" и ",), "ky": (" жана ", " менен ")}
_ITEM_SEPARATOR_RE = re.compile(r",\s+")

Found = tuple[list[ParsedBlock], int]  # blocks produced, body lines consumed
Reader = Callable[[Sequence[str], int, list[ParsedBlock], str], Found | None]


def _marker_style(line: str) -> str | None:
    if _NUMBERED_RE.match(line):
        return "numbered"
    if _BULLET_RE.match(line) and not (line[0] in "-–—" and _DIALOGUE_RE.search(line)):
        return "bulleted"
    return None


def _clean_item(text: str) -> str:
    return text.strip().rstrip(_ITEM_TRAILING).strip()


def _read_marked_list(lines: Sequence[str], i: int, _: list[ParsedBlock], __: str) -> Found | None:
    """Consecutive "•"/"-"/"1." lines of one style form a single list."""
    style = _marker_style(lines[i])
    if style is None:
        return None
    marker_re = _NUMBERED_RE if style == "numbered" else _BULLET_RE
    end = i
    while end < len(lines) and _marker_style(lines[end]) == style:
        end += 1
    if end - i < 2 and not lines[i].startswith(_SINGLE_ITEM_MARKER):
        return None
    items = tuple(_clean_item(marker_re.sub("", line)) for line in lines[i:end])
    return [ParsedBlock(kind="list", items=items, style=style)], end - i


def _quote_close(text: str) -> int:
    """Index of the mark closing the quotation that opens `text`, or -1."""
    closers = _QUOTE_PAIRS.get(text[0], "")
    depth = 0
    for index in range(1, len(text)):
        char = text[index]
        if char in closers:
            if depth == 0:
                return index
            depth -= 1
        elif char == text[0]:  # nested quotation with the same marks
            depth += 1
    return -1


def _read_quote(lines: Sequence[str], i: int, blocks: list[ParsedBlock], _: str) -> Found | None:
    """A paragraph that is one quotation, with its speaker found around it."""
    text = lines[i]
    close = _quote_close(text) if text[0] in _QUOTE_PAIRS else -1
    if close < 2:
        return None
    quoted, rest = text[1:close].strip(), text[close + 1 :]
    if rest.strip(" .,;"):
        trailing = speakers.from_trailing(rest)
        if trailing is None:
            return None  # "«A» and «B»" or a quote inside prose
        speaker, leftover = trailing
        quoted = quoted.rstrip(",")  # “..., ” said X: the comma belongs to the sentence
        extra = [ParsedBlock(kind="paragraph", text=leftover)] if leftover else []
        return [ParsedBlock(kind="quote", text=quoted, attribution=speaker), *extra], 1
    speaker, used = _speaker_around(lines, i, blocks)
    return [ParsedBlock(kind="quote", text=quoted, attribution=speaker)], used


def _speaker_around(lines: Sequence[str], i: int, blocks: list[ParsedBlock]) -> tuple[str, int]:
    """(speaker, lines used) from the paragraph before the quote, else the one after."""
    if blocks and blocks[-1].kind == "paragraph":
        speaker = speakers.from_preceding(blocks[-1].text)
        if speaker:
            return speaker, 1
    if i + 1 < len(lines):
        following = speakers.from_following(lines[i + 1])
        if following is not None:
            speaker, only_attribution = following
            return speaker, 2 if only_attribution else 1
    return "", 1


def _depths(text: str) -> list[int]:
    """Parenthesis depth at every index, so separators inside "( )" are ignored."""
    depths, depth = [], 0
    for char in text:
        depth += char in "(["
        depths.append(depth)
        depth = max(0, depth - (char in ")]"))
    return depths


def _final_conjunction(text: str, lang: str, depths: list[int]) -> tuple[int, int] | None:
    """(start, end) of the conjunction before the last item of a series."""

    def top_level(needle: str, start: int = 0) -> list[int]:
        found, at = [], text.find(needle, start)
        while at != -1:
            if depths[at] == 0:
                found.append(at)
            at = text.find(needle, at + 1)
        return found

    comma_forms = [(at, at + len(c)) for c in _COMMA_CONJUNCTIONS[lang] for at in top_level(c)]
    if comma_forms:
        return max(comma_forms)
    commas = top_level(", ")
    if not commas:
        return None
    # A bare "и" is the first one after the last comma: later ones sit inside the
    # last item ("... и совместные проекты в области науки и техники").
    bare = [(at, at + len(c)) for c in _BARE_CONJUNCTIONS[lang] for at in top_level(c, commas[-1])]
    return min(bare) if bare else None


def split_series(text: str, lang: str) -> tuple[str, ...]:
    """Items of a series flattened into one sentence, or () if it is not a series."""
    depths = _depths(text)
    conjunction = _final_conjunction(text, lang, depths)
    if conjunction is None or ", " not in text:
        return ()
    head, last = text[: conjunction[0]], text[conjunction[1] :]
    pieces, start = [], 0
    for match in _ITEM_SEPARATOR_RE.finditer(head):
        if depths[match.start()] == 0:
            pieces.append(head[start : match.start()])
            start = match.end()
    items = tuple(item for item in map(_clean_item, [*pieces, head[start:], last]) if item)
    return items if len(items) >= 2 else ()


def _read_flattened_list(
    lines: Sequence[str], i: int, blocks: list[ParsedBlock], lang: str
) -> Found | None:
    """A lowercase series right after a paragraph ending with ":" is a list."""
    previous = blocks[-1] if blocks else None
    if previous is None or previous.kind != "paragraph" or not previous.text.endswith(":"):
        return None
    if not lines[i][0].islower():
        return None
    items = split_series(lines[i], lang)
    return ([ParsedBlock(kind="list", items=items, style="bulleted")], 1) if items else None


def is_subheading(line: str) -> bool:
    """A short title-like line: no closing punctuation, not lowercase, not an item."""
    return (
        len(line) <= _SUBHEADING_MAX_CHARS
        and len(line.split()) <= _SUBHEADING_MAX_WORDS
        and not line.endswith(_SUBHEADING_FORBIDDEN_ENDINGS)
        and not line[0].islower()
        and _marker_style(line) is None
        and not _BULLET_RE.match(line)
    )


_READERS: tuple[Reader, ...] = (_read_marked_list, _read_quote, _read_flattened_list)


def build_blocks(lines: Sequence[str], lang: str) -> list[ParsedBlock]:
    """Classify non-blank, stripped body lines; the first line is never a subheading."""
    blocks: list[ParsedBlock] = []
    i = 0
    while i < len(lines):
        found = next((f for r in _READERS if (f := r(lines, i, blocks, lang))), None)
        if found is None:
            kind = "subheading" if i > 0 and is_subheading(lines[i]) else "paragraph"
            found = [ParsedBlock(kind=kind, text=lines[i])], 1
        new_blocks, used = found
        blocks.extend(new_blocks)
        i += used
    return blocks
