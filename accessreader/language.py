"""Which language a block of text is in, and which stretches inside it are in another.

    content/finish.py ──block text, source hint──▶ detect() ──▶ block.lang
                      ──block text, block lang───▶ find_spans() ──▶ lang spans

Books here are Kazakh, Russian and English, often mixed.  Kazakh and Russian
share most Cyrillic letters, so a block is decided by two voices added up:

* rules: each word votes Kazakh (it has one of Ә Ғ Қ Ң Ө Ұ Ү Һ І, is a Kazakh
  function word, or ends in a Kazakh suffix such as -нын/-лар/-ған typed on a
  Russian keyboard) or Russian (a Russian function word or ending, or a letter
  that native Kazakh words lack: ь ъ ё щ ц ф э);
* lingua (``lingua-language-detector``) restricted to Kazakh and Russian, whose
  confidence enters as log-odds.

Quoted stretches and parentheses are left out when the rest is long enough,
so a Russian paragraph quoting a Kazakh title stays Russian; when it is not,
parentheses come back first ("Саунд-чтение «Бір үзім нан» (чтение под музыку)"),
and a lone word outside the quotes decides when it is clear ("Квест-игра «…»").
Roman numerals typed with Cyrillic І and Х ("ХІХ", "ІІ") vote for neither
language, and a capitalised name with a Kazakh letter ("поэт Ұлықбек Есдәулет")
votes only a little, and is hidden from lingua, which takes any Kazakh letter
for Kazakh.  The hint (the
language the source declares) only breaks ties: a score within ±1, or one or
two words that no rule votes on (a name such as "Абай", where lingua guesses).  Latin text is Kazakh in the
Latin alphabet (``kk-Latn``, see ``kazakh_latin.py``) when it has a letter or a
word only that has and few English or other function words; else English unless
it has no English function words and lingua, restricted to a few European
languages, is sure of another; other scripts are named by their script.
Text without letters is "und".  Kazakh names in a Latin sentence do not make it
``kk-Latn`` when its lower-case words are not Kazakh ("Students read Mūqağali
Maqataev's poems").  A sentence of two clauses, one Kazakh and one Russian, is in
the language of its main clause when a comma marks the other: a Russian clause
opening with a conjunction or relative word ("…, что …", "…, на которой …") or a
Kazakh "as …" clause ("Абай айтқандай, …").  A Russian sentence naming a few Kazakh
things (a Russian function word, at most a third of its words with Kazakh letters)
is shown to lingua without them.

Lingua is asked only where the word votes leave a decision open: its log-odds are
clipped (±4), so a score whose decision is the same at both ends of that range is
decided without it (``_score``), with the same answer.  Inside ``quick()`` (the
terminal's first screen) lingua is not waited for either: where it would be asked
before ``load_lingua`` has loaded its models, the rules alone answer and the text is
counted as left open, to be decided again.

Spans (``find_spans``) are, in this order: quoted or parenthesised stretches in
another language (the span covers the text between the marks); runs of words
in the other script (Latin names in Cyrillic text, Cyrillic titles in English
text; the Latin part of "YouTube-канале"), skipping URLs, e-mail addresses and
Roman numerals; Russian subordinate clauses in Kazakh text; runs of Kazakh in
Latin letters in English text; and in Russian text runs of Kazakh words, seeded
by a word with a Kazakh-only letter (not a Roman numeral), taking the neighbours
lingua calls Kazakh ("ақ бата") and the rest of a name ending the clause
("Қожа Ахмет Ясауи.").  A quoted stretch in Russian with a Kazakh word and no
Russian one is Kazakh whole ("«Отты жылдар есімізде»"); one in Kazakh with a
Russian function word and no Kazakh one is Russian, and so is one without Kazakh
letters in a Kazakh sentence that has them, as soon as it leans Russian
("«Каштанка» әңгімесі").  A Latin stretch is ``kk-Latn`` by the letters and words
of ``kazakh_latin`` (one letter of the new alphabet is enough inside Cyrillic text,
"«Tuğan jer»").  A span never cuts a word and never overlaps a ``taken`` range.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from itertools import islice

from . import kazakh_latin
from .model import SPAN_LANG, Span

#: Letters of the Kazakh alphabet that Russian does not have.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

#: Ways to choose a block's language: both voices (the default), or one alone.
COMBINED = "combined"
RULES = "rules"
LINGUA = "lingua"
METHODS = (COMBINED, RULES, LINGUA)

CYRILLIC = "Cyrl"
LATIN = "Latn"
#: Kazakh in the Latin alphabet ("Qazaqstan Respublikasy"): brailled and spoken after ``kazakh_latin.to_cyrillic``.
KAZAKH_LATIN = kazakh_latin.LANGUAGE
#: Letters of Latin-script languages that Kazakh in Latin letters does not use (Turkish ç, German ß).
_NOT_KAZAKH_LATIN = frozenset("çÇß")

_ALIASES = {"kaz": "kk", "rus": "ru", "eng": "en", "kz": "kk", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr"}

#: Script ranges (first, last, script); anything else alphabetic counts as Latin or is ignored.
_SCRIPT_RANGES = (
    (0x0400, 0x052F, CYRILLIC),
    (0x0370, 0x03FF, "el"),
    (0x0530, 0x058F, "hy"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0750, 0x077F, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x0E00, 0x0E7F, "th"),
    (0x10A0, 0x10FF, "ka"),
    (0x1100, 0x11FF, "ko"),
    (0x3040, 0x30FF, "ja"),
    (0x4E00, 0x9FFF, "zh"),
    (0xAC00, 0xD7AF, "ko"),
    (0xFB50, 0xFDFF, "ar"),
    (0xFE70, 0xFEFF, "ar"),
)
_UYGHUR_LETTERS = frozenset("ېۆۈۋڭ")

# --- word lists for the rules -------------------------------------------------

_KK_WORDS = frozenset(
    """мен бен пен және жане ол олар осы сол бұл бул бар жоқ жок емес үшін ушин туралы бойынша
    арқылы аркылы кейін кейин дейін дейин биыл кеше бүгін бугин ертең ертен сен біз биз сіз сиз
    немесе бірақ бирак әрі ари еді еди екен деп деген болды болып болады болса жылы кезде атты
    арналған арналган мына мынау анау ешкім ешким барлық барлык бе ме ма па пе""".split()
)
_RU_WORDS = frozenset(
    """и в во на не что с со по для это как к из о об от у за а но был была были было он она они
    мы вы я его её ее их же бы ли то так уже все всё при до после через также который которая
    которое которые или только когда где где-то ещё еще нет да если чтобы этот эта эти тот та те
    есть будет может очень под над без между перед свой своей своих себя нас вас им ним ней ему
    того чем там тут здесь сегодня вчера завтра год года году лет стал стала стали вела вёл провёл
    провела прошёл прошла получил получила книга книги книге книгу встреча встречи встречу вечер вечера
    читатели читателей""".split()
)
_KK_SUFFIXES = (
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "нын",
    "нин",
    "дын",
    "дин",
    "тын",
    "тин",
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "ларды",
    "лерди",
    "лары",
    "лери",
    "ларын",
    "лерин",
    "ларга",
    "лерге",
    "ларда",
    "лерде",
    "лардан",
    "лерден",
    "ларымен",
    "ады",
    "йды",
    "ыпты",
    "ипти",
    "ылды",
    "илди",
    "ылады",
    "иледи",
    "ыды",
    "ган",
    "ген",
    "кан",
    "мын",
    "мин",
    "сыз",
    "сиз",
    "ден",
    "нен",
    "тен",
    "ымен",
    "дагы",
    "деги",
    "тагы",
    "лык",
    "дык",
    "тык",
    "ушы",
    "уши",
    "уге",
    "уды",
    "уди",
)
_RU_ENDINGS = (
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    "ая",
    "яя",
    "ое",
    "ые",
    "ие",
    "ый",
    "ий",
    "ость",
    "ости",
    "ение",
    "ения",
    "ании",
    "ание",
    "ания",
    "ться",
    "тся",
    "ешь",
    "ишь",
    "ует",
    "ывает",
    "ивает",
    "ский",
    "ская",
    "ское",
    "ские",
    "ского",
    "ской",
    "ском",
    "ских",
    "ция",
    "ции",
    "цию",
    "ство",
    "ства",
    "ству",
    "ами",
    "ями",
    "ях",
    "ить",
    "ать",
    "еть",
    "ять",
    "лся",
    "лась",
    "лось",
    "лись",
    "ов",
    "ев",
    "ли",
)
_RU_LETTERS = frozenset("ьъёщцфэ")
_UK_LETTERS = frozenset("їєґЇЄҐ")
_BE_LETTERS = frozenset("ўЎ")

_EN_WORDS = frozenset(
    """the of and to in is was for on with by at from this that are be it as an or have has not
    you we he she they his her their our your will can all been were which there what when where
    who how more than into about after before over under its my me us them these those would
    could should do does did had i if so but""".split()
)
#: English titles and ranks written before a name ("President Qasym-Jomart Toqaev"): no first name.
_EN_TITLES = frozenset(
    """president professor prof dr doctor mr mrs ms miss sir lady lord minister akim director poet
    writer author academician general colonel captain saint st senator deputy mayor""".split()
)
#: A few function words of other Latin-script languages, for the rules alone.
_OTHER_WORDS = {
    "de": frozenset("der die das und ist von mit den dem des ein eine nicht auch sich auf für im zu ihren".split()),
    "fr": frozenset("le la les des et est une un du en dans pour sur pas au aux ses cette qui à".split()),
    "es": frozenset("el los las y es del para con una por su sus este esta como más al".split()),
    "it": frozenset("il lo gli della delle e è di che per con una sono nel alla".split()),
    "pt": frozenset("o os as e é do da dos das para com uma não em no na".split()),
    "tr": frozenset("ve bir bu da de için ile çok olan gibi daha".split()),
}

# --- patterns ------------------------------------------------------------------

_LETTERS = r"[^\W\d_]"
_WORD = re.compile(rf"{_LETTERS}+(?:[-'’]{_LETTERS}+)*")
_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+[^\s.,;:!?»)\]\"”]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
#: What every ``_URL`` match holds: searching for it first spares most texts the slow pattern
#: ("[wW]" thrice, not "{3}": a repeat would keep the search from skipping ahead to a first character).
_URL_MARK = re.compile(r"://|[wW][wW][wW]\.|@")
_QUOTED = re.compile(r"«([^«»]+)»|“([^“”]+)”|„([^„“”]+)[“”]|\"([^\"]+)\"|\(([^()]+)\)")
_TITLES = re.compile(r"«[^«»]+»|“[^“”]+”|„[^„“”]+[“”]|\"[^\"]+\"")
#: A Roman numeral, in Latin letters or typed with the Cyrillic look-alikes І and Х ("ХІХ", "ІІ").
_ROMAN_NUMERAL = re.compile(r"(?=[MDCLXVIХІ])M{0,3}(?:CM|CD|D?C{0,3})(?:[XХ][CL]|L?[XХ]{0,3})(?:[IІ][XХV]|V?[IІ]{0,3})")
#: A comma before a Russian subordinate clause: its conjunction or relative word, perhaps after a
#: preposition ("…, что …", "…, на которой …").
_RU_SUBORDINATE = re.compile(
    r",\s*((?:(?:на|в|во|с|со|после|до|для|о|об|при|к|по|у|из|за|от|без|над|под|перед|через)\s+)?"
    r"(?:что|чтобы|котор[а-яё]*|где|когда|если|потому|поскольку|хотя)\b)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?…;]")
#: A Kazakh "as …" clause before a comma ("Кітапханашы айтқандай, …").
_KK_AS = re.compile(r"(?:ған|ген|қан|кен)(?:дай|дей),")
#: Endings of a surname in a Russian case form ("Соқпақбаева", "Мақатаевым"): the name is
#: Kazakh, but the word does not make the sentence around it Kazakh.
_RU_NAME_ENDINGS = (
    "ов",
    "ев",
    "ова",
    "ева",
    "овой",
    "евой",
    "ову",
    "еву",
    "овым",
    "евым",
    "ович",
    "евич",
    "овна",
    "евна",
)
#: What may stand between two words of one run: spaces, a hyphen or dash, "&", a comma, the
#: apostrophe of a plural possessive ("Library Lovers' Day"), a number with an ending ("sağat 10-nan 17-ge").
_RUN_GAP = re.compile(r"\s+|['’]\s+|\s*[&+]\s*|\s*[-–]\s*|,\s*|\s+\d+[-–]")


@lru_cache(maxsize=1024)
def normalise(code: str) -> str:
    """A BCP 47 tag reduced to its primary language: ``"ru-RU"`` → ``"ru"``, ``"kaz"`` → ``"kk"``."""
    primary = (code or "").strip().replace("_", "-").split("-")[0].lower()
    return _ALIASES.get(primary, primary)


@lru_cache(maxsize=8192)
def script_of(char: str) -> str:
    """The script of one letter: ``CYRILLIC``, ``LATIN``, a language code for other scripts, or ""."""
    if not char.isalpha():
        return ""
    code = ord(char)
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return LATIN
    for first, last, script in _SCRIPT_RANGES:
        if first <= code <= last:
            return script
    return ""


def detect(text: str, hint: str = "", method: str = COMBINED) -> str:
    """The language of ``text`` as a primary BCP 47 code; "und" when it has no letters.

    ``hint`` (the language the source declares) only breaks a tie.  ``method``
    chooses the voices: ``COMBINED`` (rules and lingua), ``RULES`` or ``LINGUA``;
    raises ``ValueError`` for any other.
    """
    _check(method)
    hint = normalise(hint)
    core = _core(text)
    counts: dict[str, int] = {}
    for char, count in Counter(core).items():  # scripts in the order they first appear
        script = script_of(char)
        if script:
            counts[script] = counts.get(script, 0) + count
    if not counts:
        return "und"
    script = max(counts, key=counts.get)
    if {LATIN, CYRILLIC} <= counts.keys():  # words, not letters: long Latin names in a Russian sentence
        words = Counter(_word_script(word) for word in _WORD.findall(core))
        if words[LATIN] != words[CYRILLIC]:
            script = LATIN if words[LATIN] > words[CYRILLIC] else CYRILLIC
    if script == LATIN:
        return _latin_language(core, hint, method)
    if script == CYRILLIC:
        return _cyrillic_language(core, hint, method)
    if script == "ar" and _UYGHUR_LETTERS & set(core):
        return "ug"
    if script == "zh" and counts.get("ja"):
        return "ja"
    return script


def kazakh_score(text: str, method: str = COMBINED) -> float:
    """How much more Kazakh than Russian Cyrillic ``text`` is: > 0 Kazakh, < 0 Russian.

    The sum of the word votes plus lingua's log-odds (each alone for ``RULES``
    or ``LINGUA``).
    """
    return _score(text, _WORD.findall(text), method)


#: The least and the most lingua's log-odds can be (``_lingua_log_odds`` clips its confidence
#: to 0.018…0.982; the same expression, so the same floats).
_LINGUA_LEAST = math.log(0.018 / (1.0 - 0.018))
_LINGUA_MOST = math.log(0.982 / (1.0 - 0.982))


def _score(text: str, words: list[str], method: str, decide: Callable[[float], str] | None = None) -> float:
    """``kazakh_score`` of ``text``, whose words are ``words``.

    ``decide`` is the decision taken on the score, a step function that takes each of its
    values on one interval of scores (a threshold or two): lingua is not asked when the word
    votes give the same decision whatever it adds (the answer is the same; lingua is most of
    the cost), nor, inside ``quick()``, before its models are loaded (the text is then counted
    as left open).
    """
    score = 0.0
    if method != LINGUA:
        score += sum(map(word_vote, words))
        if decide and method == COMBINED and decide(score + _LINGUA_LEAST) == decide(score + _LINGUA_MOST):
            return score
    if method != RULES:
        if _left_open(_CYRILLIC_MODELS):
            return score
        score += _lingua_log_odds(_without_names(text))
    return score


def _clear(score: float) -> str:
    """The language a score clearly gives (by 1 or more), else ""."""
    return "" if abs(score) < 1.0 else "kk" if score > 0 else "ru"


@lru_cache(maxsize=4096)
def _without_names(text: str) -> str:
    """``text`` for lingua: without Roman numerals typed with Cyrillic І ("ХІХ") and names with a
    Kazakh letter inside a sentence ("поэт Ұлықбек Есдәулет"), which make any Russian sentence
    look Kazakh to it; in a sentence with a Russian function word where at most a third of the
    words have a Kazakh letter, without all of those ("Гости узнали об обряде тұсау кесер и
    попробовали бауырсақ"); ``text`` itself when it has no Kazakh letter or nothing else would be left."""
    if KAZAKH_LETTERS.isdisjoint(text):
        return text
    words = _WORD.findall(text)
    kazakh = [word for word in words if _kazakh_seed(word)]
    if 3 * len(kazakh) <= len(words) and any(word.lower() in _RU_WORDS for word in words):
        kept = [word for word in words if not _kazakh_seed(word) and not is_roman(word)]
        if kept:
            return " ".join(kept)
    kept, cut = [], False
    last, position = "", 0  # the last character before the word that is not a space
    for match in _WORD.finditer(text):
        word = match.group()
        gap = text[position : match.start()].rstrip()
        last, position = gap[-1] if gap else last, match.end()
        inside = bool(last) and last not in '.!?…«"“„('
        last = word[-1]
        name = inside and word[:1].isupper() and word[1:].islower() and _kazakh_seed(word)
        if name or is_roman(word):
            cut = True
        else:
            kept.append(word)
    return " ".join(kept) if cut and kept else text


@lru_cache(maxsize=65536)
def word_vote(word: str) -> float:
    """One Cyrillic word's vote: positive for Kazakh, negative for Russian, 0 for neither.

    A Roman numeral typed with Cyrillic І and Х ("ХІХ") votes for neither; a capitalised
    surname with a Kazakh letter in a Russian case form ("Соқпақбаева") only a little.
    """
    if is_roman(word):
        return 0.0
    if KAZAKH_LETTERS.intersection(word):
        if word[:1].isupper() and word[1:].islower():
            return 0.5 if word.endswith(_RU_NAME_ENDINGS) else 1.0
        return 2.0
    lower = word.lower()
    if lower in _KK_WORDS:
        return 1.5
    if lower in _RU_WORDS:
        return -1.5
    if len(lower) >= 5 and lower.endswith(_KK_SUFFIXES):
        return 1.0
    if len(lower) >= 4 and lower.endswith(_RU_ENDINGS):
        return -1.0
    if _RU_LETTERS.intersection(lower):
        return -0.5
    return 0.0


def is_roman(word: str) -> bool:
    """Whether ``word`` is a Roman numeral, in Latin letters or with Cyrillic І and Х ("ХІХ")."""
    return bool(word) and _ROMAN_NUMERAL.fullmatch(word) is not None


def find_spans(text: str, block_lang: str, taken: Iterable[tuple[int, int]] = (), method: str = COMBINED) -> list[Span]:
    """Stretches of ``text`` in a language other than ``block_lang``, as ``SPAN_LANG`` spans.

    No span overlaps a ``taken`` range (spans the source marked), a URL or an
    e-mail address, and none starts or ends inside a word.  Sorted by start.
    ``method`` chooses the voices that name a stretch's language, as for :func:`detect`.
    """
    _check(method)
    block_lang = block_lang if block_lang == KAZAKH_LATIN else normalise(block_lang)
    blocked = list(taken) + [match.span() for match in _links(text)]
    spans: list[Span] = []

    def claim(start: int, end: int, lang: str, cover: tuple[int, int]) -> None:
        spans.append(Span(SPAN_LANG, start, end, lang))
        blocked.append(cover)

    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 6) if match.group(g) is not None)
        start, end = _trim(text, match.start(group), match.end(group))
        if end <= start or _overlaps(blocked, start, end):
            continue
        outside = text[: match.start()] + text[match.end() :]
        typed = not KAZAKH_LETTERS.isdisjoint(outside)
        lang = _stretch_language(text[start:end], block_lang, method, kazakh_typed=typed)
        if lang not in (block_lang, "und"):
            claim(start, end, lang, match.span())

    own_script = CYRILLIC if block_lang in ("kk", "ru", "uk", "be") else LATIN
    other_script = LATIN if own_script == CYRILLIC else CYRILLIC
    chars = set(text)
    present = {script_of(char) for char in chars}
    runs = _runs(text, lambda word: _word_script(word) == other_script) if other_script in present else []
    for start, end in runs:
        if _overlaps(blocked, start, end) or _only_numerals(text[start:end]):
            continue
        lang = _stretch_language(text[start:end], block_lang, method)
        if lang not in (block_lang, "und"):
            claim(start, end, lang, (start, end))

    if block_lang == "kk" and "," in text:
        for start, end in _russian_clauses(text):
            if not _overlaps(blocked, start, end) and _stretch_language(text[start:end], "kk", method) == "ru":
                claim(start, end, "ru", (start, end))

    if own_script == LATIN and block_lang != KAZAKH_LATIN and kazakh_latin.may_hold(text):
        for start, end in _kazakh_latin_runs(text):
            if not _overlaps(blocked, start, end):
                claim(start, end, KAZAKH_LATIN, (start, end))

    if block_lang == "ru" and not KAZAKH_LETTERS.isdisjoint(chars):
        for start, end in _kazakh_runs(text, method):
            if not _overlaps(blocked, start, end):
                claim(start, end, "kk", (start, end))
    return sorted(spans, key=lambda span: span.start)


