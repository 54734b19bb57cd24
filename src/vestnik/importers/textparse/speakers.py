"""Finding who is quoted: person names near speech verbs."""

from __future__ import annotations

import re
from typing import NamedTuple

from .byline import PARTICLES, is_patronymic

SPEECH_VERB_RE = re.compile(
    r"\b(?:said|stated|emphasi[sz]ed|noted|added|told|explained|stressed|declared"
    r"|according\s+to"
    r"|заявил[аи]?|сказал[аи]?|отметил[аи]?|подчеркнул[аи]?|сообщил[аи]?"
    r"|добавил[аи]?|пояснил[аи]?|считает|по\s+словам"
    r"|деди|билдирди|белгиледи|айтты|кошумчалады)\b",
    re.IGNORECASE,
)
# Ways a paragraph (or the tail of a quote paragraph) opens when it only names the
# speaker of the quote before it: "— заявил ...", "Об этом заявил ...", "So said ...".
_LEAD_IN_RE = re.compile(
    r"^\s*(?P<dash>[—–-]\s*)?"
    r"(?P<lead>(?:об\s+этом|как|so|this\s+was|бул\s+тууралуу|бул\s+жөнүндө|муну)\s+)?",
    re.IGNORECASE,
)
_TRAILING_RE = re.compile(r"^\s*[,.!?…]?\s*(?P<dash>[—–-])?\s*")
# Kyrgyz reported speech puts "деп" before the verb ("— деп билдирди ...").
_KYRGYZ_QUOTATIVE_RE = re.compile(r"\bдеп\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE_RE = re.compile(r"['’]s$")
_SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?…])\s+(?=[\"«“„(]?[^\W\d_])")
_LAST_TOKEN_RE = re.compile(r"(\S+)$")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "г", "ул", "им"})

# Words that precede a name in a run of capitalised words ("President Sadyr
# Japarov", "Министр Айбек Осмонов"); the name is what follows the last of them.
_TITLES = frozenset(
    {
        "president",
        "mayor",
        "minister",
        "prime",
        "deputy",
        "governor",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "head",
        "spokesperson",
        "spokesman",
        "ambassador",
        "speaker",
        "senator",
        "professor",
        "dr",
        "mr",
        "mrs",
        "ms",
        "akim",
        "secretary",
        "chief",
        "general",
        "президент",
        "министр",
        "мэр",
        "глава",
        "председатель",
        "премьер-министр",
        "заместитель",
        "губернатор",
        "директор",
        "посол",
        "спикер",
        "депутат",
        "аким",
        "профессор",
        "руководитель",
        "пресс-секретарь",
        "президенти",
        "министри",
        "мэри",
        "төрагасы",
        "башчысы",
        "акими",
    }
)
_PLACE_ENDINGS = ("stan", "стан", "стана")


class Candidate(NamedTuple):
    start: int
    end: int
    name: str


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping "Mr. Smith" and initials together."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_BREAK_RE.finditer(text):
        token = _LAST_TOKEN_RE.search(text[max(start, match.start() - 20) : match.start()])
        word = token.group(1).rstrip(".").casefold() if token else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        sentences.append(text[start : match.start()])
        start = match.end()
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


def _is_capitalised(word: str) -> bool:
    # At least one lowercase letter, so acronyms (CSTO, EAEU) are not names.
    return word[0].isupper() and any(c.islower() for c in word[1:])


