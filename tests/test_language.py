from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accessreader import language
from accessreader.content.builder import DocumentBuilder, InlineText
from accessreader.content.finish import finish
from accessreader.language import KAZAKH_LETTERS, detect, find_spans, normalise
from accessreader.model import PARAGRAPH, SPAN_LANG
from tests.language_data import load_blocks, load_mixed


def span_texts(text: str, lang: str, taken=()) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.value) for s in find_spans(text, lang, taken)]


@pytest.mark.parametrize(
    "code,expected",
    [("ru-RU", "ru"), ("kk_KZ", "kk"), ("kaz", "kk"), ("KZ", "kk"), ("eng", "en"), ("EN-gb", "en"), ("", "")],
)
def test_normalise_keeps_the_primary_language(code, expected):
    assert normalise(code) == expected


def test_text_without_letters_is_undetermined_whatever_the_hint():
    assert detect("2024 — 1 372 423", hint="ru") == "und"
    assert detect("", hint="kk") == "und"


@pytest.mark.parametrize(
    "text",
    [
        "Балалар мектепке барды.",
        "Атам мен апам ауылда жасайды.",
        "Кеше мектепте ата-аналар жиналысы болды.",
        "Китапты уйге алу ушин окырман билети кажет.",
        "Жиналыста китапхананын откен жылгы жумысы талкыланды.",
    ],
)
def test_kazakh_without_kazakh_only_letters_is_found_by_its_words(text):
    assert not KAZAKH_LETTERS.intersection(text)
    assert detect(text, hint="ru") == "kk"


def test_russian_paragraph_quoting_kazakh_titles_stays_russian():
    text = "В рамках кружка «Он саусақ» прошёл мастер-класс «Өз қолымен жасалған сыйлық»."
    assert detect(text, hint="kk") == "ru"
    assert detect("Журнал «Жұлдыз» выходит ежемесячно.") == "ru"


def test_kazakh_paragraph_quoting_a_russian_title_stays_kazakh():
    assert detect("Лев Толстойдың «Война и мир» романын орыс тілінде оқығысы келетіндер көп.", hint="ru") == "kk"


def test_the_hint_breaks_a_tie_and_only_a_tie():
    assert detect("Абай", hint="kk") == "kk"
    assert detect("Абай", hint="ru") == "ru"
    assert detect("Кітапхана жаңа кітаптар алды.", hint="ru") == "kk"
    assert detect("Библиотека получила новые книги.", hint="kk") == "ru"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The reading room is open on Sundays.", "en"),
        ("Die Bibliothek bietet ihren Lesern in diesem Jahr mehrere neue Dienste an.", "de"),
        ("Бібліотека пропонує читачам нові послуги, а їхні діти можуть відвідати годину казок.", "uk"),
        ("图书馆今天开放", "zh"),
        ("Η βιβλιοθήκη είναι ανοιχτή", "el"),
        ("المكتبة مفتوحة اليوم", "ar"),
    ],
)
def test_other_languages_and_scripts(text, expected):
    assert detect(text) == expected


def test_short_latin_text_is_english_unless_the_source_says_otherwise():
    assert detect("Harry Potter") == "en"
    assert detect("Harry Potter", hint="de") == "de"


def test_example_from_the_brief_gives_two_kazakh_spans():
    text = "в рамках кружка «Он саусақ» мастер-класс «Өз қолымен жасалған сыйлық»"
    assert span_texts(text, "ru") == [("Он саусақ", "kk"), ("Өз қолымен жасалған сыйлық", "kk")]


def test_russian_titles_in_kazakh_text():
    text = "Кітапханада «Литературная газета» мен «Новый мир» журналдарының тігінділері сақталған."
    assert span_texts(text, "kk") == [("Литературная газета", "ru"), ("Новый мир", "ru")]


def test_same_language_quotes_give_no_span():
    assert span_texts("Объявлен конкурс сочинений «Моя любимая книга».", "ru") == []
    assert span_texts("«Менің сүйікті кітабым» атты байқау жарияланды.", "kk") == []


def test_latin_runs_in_cyrillic_text_are_english_but_urls_and_emails_are_left_alone():
    text = "Программа JAWS for Windows и сайт https://library.kz/news, почта info@library.kz, XIX век."
    assert span_texts(text, "ru") == [("JAWS for Windows", "en")]


def test_urls_and_emails_in_capitals_are_left_alone_too():
    text = "Сайт WWW.LIBRARY.KZ, почта Info@Library.KZ и программа JAWS for Windows."
    assert span_texts(text, "ru") == [("JAWS for Windows", "en")]