# --- block language ------------------------------------------------------------


def _check(method: str) -> None:
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")


def _links(text: str) -> Iterable[re.Match]:
    """The URLs and e-mail addresses in ``text``."""
    return _URL.finditer(text) if _URL_MARK.search(text) else ()


def _core(text: str) -> str:
    """``text`` without URLs, and without quoted or bracketed stretches when enough is left.

    When too little is left, the bracketed stretches come back before the quoted ones
    do: "Саунд-чтение «Бір үзім нан» (чтение под музыку)" is decided on its Russian words.
    """
    if _URL_MARK.search(text):
        text = _URL.sub(" ", text)
    for rest in (_QUOTED.sub(" ", text), _TITLES.sub(" ", text)):
        if len(list(islice(_WORD.finditer(rest), 2))) == 2:
            return rest
    return text


def _lone_word(text: str) -> str:
    """The one word of ``text`` outside quotes, when there is exactly one
    ("Квест-игра «Кітапхана құпиялары»."); "" otherwise."""
    rest = _TITLES.sub(" ", text)
    words = list(islice(_WORD.finditer(rest), 2)) if rest != text else []
    return words[0].group() if len(words) == 1 else ""


def _cyrillic_language(text: str, hint: str, method: str) -> str:
    letters = set(text)
    if _UK_LETTERS & letters and not (KAZAKH_LETTERS - set("іІ")) & letters:
        return "uk"
    if _BE_LETTERS & letters:
        return "be"
    lone = _lone_word(text)
    if lone:
        found = _clear(_score(lone, [lone], method, _clear))
        if found:
            return found
    main = _main_clause_language(text, method)
    if main:
        return main
    words = _WORD.findall(text)
    few = len(words) < 3 and not any(word_vote(word) for word in words)

    def decide(score: float) -> str:
        if (abs(score) < 1.0 or few) and hint in ("kk", "ru"):
            return hint
        return "kk" if score > 0 else "ru"

    return decide(_score(text, words, method, decide))


