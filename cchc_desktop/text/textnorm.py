"""Vietnamese text normalisation: NFC, diacritic-free search keys and collation.

Searching ignores case and diacritics and treats đ as d ("so noi vu" finds "Sở Nội vụ");
sorting follows the Vietnamese alphabet, where Đ comes right after D and tones only
break ties.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")

# Combining marks that make separate letters of the Vietnamese alphabet (ă, â, ê, ô, ơ, ư)
_LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # breve, circumflex, horn
# Tone marks, in the conventional order: none, huyền, hỏi, ngã, sắc, nặng
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def nfc(text: str) -> str:
    """Unicode NFC, the form every stored and printed text takes."""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, surrounding white space removed, inner line breaks kept."""
    if text is None:
        return ""
    return nfc(text).strip()


def one_line(text: str | None) -> str:
    """NFC with every run of white space (line breaks included) folded to one space."""
    return _WS.sub(" ", clean(text))


class _Folded(dict):  # type: ignore[type-arg]
    """A `str.translate` table that writes each character as `fold` keys it, filled as
    characters are met: its canonical decomposition without the combining marks, đ as d. Per
    character, because NFD only decomposes each character and reorders the marks, which are
    dropped anyway."""

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        if char in "đĐ":
            folded = "d" if char == "đ" else "D"
        else:
            folded = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        value = code if folded == char else folded or None
        self[code] = value
        return value


_FOLDED = _Folded()


def fold(text: str | None) -> str:
    """Search key: lower case, no diacritics, đ as d, white space folded."""
    if not text:
        return ""
    if len(text) <= _SHORT:
        return _fold_short(text)
    return " ".join(filter(None, map(_WORD_KEYS.__getitem__, text.split())))


_SHORT = 200


class _WordKeys(dict):  # type: ignore[type-arg]
    """The key of each word met (`_fold_word`), kept: a plan's texts use a few thousand words
    over and over, and a word is looked up far faster than it is translated again. Emptied
    when it holds `_WORDS_KEPT` words, so that no text can make it grow without end."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _WORDS_KEPT:
            self.clear()
        key = self[word] = _fold_word(word)
        return key


_WORDS_KEPT = 10_000


def _fold_word(word: str) -> str:
    """`fold` of one word (no white space in it): translated and lowered as a whole text is.
    Folding word by word gives the text's key: the translation never makes or takes white
    space, and lowering a word alone gives what it gives inside the text (a final sigma is
    one before white space) — `tests/text/test_textnorm.py` compares every character. An ASCII
    word is its own key in lower case (no ASCII character decomposes)."""
    if word.isascii():
        return word.lower()
    return " ".join(word.translate(_FOLDED).lower().split())


_WORD_KEYS = _WordKeys()


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    """`fold` of a short text, kept for the last 4,096 of them: names, labels and cells come back
    many times over in an import (long texts are folded once, and not kept)."""
    return " ".join(filter(None, map(_WORD_KEYS.__getitem__, text.split())))


def fold_initial(text: str, skip: str = "") -> str:
    """The first character of `fold(text)` once white space and the characters of `skip` are
    stripped from its start (`fold(text).lstrip(" " + skip)[:1]`), read from the first
    characters only: a cheap test before folding a long text."""
    for char in text:
        for c in char.translate(_FOLDED).lower():
            if c.isspace() or c in skip:
                continue
            if c in "σς":  # a Greek sigma's lower case depends on the letters after it
                return fold(text).lstrip(" " + skip)[:1]
            return c
    return ""


def matches(query_key: str, text_key: str) -> bool:
    """True when every word of the folded query occurs in the folded text."""
    return all(word in text_key for word in query_key.split())


def sort_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Collation key for Vietnamese: base letters first (Đ after D), tones break ties."""
    primary: list[int] = []
    secondary: list[int] = []
    for ch in unicodedata.normalize("NFD", (text or "").lower()):
        if ch in _LETTER_MARKS and primary:
            primary[-1] += _LETTER_MARKS[ch]
            continue
        if ch in _TONE_MARKS:
            if secondary:
                secondary[-1] = _TONE_MARKS[ch]
            continue
        if unicodedata.combining(ch):
            continue
        if ch == "đ":
            primary.append(ord("d") * 8 + 4)
        else:
            primary.append(ord(ch) * 8)
        secondary.append(0)
    return tuple(primary), tuple(secondary)


def two_lines(label: str) -> str:
    """A long column title on two lines of about equal word count ("Quá hạn chưa\nhoàn thành"),
    so that a table header stays narrow; titles of one or two words stay on one line."""
    words = label.split()
    if len(words) < 3:
        return label
    cut = (len(words) + 1) // 2
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