def test_cyrillic_in_english_text():
    text = 'The librarian answered in Russian: "Книга на полке слева".'
    assert span_texts(text, "en") == [("Книга на полке слева", "ru")]
    assert span_texts("He said «Рахмет, ағай» and left.", "en") == [("Рахмет, ағай", "kk")]


def test_kazakh_word_runs_inside_russian_text():
    text = "На встрече выступила автор книги Айгүл Сейітова, а Шоқан Уәлиханов был этнографом."
    assert span_texts(text, "ru") == [("Айгүл Сейітова", "kk"), ("Шоқан Уәлиханов", "kk")]


def test_a_first_name_joins_the_kazakh_surname_after_it_but_not_a_sentence_opener():
    assert span_texts("Поэт Абай Құнанбайұлы родился в 1845 году.", "ru") == [("Абай Құнанбайұлы", "kk")]
    assert span_texts("Автор Айгүл Сейітова написала повесть.", "ru") == [("Айгүл Сейітова", "kk")]
    assert span_texts("В городе Өскемен Абай не бывал.", "ru") == [("Өскемен", "kk")]


def test_spans_never_overlap_taken_ranges():
    text = "В рамках кружка «Он саусақ» прошёл мастер-класс «Өз қолымен жасалған сыйлық»."
    first = text.index("«Он саусақ»")
    spans = find_spans(text, "ru", taken=[(first, first + len("«Он саусақ»"))])
    assert [text[s.start : s.end] for s in spans] == ["Өз қолымен жасалған сыйлық"]


def test_data_set_is_big_enough():
    blocks = load_blocks()
    counts = Counter(lang for lang, _ in blocks)
    assert len(blocks) >= 200 and min(counts["kk"], counts["ru"], counts["en"]) >= 40
    plain_kazakh = [t for lang, t in blocks if lang == "kk" and not KAZAKH_LETTERS.intersection(t)]
    assert len(plain_kazakh) >= 40
    assert sum(len(t.split()) <= 8 for _, t in blocks) >= 30
    assert len(load_mixed()) >= 50


def test_block_accuracy_floor():
    blocks = load_blocks()
    wrong = [(lang, text) for lang, text in blocks if detect(text) != lang]
    assert len(wrong) <= len(blocks) * 0.02, wrong
    plain = [(lang, t) for lang, t in blocks if lang == "kk" and not KAZAKH_LETTERS.intersection(t)]
    assert sum(detect(t) == "kk" for _, t in plain) >= len(plain) * 0.95


def test_span_precision_and_recall_floor():
    found = expected = hits = 0
    for row in load_mixed():
        got = {(s.start, s.end, s.value) for s in find_spans(row["text"], row["lang"])}
        want = set(row["spans"])
        found, expected, hits = found + len(got), expected + len(want), hits + len(got & want)
    assert hits / found >= 0.9 and hits / expected >= 0.9


def test_spans_never_cut_a_word_in_the_mixed_set():
    for row in load_mixed():
        text = row["text"]
        for span in find_spans(text, row["lang"]):
            assert span.kind == SPAN_LANG
            assert span.start == 0 or not (text[span.start - 1].isalnum() and text[span.start].isalnum())
            assert span.end == len(text) or not (text[span.end - 1].isalnum() and text[span.end].isalnum())


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Абай", "жолы", "кітап", "оқыды", "и", "книга", "Harry", "Potter", "«", "»", "(", ")", "www.a.kz", ", "]
        ),
        max_size=14,
    ),
    st.sampled_from(["ru", "kk", "en"]),
)
def test_spans_are_whole_words_and_do_not_overlap(pieces, lang):
    text = " ".join(pieces)
    spans = find_spans(text, lang)
    for left, right in zip(spans, spans[1:]):
        assert left.end <= right.start
    for span in spans:
        assert span.value != lang and text[span.start : span.end].strip() == text[span.start : span.end]
        assert span.start == 0 or not (text[span.start - 1].isalnum() and text[span.start].isalnum())