def _main_clause_language(text: str, method: str) -> str:
    """The language of the main clause of a sentence whose two clauses are in Kazakh and Russian,
    when a comma marks which one is subordinate: a Russian clause opening with a conjunction or a
    relative word ("…, что кітап оқу – …", "…, после которого …") or a Kazakh one closing with a
    "as …" form ("Кітапханашы айтқандай, …"); "" when no such comma is there or the main clause
    is not clearly either."""
    if "," not in text:
        return ""
    mains = [text[: marker.start()] for marker in _RU_SUBORDINATE.finditer(text)]
    if "ай," in text or "ей," in text:
        mains += [text[marker.end() :] for marker in _KK_AS.finditer(text)]
    for main in mains:
        words = _WORD.findall(main)
        if words:
            found = _clear(_score(main, words, method, _clear))
            if found:
                return found
    return ""


def _function_words(text: str) -> tuple[list[str], int, dict[str, int]]:
    """``text``'s words in lower case, how many are English function words, and how many of each other language's."""
    words = [word.lower() for word in _WORD.findall(text)]
    counts = Counter(words)
    english = sum(counts[word] for word in _EN_WORDS.intersection(counts))
    votes = {lang: sum(counts[word] for word in listed.intersection(counts)) for lang, listed in _OTHER_WORDS.items()}
    return words, english, votes