def _runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised words separated only by spaces."""
    runs: list[tuple[int, int, list[str]]] = []
    words: list[str] = []
    start = end = 0
    for match in _WORD_RE.finditer(text):
        word = _POSSESSIVE_RE.sub("", match.group())
        adjacent = bool(words) and text[end : match.start()].isspace()
        if words and not adjacent:
            runs.append((start, end, words))
            words = []
        if _is_capitalised(word) or (words and word.casefold() in PARTICLES):
            if not words:
                start = match.start()
            words.append(word)
            end = match.end()
        elif words:
            runs.append((start, end, words))
            words = []
        if word != match.group() and words:  # a possessive ends the name
            runs.append((start, end, words))
            words = []
    if words:
        runs.append((start, end, words))
    return runs


def _name_from_run(words: list[str], at_sentence_start: bool) -> str:
    """The personal name inside a run, or "" when there is none."""
    titles = [i for i, w in enumerate(words) if w.casefold() in _TITLES]
    if titles:
        words, at_sentence_start = words[titles[-1] + 1 :], False
    # Any sentence starts with a capital, so an opening run is not evidence of a name.
    if at_sentence_start:
        return ""
    if len(words) > 3:
        words = words[-3:] if words[-1].casefold() in PARTICLES else words[-2:]
    if len(words) == 3 and not _is_full_name(words):
        words = words[-2:]  # "Кыргызстана Садыр Жапаров": a genitive place first
    return " ".join(words) if len(words) in (2, 3) else ""


def _is_full_name(words: list[str]) -> bool:
    if words[2].casefold() in PARTICLES or any(is_patronymic(w) for w in words):
        return True
    # Latin three-word names exist (Mary Ann Smith); a Cyrillic one without a
    # patronymic is almost always "place in the genitive + name".
    latin = words[0][0].isascii()
    return latin and not words[0].casefold().endswith(_PLACE_ENDINGS)


def candidates(text: str, *, skip_sentence_start: bool) -> list[Candidate]:
    """Person names in `text`, in order of appearance."""
    found = []
    for start, end, words in _runs(text):
        at_start = skip_sentence_start and not text[:start].strip()
        name = _name_from_run(words, at_start)
        if name:
            found.append(Candidate(start, end, name))
    return found


def pick_speaker(text: str, *, skip_sentence_start: bool) -> Candidate | None:
    """The name nearest a speech verb, else the one nearest the end of `text`."""
    found = candidates(text, skip_sentence_start=skip_sentence_start)
    verbs = list(SPEECH_VERB_RE.finditer(text))
    if not found:
        return None
    if not verbs:
        return found[-1]

    def distance(c: Candidate) -> int:
        return min(max(v.start() - c.end, c.start - v.end(), 0) for v in verbs)

    # On equal distance prefer the later name: it is closer to the quote.
    return min(reversed(found), key=distance)


def _only_verbs(text: str) -> bool:
    """True when `text` holds nothing but speech verbs and punctuation."""
    text = _KYRGYZ_QUOTATIVE_RE.sub("", SPEECH_VERB_RE.sub("", text))
    return not any(ch.isalnum() for ch in text)


def from_preceding(paragraph: str) -> str:
    """Speaker named in the last sentence of the paragraph before a quote, or ""."""
    sentences = split_sentences(paragraph)
    if not sentences:
        return ""
    sentence = sentences[-1]
    if not sentence.endswith(":") and not SPEECH_VERB_RE.search(sentence):
        return ""
    found = pick_speaker(sentence, skip_sentence_start=True)
    return found.name if found else ""


def from_trailing(rest: str) -> tuple[str, str] | None:
    """Attribution glued after a closing quotation mark ("», — заявил Садыр Жапаров.").

    Returns (speaker or "", text left after the attribution sentence), or None when
    `rest` is not an attribution (then the paragraph is ordinary prose).
    """
    opening = _TRAILING_RE.match(rest)
    assert opening is not None  # every part is optional, so it always matches
    body = rest[opening.end() :].strip()
    first = split_sentences(body)[0] if body else ""
    verb = SPEECH_VERB_RE.search(first)
    if verb is None:
        return None
    if not opening.group("dash") and verb.start() != 0:
        return None
    found = pick_speaker(first, skip_sentence_start=False)
    return (found.name if found else ""), body[len(first) :].strip()


def from_following(paragraph: str) -> tuple[str, bool] | None:
    """Speaker named by the paragraph after a quote ("Об этом заявил ...", "— деди ...").

    Returns (speaker, whether the paragraph is only that attribution and so belongs
    to the quote), or None when the paragraph does not attribute the quote.
    """
    opening = _LEAD_IN_RE.match(paragraph)
    assert opening is not None  # every group is optional, so it always matches
    sentences = split_sentences(paragraph[opening.end() :])
    first = sentences[0] if sentences else ""
    verb = SPEECH_VERB_RE.search(first)
    if verb is None:
        return None
    if not (opening.group("dash") or opening.group("lead")) and verb.start() != 0:
        return None
    found = pick_speaker(first, skip_sentence_start=False)
    if found is None:
        return None
    return found.name, len(sentences) == 1 and _only_verbs(first[found.end :])
