"""Free-text search over tasks' stored search keys: words in any order, punctuation and
diacritics ignored, the words standing together.

A query is folded like the keys (`textnorm.fold`: no case, no diacritics, đ as d) and cut into
words at anything that is not a letter or a digit. A task matches when its key holds the query
as typed (a phrase, as before), or when every word begins a word of one agency name or other
short field of the task (time frame, output ...), in any order ("van hoa the thao", "the thao du
lich", "du lich van hoa" and "Sở Văn hóa Thể thao" find the lead "Sở Văn hóa, Thể thao và Du
lịch"), or, in the task's content, when the words begin words that stand near each other (n
words within n + 2, in any order, punctuation skipped). Words scattered over a content ("Số liệu
về nội dung nhiệm vụ") do not make "so noi vu" match: that finds Sở Nội vụ.

The search key is `fold(" | ".join(fields))` with the content first (`TaskService.search_key_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import contains, itemgetter, not_

from cchc_desktop.text.textnorm import fold

_NOT_WORD = re.compile(r"\W+")
FIELD_SEPARATOR = " | "


class Query:
    """A folded query: its words, and the phrase it was typed as."""

    __slots__ = ("text", "words", "_near", "_field")

    def __init__(self, text: str | None) -> None:
        self.text = fold(text)
        self.words: tuple[str, ...] = tuple(_NOT_WORD.sub(" ", self.text).replace("_", " ").split())
        self._near: re.Pattern[str] | None = None
        self._field: re.Pattern[str] | None = None
        if len(self.words) > 1:
            # content: from the start of a word, each query word starts one of the next n + 2 words
            skip = f"(?:\\w+\\W+){{0,{len(self.words) + 1}}}"
            # (a match starts where one of the query words does: the first of them in the content)
            self._near = re.compile(f"(?<!\\w)(?={'|'.join(map(re.escape, self.words))})"
                                    + "".join(f"(?={skip}{re.escape(w)})" for w in self.words))
            # the other fields ("|" between them): each query word starts a word of one field
            self._field = re.compile("(?:^|[|])" + "".join(f"(?=[^|]*?(?<!\\w){re.escape(w)})" for w in self.words))

    def __bool__(self) -> bool:
        return bool(self.words)

    def matches(self, key: str) -> bool:
        return bool(self.filter([key]))

    def filter(self, keys: Sequence[str], pool: Iterable[int] | None = None, known: Iterable[str] = ()) -> list[int]:
        """Indices (from `pool`, default all, in its order) of the keys this query matches.
        `known`: words every key of the pool holds (found by `holding`, or by the query that
        found the pool, when the officer types on), not looked for again."""
        indices, subset = _pick(keys, pool)
        words = self.words
        if not words:
            return list(indices)
        if len(words) == 1:
            # the text holds the word: a key holding the text holds the word
            if words[0] in known:
                return list(indices)
            return list(compress(indices, map(contains, subset, repeat(words[0]))))
        # The keys holding the text as typed, then, of the others, those holding every word
        # (each word is a part of the text): passes that run in C (`part in key`). Only what
        # is left is looked at word by word.
        hit = list(map(contains, subset, repeat(self.text)))
        todo: list[int] = list(compress(range(len(hit)), map(not_, hit)))
        for w in sorted(set(words).difference(known), key=len, reverse=True):
            todo = list(compress(todo, map(contains, map(subset.__getitem__, todo), repeat(w))))
        near = self._near.search  # type: ignore[union-attr]
        field = self._field.search  # type: ignore[union-attr]
        # Tasks share their agency names and time frames (and often their wording): each
        # distinct text is looked at once per query.
        seen: dict[str, bool] = {}
        for j in todo:
            head, _sep, rest = subset[j].partition(FIELD_SEPARATOR)
            found = seen.get(rest)
            if found is None:
                found = seen[rest] = bool(rest) and field(rest) is not None
            if not found:
                found = seen.get(head)
                if found is None:
                    found = seen[head] = near(head) is not None
            hit[j] = found
        return list(compress(indices, hit))

    def holding(self, keys: Sequence[str], pool: Iterable[int] | None = None, known: Iterable[str] = ()) -> list[int]:
        """Indices (from `pool`, default all, in its order) of the keys that hold every word of
        the query (`known`: words every key of the pool holds). The keys the query matches are
        among them, and so are those of any text typed on from it (a key holding every word of
        the longer text holds every word of this one), whatever number of words it has."""
        indices, subset = _pick(keys, pool)
        for w in sorted(set(self.words).difference(known), key=len, reverse=True):
            hits = list(map(contains, subset, repeat(w)))
            indices = list(compress(indices, hits))
            subset = list(compress(subset, hits))
        return list(indices)


def narrows(before: str | None, after: str | None) -> bool:
    """True when every key `after` matches is one `before` matches, so that a search of `after`
    may look only at what `before` found: `after` is `before` typed on, with as many words, or
    after a single word. A word more, after two or more, widens the span that the words of a
    content may stand in (n + 2 words), which can take in keys that `before` did not match."""
    first, then = Query(before), Query(after)
    if not first or not then.text.startswith(first.text):
        return False
    return len(first.words) == 1 or len(then.words) == len(first.words)


def _pick(keys: Sequence[str], pool: Iterable[int] | None) -> tuple[Sequence[int], Sequence[str]]:
    """The indices of `pool` (default all) and their keys, in the same order."""
    if pool is None:
        return range(len(keys)), keys
    indices = pool if isinstance(pool, list) else list(pool)
    return indices, [keys[i] for i in indices] if len(indices) < 2 else itemgetter(*indices)(keys)
