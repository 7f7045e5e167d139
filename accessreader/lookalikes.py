"""Words typed with letters of two scripts, rewritten in one.

    content/finish.py ──block text──▶ repair() ──▶ text in one script a word, Repair list
    service/search.py ──one word───▶ one_script() ──▶ the same word, folded alike

Typists without a Kazakh layout, or copying from a web page, mix look-alike
letters: "Сoncert" (a Cyrillic С), "үлгiсiн" (Latin i for Kazakh і), "Aбай".
A voice then spells such a word letter by letter and braille switches script
around every letter.  A word (a run of letters) holding both Latin and Cyrillic
letters is rewritten in the script most of its letters are in; on a tie, in the
script of the nearest whole-script words around it (the one before and the one
after; if they disagree, most of the text's letters; else ``default``).  Only
look-alike letters are swapped (Latin "i" ↔ Kazakh "і", "h" ↔ "һ", "y" ↔ "у",
the "ə" of Latin schwa ↔ "ә" …), so a word with an unswappable letter in the
minority script ("iPhoneда") is left as typed.  Every swap keeps the word's
length, so offsets into the text stay right.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .language import CYRILLIC, LATIN, script_of
from .model import Repair

#: Latin letters and the Cyrillic letters they look like (case by case: Latin "h" looks like Kazakh "һ").
TO_CYRILLIC = str.maketrans(
    "AaBCcEeHhIiKkMOoPpTXxyYəƏɵƟJjSs",
    "АаВСсЕеНһІіКкМОоРрТХхуУәӘөӨЈјЅѕ",
)
#: Cyrillic letters and the Latin letters they look like.
TO_LATIN = str.maketrans(
    "АаВЕеКкМНОоРрСсТуХхІіҺһҮЈјЅѕԁԛԝ",
    "AaBEeKkMHOoPpCcTyXxIiHhYJjSsdqw",
)
_SWAP = {LATIN: TO_CYRILLIC, CYRILLIC: TO_LATIN}
_OTHER = {LATIN: CYRILLIC, CYRILLIC: LATIN}
_WORD = re.compile(r"[^\W\d_]+")


def scripts(word: str) -> Counter:
    """How many letters of ``word`` are Latin and how many Cyrillic."""
    return Counter(script for script in map(script_of, word) if script in (LATIN, CYRILLIC))


def one_script(word: str, tie: str = CYRILLIC) -> str:
    """``word`` in one script: the script of most of its letters (``tie`` on a tie).

    A word in one script already, or one whose minority letters have no
    look-alike in the other script, comes back as it is.
    """
    counts = scripts(word)
    if len(counts) < 2:
        return word
    latin, cyrillic = counts[LATIN], counts[CYRILLIC]
    target = tie if latin == cyrillic else (LATIN if latin > cyrillic else CYRILLIC)
    for script in (target, _OTHER[target]):
        swapped = word.translate(_SWAP[_OTHER[script]])
        if len(scripts(swapped)) == 1:
            return swapped
    return word


def repair(text: str, default: str = CYRILLIC, cuts: Iterable[int] = ()) -> tuple[str, list[Repair]]:
    """``text`` with every mixed-script word in one script, and what was changed.

    ``cuts`` are offsets no word runs across (the edges of a note reference mark glued to
    a word: "ескертуi" is the word "ескерту" and the mark "i").
    """
    if not (CYRILLIC in map(script_of, set(text)) and LATIN in map(script_of, set(text))):
        return text, []
    edges = sorted(set(cuts))
    words = [piece for match in _WORD.finditer(text) for piece in _cut(match, edges)]
    pure = [next(iter(c)) if len(c) == 1 else "" for c in (scripts(m.group()) for m in words)]
    if all(pure):
        return text, []
    letters = scripts(text)
    majority = default
    if letters[LATIN] != letters[CYRILLIC]:
        majority = LATIN if letters[LATIN] > letters[CYRILLIC] else CYRILLIC
    out = list(text)
    repairs: list[Repair] = []
    for index, match in enumerate(words):  # each a _Piece or re.Match: .start(), .end(), .group()
        if pure[index]:
            continue
        before = next((s for s in reversed(pure[:index]) if s), "")
        after = next((s for s in pure[index + 1 :] if s), "")
        near = {before, after} - {""}
        tie = near.pop() if len(near) == 1 else majority
        fixed = one_script(match.group(), tie)
        if fixed != match.group():
            out[match.start() : match.end()] = fixed
            repairs.append(Repair(match.start(), match.end(), match.group()))
    return "".join(out), repairs


class _Piece:
    """Part of a word match, cut at a span edge; answers like a match."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._text[self._start : self._end]


def _cut(match: re.Match, edges: list[int]):
    """``match``, or its pieces when an edge falls inside it."""
    inside = [edge for edge in edges if match.start() < edge < match.end()]
    if not inside:
        return [match]
    bounds = [match.start(), *inside, match.end()]
    return [_Piece(match.string, a, b) for a, b in zip(bounds, bounds[1:])]