def test_finish_gives_blocks_their_language_spans_and_sentences():
    builder = DocumentBuilder("test")
    builder.chapter("Жаңалықтар")
    builder.add(PARAGRAPH, "Китапты уйге алу ушин окырман билети кажет. Кіру тегін.", lang="ru")
    marked = InlineText()
    marked.add("Мастер-класс ")
    marked.add("«Өз қолымен жасалған сыйлық»", lang="kk")
    marked.add(" провели в кружке «Он саусақ» в 2021 г. Библиотека довольна.")
    builder.add(PARAGRAPH, marked, lang="ru")
    document = finish(builder.build(), b"x", "news.html")
    first, second = (block for _, block in document.blocks())
    assert first.lang == "kk" and len(first.sentences) == 2
    assert second.lang == "ru"
    assert [(second.text[s.start : s.end], s.value) for s in second.spans if s.kind == SPAN_LANG] == [
        ("«Өз қолымен жасалған сыйлық»", "kk"),
        ("Он саусақ", "kk"),
    ]
    assert second.sentence_texts()[-1] == "Библиотека довольна."


def test_methods_are_named():
    assert language.METHODS == ("combined", "rules", "lingua")
    with pytest.raises(ValueError):
        detect("текст", method="guess")


@pytest.mark.parametrize(
    "text,title",
    [
        ("Саунд-чтение «Бір үзім нан» (чтение под музыку).", "Бір үзім нан"),
        ("Буктрейлер «Қан мен тер» (по роману А. Нурпеисова).", "Қан мен тер"),
        ("Квест-игра «Кітапхана құпиялары».", "Кітапхана құпиялары"),
        ("Вечер памяти «Отты жылдар есімізде».", "Отты жылдар есімізде"),
    ],
)
def test_a_kazakh_title_quoted_in_russian_is_a_span_of_a_russian_block(text, title):
    assert detect(text) == "ru"
    assert [(text[s.start : s.end], s.value) for s in find_spans(text, "ru")] == [(title, "kk")]


def test_roman_numerals_typed_in_cyrillic_are_no_kazakh():
    text = "Конференция «ХХІ ғасыр кітапханасы» прошла во ІІ квартале."
    assert detect(text) == "ru"
    assert [text[s.start : s.end] for s in find_spans(text, "ru")] == ["ХХІ ғасыр кітапханасы"]
    assert detect("Раздел ІІІ отчёта посвящён работе с детьми.") == "ru"
    assert detect("ХІХ ғасырдағы қазақ әдебиеті туралы дәріс оқылды.") == "kk"


def test_kazakh_names_in_a_russian_sentence_are_spans_not_the_block_language():
    text = "Гостем встречи стал поэт Ұлықбек Есдәулет."
    assert detect(text) == "ru"
    assert [text[s.start : s.end] for s in find_spans(text, "ru")] == ["Ұлықбек Есдәулет"]
    text = "Читатели вспомнили творчество Абая Құнанбайұлы."
    assert [text[s.start : s.end] for s in find_spans(text, "ru")] == ["Абая Құнанбайұлы"]


def wholly_right(rows) -> int:
    return sum(
        detect(row["text"]) == row["lang"]
        and {(s.start, s.end, s.value) for s in find_spans(row["text"], row["lang"])} == set(row["spans"])
        for row in rows
    )


@pytest.mark.parametrize(
    "name,size,floor",
    [
        ("reports.jsonl", 100, 0.97),  # the set the rules were tuned on
        ("reports2.jsonl", 220, 0.99),  # written blind: 89.5% at its first run, 100% since
        ("reports3.jsonl", 80, 0.97),  # written after reports2's fixes: 90.0% at its first run
        ("reports4.jsonl", 150, 0.97),  # written blind beside those fixes: 97.3% at its first run on them
    ],
)
def test_report_sentences_floor(name, size, floor):
    rows = load_mixed(name)
    assert len(rows) >= size
    assert wholly_right(rows) >= len(rows) * floor


@pytest.mark.parametrize(
    "text,title",
    [
        ("Балаларға «Каштанка» әңгімесі оқылды.", "Каштанка"),
        ("«Теремок» ертегісі бойынша қуыршақ театры өтті.", "Теремок"),
        ("«Руслан и Людмила» поэмасы талқыланды.", "Руслан и Людмила"),
    ],
)
def test_a_russian_title_without_russian_letters_in_kazakh_text_is_russian(text, title):
    assert detect(text) == "kk"
    assert span_texts(text, "kk") == [(title, "ru")]


def test_a_kazakh_title_typed_without_kazakh_letters_stays_kazakh():
    assert span_texts("Оқушылар «Абай жолы» романын талқылады.", "kk") == []


