"""How well a title matches the words searched for, the same on every search backend.

OS2's product names join the prefix and the name ("OS2mo", "OS2kitos"): a visitor searches for "os2",
"kitos" or "os2kitos", so a title's words also count split where a digit meets a letter."""

import re

WORD = re.compile(r"\w+")
DIGIT_THEN_LETTER = re.compile(r"(?<=\d)(?=[^\W\d_])")

# How a title matches, best last: not at all, every word begins a word of the title, every word is a
# word of the title, the title is exactly the words.
NO_MATCH, PREFIXES, WORDS, EXACT = range(4)


def words(text):
    return WORD.findall(text.casefold())


def name_parts(text):
    """The parts of the compound words of `text`, for indexing ("OS2mo" -> "OS2 mo"); empty when it
    has none."""
    parts = [part for word in WORD.findall(text) for part in DIGIT_THEN_LETTER.split(word) if part != word]
    return " ".join(parts)


def title_words(title):
    found = words(title)
    return set(found) | {part for word in found for part in DIGIT_THEN_LETTER.split(word)}


def title_match(title, query):
    """How well `title` matches the words of `query` (NO_MATCH, PREFIXES, WORDS or EXACT)."""
    searched = words(query)
    if not searched:
        return NO_MATCH
    if words(title) == searched:
        return EXACT
    in_title = title_words(title)
    if all(word in in_title for word in searched):
        return WORDS
    if all(any(candidate.startswith(word) for candidate in in_title) for word in searched):
        return PREFIXES
    return NO_MATCH