def _kazakh_beyond_names(text: str, function_words: int, least: float) -> bool:
    """Whether Latin ``text`` found Kazakh is so by more than its names: with two or more words
    in lower case, those must be Kazakh themselves ("Students read Mūqağali Maqataev's poems"
    is English; "Abai joly romany boiynşa oqyrmandar konferensiiasy ötti" is Kazakh)."""
    lower = [word for word in _WORD.findall(text) if not word[:1].isupper()]
    return len(lower) < 2 or kazakh_latin.is_kazakh(" ".join(lower), function_words, least)


def _latin_language(text: str, hint: str, method: str, inside_cyrillic: bool = False) -> str:
    """The language of Latin-script ``text``; ``inside_cyrillic``: it stands in Kazakh or Russian
    Cyrillic text, where one letter of the Kazakh Latin alphabet ("Tuğan jer") makes it Kazakh."""
    words, english, votes = _function_words(text)
    best = max(votes, key=votes.get)
    # a name or title in Cyrillic text is Kazakh by one word sure of it ("Qazaqstan", "Ūly dala eli")
    sure = inside_cyrillic and any(map(kazakh_latin.is_sure_word, words))
    one_word = len(words) < 2 and hint == "en" and not sure  # "Iraq" in an English book
    least = 1 if inside_cyrillic else 2
    if (
        not one_word
        and not _NOT_KAZAKH_LATIN.intersection(text)
        and kazakh_latin.is_kazakh(text, english + votes[best], least)
    ):
        if sure or _kazakh_beyond_names(text, english + votes[best], least):
            return KAZAKH_LATIN
        # Kazakh names in another language's sentence: the rest decides, without them
        text = " ".join(w for w in _WORD.findall(text) if not (w[:1].isupper() and kazakh_latin.is_word(w)))
        words, english, votes = _function_words(text)
        best = max(votes, key=votes.get)
    rules = best if votes[best] > english else hint if not english and hint in _OTHER_WORDS else "en"
    if method == RULES:
        return rules
    if method == COMBINED and english > votes[best]:
        return "en"
    if len(words) < 4:
        return hint if hint in _OTHER_WORDS else "en"
    if _left_open(_LATIN_MODELS):
        return rules
    lang, confidence = _lingua_latin(text)
    return lang if confidence >= 0.9 else "en"