def test_a_short_kazakh_phrase_in_russian_takes_its_neighbours_that_are_kazakh():
    assert span_texts("Старейшина дал молодым ақ бата.", "ru") == [("ақ бата", "kk")]
    assert span_texts("Всех угостили наурыз көже и чаем.", "ru") == [("наурыз көже", "kk")]
    assert span_texts("Выпускникам пожелали ақ жол, и праздник закончился.", "ru") == [("ақ жол", "kk")]


def test_a_kazakh_name_goes_on_with_its_capitalised_words_to_the_end_of_the_clause():
    assert span_texts("Экскурсия привела к мавзолею Қожа Ахмет Ясауи.", "ru") == [("Қожа Ахмет Ясауи", "kk")]
    assert span_texts("В городе Өскемен Абай не бывал.", "ru") == [("Өскемен", "kk")]


def test_the_latin_part_of_a_hyphenated_word_and_a_plural_possessive_in_latin_runs():
    assert span_texts("Ролик выложен на YouTube-канале школы.", "ru") == [("YouTube", "en")]
    assert span_texts("Мы отметили World Teachers' Day вместе.", "ru") == [("World Teachers' Day", "en")]


def test_kazakh_in_latin_letters_inside_english_text():
    text = 'The club read Abai Qūnanbaiūly\'s "Qara sözder" and wrote "Raqmet" on the board.'
    assert detect(text) == "en"
    assert span_texts(text, "en") == [
        ("Abai Qūnanbaiūly", "kk-Latn"),
        ("Qara sözder", "kk-Latn"),
        ("Raqmet", "kk-Latn"),
    ]
    text = "A banner reading Jaña kitaptar hung over the desk."
    assert span_texts(text, "en") == [("Jaña kitaptar", "kk-Latn")]


@pytest.mark.parametrize(
    "text",
    [
        "The war in Iraq and a flight to Qatar were discussed.",
        'She played "Für Elise" and El Niño was mentioned.',
        "Mötley Crüe played in Düsseldorf.",
        "Jane and Ben met the men at the bar.",
    ],
)
def test_other_latin_words_in_english_are_not_kazakh(text):
    assert detect(text) == "en"
    assert span_texts(text, "en") == []


def test_kazakh_names_alone_do_not_make_an_english_sentence_kazakh_and_a_title_is_no_first_name():
    text = "Students read Mūqağali Maqataev's poems aloud."
    assert detect(text) == "en"
    assert span_texts(text, "en") == [("Mūqağali Maqataev", "kk-Latn")]
    text = "A talk on President Qasym-Jomart Toqaev's speech."
    assert span_texts(text, "en") == [("Qasym-Jomart Toqaev", "kk-Latn")]


def test_kazakh_in_latin_letters_inside_cyrillic_text():
    assert span_texts("Проект Mäñgilik El объединил школы.", "ru") == [("Mäñgilik El", "kk-Latn")]
    assert span_texts("Оқырмандарға «Tuğan jer» жинағы ұсынылды.", "kk") == [("Tuğan jer", "kk-Latn")]
    text = "На двери написано Kitaphana sağat 9-dan 18-ge deiin ashyq."
    assert span_texts(text, "ru") == [("Kitaphana sağat 9-dan 18-ge deiin ashyq", "kk-Latn")]


def test_one_sure_kazakh_latin_word_makes_a_name_in_cyrillic_text_kazakh():
    assert span_texts("Фестиваль Ūly dala eli собрал мастеров.", "ru") == [("Ūly dala eli", "kk-Latn")]
    assert span_texts("Стенд с надписью Qazaqstan встречает гостей.", "ru") == [("Qazaqstan", "kk-Latn")]
    assert span_texts("Новости из Iraq пришли вчера.", "ru") == [("Iraq", "en")]


@pytest.mark.parametrize(
    "text,lang,span,span_lang",
    [
        ("Директор отметила, что кітапхана жаңа оқырмандар тартты.", "ru", "кітапхана жаңа оқырмандар тартты", "kk"),
        ("Кездесу өтті, на которой выступили ветераны.", "kk", "на которой выступили ветераны", "ru"),
        ("Абай айтқандай, книга учит жизни.", "ru", "Абай айтқандай", "kk"),
    ],
)
def test_a_mixed_sentence_is_in_the_language_of_its_main_clause(text, lang, span, span_lang):
    assert detect(text) == lang
    assert span_texts(text, lang) == [(span, span_lang)]


def test_a_russian_sentence_naming_kazakh_customs_stays_russian():
    text = "Гости узнали об обряде тұсау кесер и попробовали бауырсақ."
    assert detect(text) == "ru"
