"""Kazakh written in the Latin alphabet (the 2021 official alphabet): found, and turned into Cyrillic.

    language.detect ──Latin text──▶ is_kazakh() ──▶ "kk-Latn"
    braille/translate, tts/script ──kk-Latn run──▶ to_cyrillic() ──▶ Kazakh Cyrillic, same length

No braille table or espeak-ng voice reads Kazakh in Latin letters, so a
``kk-Latn`` stretch is brailled with the Kazakh Cyrillic table (kk.utb) and
spoken by the Kazakh voice after transliteration.

The letters follow the alphabet approved in January 2021 (as tabled in
Wikipedia's "Kazakh alphabets", whose sample reads "bır danyşpan kısı" for
"бір данышпан кісі"): Ä→Ә, Ğ→Ғ, I ı→І, İ i→И (Й after a vowel), Y→Ы, Ñ/Ŋ→Ң,
Ö→Ө, Q→Қ, Ş→Ш, Ū→Ұ, Ü→Ү, J→Ж, U→У, H→Х, V→В, F→Ф, C→Ц.  Text typed without
the dotless ı ("kitaphana", "Respublika") uses a plain i for І as well, so in a
text with no ı the plain i is І (Й after a vowel).  "Ch" in loan words is Ч; to
keep every offset, its "h" becomes a word joiner (U+2060), which braille drops
and voices do not say.
"""

from __future__ import annotations

import re

#: The language tag of Kazakh in Latin letters, as blocks and spans carry it.
LANGUAGE = "kk-Latn"

_LETTERS = dict(
    zip(
        "AaÄäBbDdEeFfGgĞğHhIıJjKkLlMmNnÑñŊŋOoÖöPpQqRrSsŞşTtUuŪūÜüVvYyZzCcWwXx",
        "АаӘәБбДдЕеФфГгҒғХхІіЖжКкЛлМмНнҢңҢңОоӨөПпҚқРрСсШшТтУуҰұҮүВвЫыЗзЦцУуХх",
    )
)
_VOWELS = frozenset("aäeıioöuūüyAÄEIİOÖUŪÜY")
_WORD_JOINER = "\u2060"

#: Letters only Kazakh in the Latin alphabet has among the languages a library meets (not German
#: ä, not Turkish ğ ş ı alone): Ŋ Ū, Ñ not before a vowel (Spanish "niño", "señor" always has one
#: after it; Kazakh "kezeñ", "Mäñgilik" often not) and Q (not before u, as in English "quiz").
_SURE = re.compile(r"[ŋūŊŪ]|[ñÑ](?![aeiouyıäöüūAEIOUYIÄÖÜŪ])|[qQ](?![uU])")
_SURE_LETTER = re.compile(r"[ŋūŊŪ]|[ñÑ](?![aeiouyıäöüūAEIOUYIÄÖÜŪ])")
_Q = re.compile(r"[qQ](?![uU])")
_LIKELY = re.compile(r"[äğşıöüñÄĞŞÖÜÑ]")
#: Common words and stems of Kazakh as it is typed in Latin letters, with or without the new letters.
_WORDS = frozenset(
    """jäne jane men ben pen bul būl osy sol bar joq jok emes üşin ushin usin turaly boiynşa boiynsha
    arqyly keiın keiin deiın deiin biyl bügın bugin jyly jyl jyldyñ joly jol kitap kitaphana kitaphanasy
    qazaq qazaqstan respublikasy respublikasynyñ oqu oqyrman oqyrmandar auyly aimaq oblysy oblystyq qalasy
    qalalyq audany audandyq mektep mektebı mektebi tılı tili ädebiet adebiet ataidy atyndağy atyndagy
    raqmet rahmet zaly""".split()
)
#: Listed words that are English (or other) words too: no sign of Kazakh on their own.
_SHARED = frozenset("men ben pen bar sol jane".split())
#: Listed words long enough to be stems: "kitaptar", "mektepte" and "oqyrmandarğa" are listed by them.
_STEMS = tuple(sorted(word for word in _WORDS if len(word) >= 5))
_STEM_HEADS = frozenset(stem[:5] for stem in _STEMS)
#: What every text holding a sure word (``is_sure_word``) or three votes holds: a Q, Ñ, Ŋ or Ū, or a listed word.
_SURE_MARK = re.compile(r"[qQñŋūÑŊŪ]|\b(?:" + "|".join(sorted(_WORDS - _SHARED)) + ")", re.IGNORECASE)
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_ENDINGS = ("nyñ", "dyñ", "tyñ", "nıñ", "dıñ", "tıñ", "lary", "lerı", "dağy", "degı", "syz", "ğan", "gen", "qan", "ken")