def _stretch_language(text: str, block_lang: str, method: str, kazakh_typed: bool = False) -> str:
    """The language of a quoted stretch or a run: the block's unless clearly another.

    ``kazakh_typed``: the Kazakh block around the stretch has Kazakh letters, so a Kazakh
    title in it would have them too; a stretch without any is Russian as soon as its own
    votes and lingua lean Russian at all ("«Каштанка» әңгімесі", "«Мастер и Маргарита» романы").
    """
    words = _WORD.findall(text)
    if not words:
        return "und"
    scripts = {_word_script(word) for word in words}
    if scripts == {LATIN}:
        if block_lang in ("kk", "ru", "uk", "be", "und", ""):
            return _latin_language(text, "en", method, inside_cyrillic=block_lang in ("kk", "ru"))
        if block_lang != KAZAKH_LATIN and _kazakh_latin_stretch(text):
            return KAZAKH_LATIN
        lowered = [word.lower() for word in words]
        for lang, listed in _OTHER_WORDS.items():
            if lang != block_lang and sum(word in listed for word in lowered) >= 2:
                return detect(text, hint=block_lang, method=method)
        return block_lang
    if scripts == {CYRILLIC}:
        votes = [word_vote(word) for word in words]
        if block_lang == "kk":
            russian = min(votes) <= -1.5 and max(votes) <= 0
            leaning = kazakh_typed and KAZAKH_LETTERS.isdisjoint(text)  # Russian as soon as it leans so
            decide = lambda score: "ru" if russian or leaning and score < 0 or score <= -2.0 else "kk"  # noqa: E731
        elif block_lang == "ru":
            kazakh = any(vote >= 2.0 for vote in votes) and min(votes) >= 0
            decide = lambda score: "kk" if kazakh or score >= 2.0 else "ru"  # noqa: E731
        else:
            decide = lambda score: "kk" if score > 0 else "ru"  # noqa: E731
        return decide(_score(text, words, method, decide))
    return block_lang


# --- spans ---------------------------------------------------------------------


def _russian_clauses(text: str) -> list[tuple[int, int]]:
    """Russian subordinate clauses after a comma ("…, на которой выступили студенты …"): from the
    conjunction or relative word (with its preposition) to the end of the sentence."""
    clauses = []
    for marker in _RU_SUBORDINATE.finditer(text):
        start = marker.start(1)
        stop = _CLAUSE_END.search(text, start)
        clauses.append(_trim(text, start, stop.start() if stop else len(text)))
    return clauses


def _kazakh_latin_stretch(text: str) -> bool:
    """Whether a quoted stretch or a run in Latin-script text is Kazakh in Latin letters: enough
    Kazakh letters and words against its function words, and a single word sure of it ("Raqmet",
    not "Iraq")."""
    if _NOT_KAZAKH_LATIN.intersection(text):
        return False
    words, english, votes = _function_words(text)
    if len(words) == 1 and not kazakh_latin.is_sure_word(words[0]):
        return False
    return kazakh_latin.is_kazakh(text, english + max(votes.values()))


def _kazakh_latin_runs(text: str) -> list[tuple[int, int]]:
    """Runs of Kazakh in Latin letters inside English (or other Latin-script) text.

    A run is a stretch of words that may be Kazakh (``kazakh_latin.is_word``) holding one sure
    of it (``kazakh_latin.is_sure_word``: "Mäñgilik", "Qazaqstan") or of two words or more with
    signs of more than one kind ("Bılım – baqyt"; not "Mötley Crüe"), with a capitalised first name
    just before it that opens no sentence and is no function word ("Abai Qūnanbaiūly"); an
    English possessive "'s" stays outside.
    """
    found = []
    words_at = list(_WORD.finditer(text))
    starts = [match.start() for match in words_at]
    for start, end in _runs(text, kazakh_latin.is_word):
        words = _WORD.findall(text[start:end])
        sure = any(map(kazakh_latin.is_sure_word, words)) or (
            len(words) >= 2 and kazakh_latin.is_kazakh(text[start:end], least=3)
        )
        if not sure or not _kazakh_latin_stretch(text[start:end]):
            continue
        index = bisect_left(starts, start)  # the word just before the run: words_at[index - 1]
        if index and words[0][:1].isupper() and text[words_at[index - 1].end() : start].isspace():
            name = words_at[index - 1]
            opens = text[: name.start()].rstrip()[-1:] in ("", ".", "!", "?", "…")
            lower = name.group().lower()
            function = (
                lower in _EN_WORDS or lower in _EN_TITLES or any(lower in listed for listed in _OTHER_WORDS.values())
            )
            if _is_name(name.group()) and not opens and not function:
                start = name.start()
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2
        found.append((start, end))
    return found