def is_kazakh(text: str, english_words: int = 0, least: float = 2) -> bool:
    """Whether Latin-script ``text`` is Kazakh: a sure letter or a Kazakh word, and little English.

    ``english_words`` is how many English function words the text holds; ``least`` the votes
    it needs (a letter of the new alphabet is 1, a sure letter or a listed word 2, both 3): 1 for a
    Latin stretch inside Kazakh or Russian Cyrillic text, where "Tuğan jer" is Kazakh.
    """
    words = _LETTER_RUNS.findall(text)
    if not words:
        return False
    lowered = {word.lower() for word in words}
    if not (_SURE.search(text) or _LIKELY.search(text) or not _WORDS.isdisjoint(lowered)):
        if not any(len(word) >= 5 and (word.endswith(_ENDINGS) or _listed(word)) for word in lowered):
            return False
    votes = 0.0
    for word in words:
        lower = word.lower()
        if _listed(lower):
            votes += 2
        elif _SURE.search(word):
            votes += 3 if _LIKELY.search(word) else 2  # "Mäñgilik": two signs
        elif _LIKELY.search(word):
            votes += 1
        elif len(lower) >= 5 and lower.endswith(_ENDINGS):
            votes += 1
    return votes >= least and votes > 2 * english_words


def may_hold(text: str) -> bool:
    """A quick test passed by every text that has a word ``is_sure_word`` accepts or three votes
    for Kazakh with no Q, Ñ, Ŋ, Ū or listed word (three letters of the new alphabet), and by some others."""
    if len(_LIKELY.findall(text)) >= 3:
        return True
    return _SURE_MARK.search(text) is not None


def _listed(lower: str) -> bool:
    """Whether a lower-case word is a listed Kazakh word or starts with a listed stem."""
    return lower in _WORDS or (lower[:5] in _STEM_HEADS and lower.startswith(_STEMS))


def is_sure_word(word: str) -> bool:
    """Whether ``word`` alone is Kazakh in Latin letters: a listed Kazakh word ("kitaphana",
    "Raqmet"), a word with Ñ Ŋ or Ū ("Qūnanbaiūly"), or one with Q (not before U) and another
    sign (a second such Q, a letter of the new alphabet: "Qazaq", "Qoş"); not "Iraq" or "Qatar"."""
    lower = word.lower()
    if (_listed(lower) and lower not in _SHARED) or _SURE_LETTER.search(word):
        return True
    return len(_Q.findall(word)) + bool(_LIKELY.search(word)) >= 2


def is_word(word: str) -> bool:
    """Whether ``word`` may belong to Kazakh in Latin letters beside a sure word: a sure word,
    a letter of the new alphabet ("sözder"), a Q ("Maqataev") or a Kazakh ending ("jyldyñ")."""
    lower = word.lower()
    if is_sure_word(word) or _LIKELY.search(word) or _Q.search(word):
        return True
    return len(lower) >= 5 and lower.endswith(_ENDINGS)


def to_cyrillic(text: str) -> str:
    """``text`` in Kazakh Cyrillic, character for character (see the module notes)."""
    dotless = "ı" in text
    out = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        if char in "iİ":
            if before in _VOWELS:
                out.append("й" if char == "i" else "Й")
            elif dotless:
                out.append("и" if char == "i" else "И")
            else:
                out.append("і" if char == "i" else "І")
        elif char in "hH" and before in "cC":
            out.append(_WORD_JOINER)
        elif char in "cC" and text[index + 1 : index + 2] in ("h", "H"):
            out.append("ч" if char == "c" else "Ч")
        else:
            out.append(_LETTERS.get(char, char))
    return "".join(out)


def in_cyrillic(text: str, runs: list[tuple[int, int, str]]) -> str:
    """``text`` with its ``kk-Latn`` runs (``(start, end, lang)``, as ``Block.lang_runs``) in Cyrillic."""
    for start, end, lang in runs:
        if lang == LANGUAGE:
            text = text[:start] + to_cyrillic(text[start:end]) + text[end:]
    return text