@lru_cache(maxsize=65536)
def _word_script(word: str) -> str:
    scripts = {script_of(char) for char in word if char.isalpha()}
    return scripts.pop() if len(scripts) == 1 else ""


def _runs(text: str, member) -> list[tuple[int, int]]:
    """Maximal runs of words for which ``member(word)`` holds, joined only by ``_RUN_GAP``."""
    runs: list[tuple[int, int]] = []
    current: list[int] | None = None
    for start, end in _script_words(text):
        if not member(text[start:end]):
            current = None
            continue
        if current and _RUN_GAP.fullmatch(text[current[1] : start]):
            current[1] = end
            runs[-1] = (current[0], current[1])
        else:
            current = [start, end]
            runs.append((current[0], current[1]))
    return runs


def _script_words(text: str) -> Iterable[tuple[int, int]]:
    """The words of ``text`` as (start, end), a hyphenated word whose parts are in different
    scripts cut at its hyphens ("YouTube-канале" is "YouTube" and "канале")."""
    if "-" not in text:
        yield from (match.span() for match in _WORD.finditer(text))
        return
    for match in _WORD.finditer(text):
        word = match.group()
        if "-" not in word or _word_script(word):
            yield match.span()
            continue
        position = match.start()
        for part in word.split("-"):
            yield position, position + len(part)
            position += len(part) + 1


def _kazakh_runs(text: str, method: str = COMBINED) -> list[tuple[int, int]]:
    """Runs of Kazakh words in Russian text, each holding a word with a Kazakh-only letter.

    A run is a stretch of words voting Kazakh, joined by spaces or hyphens;
    neutral words count between two Kazakh ones, at either end when lingua alone
    takes them for Kazakh ("ақ бата", "наурыз көже"; not with ``RULES``), as the
    first name before a capitalised Kazakh word, and as the rest of a capitalised
    name that ends the clause ("мавзолей Қожа Ахмет Ясауи.").
    """
    words = [m for m in _WORD.finditer(text) if _word_script(m.group()) == CYRILLIC]
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        if not _kazakh_seed(words[index].group()):
            index += 1
            continue
        first = last = index
        while (
            first > 0
            and _joined(text, words[first - 1], words[first])
            and _kazakh_before(text, words[first - 1], words[first], method)
        ):
            first -= 1
        probe = index
        while probe + 1 < len(words) and _joined(text, words[probe], words[probe + 1]):
            word = words[probe + 1].group()
            vote = word_vote(word)
            if vote < 0:
                break
            probe += 1
            if vote > 0 or (not _is_name(word) and _lingua_kazakh(word, method)):
                last = probe
        last = max(last, _name_rest(text, words, last, method))
        runs.append((words[first].start(), words[last].end()))
        index = last + 1
    return runs


#: Lingua's log-odds above which a word no rule votes on, next to a Kazakh word, is Kazakh ("бата", "жол").
_KAZAKH_NEIGHBOUR = 0.5


def _lingua_kazakh(word: str, method: str) -> bool:
    """Whether lingua alone takes ``word`` (no rule votes on it) for Kazakh; never with ``RULES``."""
    return method != RULES and not _left_open(_CYRILLIC_MODELS) and _lingua_log_odds(word) >= _KAZAKH_NEIGHBOUR


def _is_name(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()


def _name_rest(text: str, words: list[re.Match], last: int, method: str) -> int:
    """The last word of a capitalised name that goes on after ``words[last]`` (a capitalised Kazakh
    word) with words no rule votes on and lingua takes for Kazakh, when the name ends the clause
    ("Қожа Ахмет Ясауи."; not "Өскемен Абай не бывал"); else ``last``."""
    if not _is_name(words[last].group()):
        return last
    probe = last
    while (
        probe + 1 < len(words)
        and _joined(text, words[probe], words[probe + 1])
        and _is_name(words[probe + 1].group())
        and word_vote(words[probe + 1].group()) >= 0
        and _lingua_kazakh(words[probe + 1].group(), method)
    ):
        probe += 1
    after = text[words[probe].end() :].lstrip()
    ends = not after or after[0] in '.,;:!?…)»"”'
    return probe if ends else last


def _kazakh_seed(word: str) -> bool:
    """Whether ``word`` starts a Kazakh run: it has a Kazakh letter and is not a Roman numeral ("ХІХ")."""
    return not KAZAKH_LETTERS.isdisjoint(word) and not is_roman(word)


def _kazakh_before(text: str, word: re.Match, run_start: re.Match, method: str = COMBINED) -> bool:
    """Whether ``word``, just before a Kazakh run, belongs to it: it votes Kazakh; it is the
    capitalised first half of a name ("Абай Құнанбайұлы", "Абая Құнанбайұлы") not opening a
    sentence and not a function word; or no rule votes on it and lingua alone takes it for Kazakh
    ("наурыз көже", "Абай айтқандай")."""
    vote = word_vote(word.group())
    if vote > 0 or vote <= -1.5:
        return vote > 0
    before = text[: word.start()].rstrip()
    opens = not before or before[-1] in ".!?…"
    if word.group()[:1].isupper() and run_start.group()[:1].isupper() and not opens:
        return True
    return vote == 0 and _lingua_kazakh(word.group(), method)


def _joined(text: str, left: re.Match, right: re.Match) -> bool:
    return bool(re.fullmatch(r"\s+|\s*[-–]\s*", text[left.end() : right.start()]))


def _only_numerals(text: str) -> bool:
    words = _WORD.findall(text)
    return all(is_roman(word) or len(word) == 1 for word in words)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _overlaps(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in ranges)


# --- lingua ----------------------------------------------------------------------

_CYRILLIC_MODELS = "kk-ru"
_LATIN_MODELS = "latin"
#: Lingua's models loaded by ``load_lingua`` in this process (a forked worker inherits them).
_loaded: set[str] = set()
#: Inside ``quick()``: [texts left open for want of lingua's models]; else None.
_left: ContextVar[list[int] | None] = ContextVar("language_left_open", default=None)


@contextmanager
def quick() -> Iterator[Callable[[], int]]:
    """Decide without waiting for lingua's models (the terminal's first screen): where lingua would
    be asked before ``load_lingua`` has run, the rules alone answer.  Gives a function that tells
    how many texts were left open so (decide those again outside ``quick`` for the answer
    ``detect`` and ``find_spans`` give there; 0: every answer is already that one)."""
    left = [0]
    token = _left.set(left)
    try:
        yield lambda: left[0]
    finally:
        _left.reset(token)


def _left_open(models: str) -> bool:
    """Whether lingua must not be asked now (inside ``quick()``, ``models`` not loaded): counted."""
    left = _left.get()
    if left is None or models in _loaded:
        return False
    left[0] += 1
    return True


def load_lingua() -> None:
    """Build lingua's detectors and load their models now: the Kazakh/Russian ones take ~0.6–1.3 s
    and ~90 MB (otherwise loaded by the first text without a Kazakh letter that needs them), the
    Latin ones ~0.2 s.  Afterwards ``quick()`` leaves nothing open."""
    _cyrillic_detector().compute_language_confidence_values("тарау")
    _loaded.add(_CYRILLIC_MODELS)
    _latin_detector().compute_language_confidence_values("the library")
    _loaded.add(_LATIN_MODELS)


@lru_cache(maxsize=1)
def _cyrillic_detector():
    """Lingua for Kazakh against Russian, built once; models load on first need (~2 s, ~80 MB).

    High-accuracy mode: on tests/data/language it finds more spans than the
    low-accuracy mode (96.6% against 93.1% recall), which loads in 0.2 s and 11 MB.
    """
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.KAZAKH, Language.RUSSIAN).build()


@lru_cache(maxsize=1)
def _latin_detector():
    """Lingua in low-accuracy mode over English and a few European languages, built once."""
    from lingua import Language, LanguageDetectorBuilder

    languages = (
        Language.ENGLISH,
        Language.GERMAN,
        Language.FRENCH,
        Language.SPANISH,
        Language.ITALIAN,
        Language.PORTUGUESE,
        Language.TURKISH,
    )
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


#: How many texts lingua's answers are kept for: a book quotes the same titles and names again and again.
_LINGUA_CACHE = 4096


@lru_cache(maxsize=_LINGUA_CACHE)
def _lingua_log_odds(text: str) -> float:
    """Lingua's Kazakh-against-Russian log-odds for ``text``, clipped to ±4."""
    values = _cyrillic_detector().compute_language_confidence_values(text)
    kazakh = next((v.value for v in values if v.language.iso_code_639_1.name == "KK"), 0.5)
    kazakh = min(max(kazakh, 0.018), 0.982)
    return math.log(kazakh / (1.0 - kazakh))


@lru_cache(maxsize=_LINGUA_CACHE)
def _lingua_latin(text: str) -> tuple[str, float]:
    values = _latin_detector().compute_language_confidence_values(text)
    if not values:
        return "en", 0.0
    return values[0].language.iso_code_639_1.name.lower(), values[0].value
