"""The text of the bundled sample titles, written for AccessReader: one structure per title.

    titles.py (this file) ──make_samples.py──▶ samples/*.epub *.fb2 *.docx *.html *.txt *.pdf

Each ``Title`` is a list of chapters, each chapter a list of ``Part``s in reading
order: headings (two levels), paragraphs, lists, poems, tables and print page
breaks.  Paragraph text carries a little inline markup that every writer
understands:

    {kk|Абай жолы}   a stretch in another language (here Kazakh)
    *text*           emphasis
    [^1]             a reference to the title's note "1"

A part's ``lang`` is set only where it differs from the title's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Part:
    """One piece of a chapter: ``kind`` is h1, h2, p, list, poem, table or page."""

    kind: str
    content: object
    lang: str = ""


@dataclass
class Note:
    """A footnote's text and, where it differs from the title's, its language."""

    text: str
    lang: str = ""


@dataclass
class Title:
    """A sample title and the file formats it is shipped in."""

    slug: str
    lang: str
    title: str
    author: str
    date: str
    description: str
    formats: tuple[str, ...]
    chapters: list[list[Part]]
    notes: dict[str, Note] = field(default_factory=dict)


def h1(text: str, lang: str = "") -> Part:
    return Part("h1", text, lang)


def h2(text: str, lang: str = "") -> Part:
    return Part("h2", text, lang)


def p(text: str, lang: str = "") -> Part:
    return Part("p", text, lang)


def items(entries: list[str], lang: str = "") -> Part:
    return Part("list", entries, lang)


def poem(stanzas: list[list[str]], lang: str = "") -> Part:
    return Part("poem", stanzas, lang)


def table(rows: list[list[str]], lang: str = "") -> Part:
    """The first row holds the column headers."""
    return Part("table", rows, lang)


def page(number: int) -> Part:
    return Part("page", str(number))


DALA = Title(
    slug="dala-kk",
    lang="kk",
    title="Дала әуені",
    author="AccessReader жобасы",
    date="2024",
    description="Көктемгі дала, ауыл және жылжымалы кітапхана туралы шағын әңгіме.",
    formats=("epub", "fb2", "txt"),
    chapters=[
        [
            page(1),
            h1("Бірінші тарау. Көктемгі дала"),
            p("Көктем келгенде дала оянады. Қар кетіп, жер бетіне алғашқы шөп шығады, ал аспанда бозторғай ән салады."),
            h2("Таң атқанда"),
            p(
                "Таң ата ауыл шетіне шықсаң, көз жетпес кеңістікті көресің. Көкжиекте жылқылар жайылып жүр, "
                "самал жел *жусанның*[^1] ащы иісін әкеледі."
            ),
            p(
                "Атам маған даланы оқуды үйретті: бұлттың түсіне қарап ауа райын, шөптің иілуіне қарап "
                "желдің бағытын білуге болады дейтін."
            ),
            page(2),
            h2("Далада не өседі"),
            p("Біздің өңірдің даласында жүздеген өсімдік түрі бар. Солардың ең белгілілері мыналар:"),
            items(
                [
                    "жусан — ащы иісті, күміс түсті шөп;",
                    "бетеге — малдың сүйікті азығы;",
                    "селеу — желмен толқып тұратын ақ шашақты шөп;",
                    "қызғалдақ — көктемде даланы қызылға бөлейтін гүл.",
                ]
            ),
            p(
                "Ауа райы да айдан айға қатты өзгереді. Ауыл мектебінің оқушылары 2023 жылы жүргізген "
                "бақылаудың қорытындысы төмендегі кестеде берілген."
            ),
            table(
                [
                    ["Ай", "Орташа температура, °C", "Жауын-шашын, мм"],
                    ["Наурыз", "−3", "14"],
                    ["Сәуір", "9", "22"],
                    ["Мамыр", "17", "31"],
                    ["Маусым", "23", "27"],
                ]
            ),
        ],
        [
            page(3),
            h1("Екінші тарау. Дала мен өлең"),
            p("Далада өскен адам өлеңге жақын болады. Кешке от басында әжем жыр айтатын, біз тыңдап отыратынбыз."),
            h2("Әжемнің өлеңі"),
            poem(
                [
                    ["Кең дала, кең дала,", "Көк шөбің жайқалған.", "Бозторғайдың әніне", "Бала жүрек байланған."],
                    ["Жусанның иісін", "Жел әкеп тұр маған.", "Қайда жүрсем де мен", "Сағынам сені, далам."],
                ]
            ),
            h2("Кітапхана автобусы"),
            p(
                "Жазда ауылға аудандық кітапхананың автобусы келеді. Ол екі жүзден астам кітап әкеледі, "
                "ал кітапханашы әр оқырманға[^2] өзіне ұнайтын кітапты тауып береді."
            ),
            p(
                "Биыл автобус біздің ауылға он екі рет келді. Балалар ертегі мен шытырман оқиғалы кітаптарды, "
                "ал үлкендер тарих пен өлкетану туралы еңбектерді жиі сұрады."
            ),
            page(4),
            p(
                "Дала үнсіз емес: оның желі де, құсы да, адамдары да өз әңгімесін айтады. "
                "Тек құлақ салып тыңдай білу керек."
            ),
        ],
    ],
    notes={
        "1": Note("Жусан — далада көп өсетін ащы иісті өсімдік; қазақтар оның иісін туған жердің белгісі деп санайды."),
        "2": Note(
            "Жылжымалы кітапхана көзі нашар көретін оқырмандарға Брайль кітаптары мен аудиокітаптарды да әкеледі."
        ),
    },
)

REPORT = Title(
    slug="library-report-ru",
    lang="ru",
    title="Отчёт городской библиотеки за 2021 год",
    author="Проект AccessReader",
    date="2022",
    description="Цифры и события года в городской библиотеке: фонд, читатели, конкурс, доступная среда.",
    formats=("fb2", "docx", "pdf"),
    chapters=[
        [
            page(1),
            h1("Глава 1. Фонд и читатели"),
            p(
                "Настоящий отчёт подводит итоги работы Центральной городской библиотеки в 2021 г. "
                "и составлен по данным на 1 января 2022 г."
            ),
            h2("1.1. Фонд"),
            p(
                "На конец года фонд библиотеки насчитывал 1 372 423 экземпляра, т. е. на 18 905 экземпляров "
                "больше, чем годом ранее. Из них 41 260 экз. — издания на казахском языке, 12 318 — книги "
                "рельефно-точечным шрифтом[^1] и 3 407 — «говорящие» книги."
            ),
            table(
                [
                    ["Показатель", "2020 г.", "2021 г."],
                    ["Фонд, экз.", "1 353 518", "1 372 423"],
                    ["Читатели", "38 114", "41 027"],
                    ["Посещения", "402 660", "455 931"],
                    ["Книговыдача", "1 025 700", "1 118 362"],
                ]
            ),
            page(2),
            h2("1.2. Читатели"),
            p(
                "В 2021 г. библиотекой воспользовались 41 027 человек, в т. ч. 1 214 незрячих и слабовидящих "
                "читателей. Средняя посещаемость составила 1 250 человек в день, т. е. почти на 13 % выше "
                "прошлогодней."
            ),
            p("Чаще всего читатели спрашивали:"),
            items(
                [
                    "художественную литературу — 46,2 %;",
                    "учебные и справочные издания — 27,5 %;",
                    "книги по истории Казахстана — 14,1 %;",
                    "периодику и прочее — 12,2 %.",
                ]
            ),
        ],
        [
            page(3),
            h1("Глава 2. Мероприятия"),
            h2("2.1. Конкурс «Стихи о городе»"),
            p(
                "С 1 по 15 марта прошёл конкурс юных поэтов; в нём участвовали 87 школьников из 23 школ. "
                "Первое место занял ученик 7-го класса, прочитавший такие строки:"
            ),
            poem(
                [
                    [
                        "Мой город спит под снегом,",
                        "Но в окнах свет горит:",
                        "Там книга с человеком",
                        "Неслышно говорит.",
                    ],
                    [
                        "И утром, как на праздник,",
                        "Я в зал читальный иду,",
                        "Где каждый том — рассказчик,",
                        "Где я ответ найду.",
                    ],
                ]
            ),
            h2("2.2. Доступная среда"),
            p(
                "За год оборудованы два рабочих места с брайлевскими дисплеями, а также закуплены "
                "120 тифлофлешплееров[^2]. Занятия по компьютерной грамотности для незрячих проводились "
                "по вторникам и четвергам с 10:00 до 12:30."
            ),
            page(4),
            p(
                "В 2022 г. библиотека планирует перевести в цифровой вид ещё 5 000 изданий, т. е. около 0,4 % "
                "фонда, и открыть второй зал для занятий с детьми."
            ),
        ],
    ],
    notes={
        "1": Note("Рельефно-точечный шрифт — шрифт Брайля, которым читают на ощупь."),
        "2": Note("Тифлофлешплеер — устройство для прослушивания «говорящих» книг в формате DAISY."),
    },
)

NIGHT = Title(
    slug="city-library-en",
    lang="en",
    title="A Night at the City Library",
    author="The AccessReader project",
    date="2024",
    description="What happens in a city library after closing time, told by its night librarian.",
    formats=("html", "txt", "pdf"),
    chapters=[
        [
            page(1),
            h1("Chapter 1. The Reading Room"),
            p(
                "At nine o'clock the last visitors leave the reading room, and the City Library becomes a "
                "different place. The lamps go out one by one, and only the green light over the door stays on."
            ),
            h2("The night shift"),
            p(
                "Dana, the night librarian, walks between the shelves with a trolley of returned books. "
                "She knows where each of them belongs, *even in the dark*.[^1]"
            ),
            p("Every night she follows the same short list:"),
            items(
                [
                    "check the windows on the second floor;",
                    "return the books left on the tables;",
                    "charge the talking-book players;",
                    "write the day's figures in the log.",
                ]
            ),
            page(2),
            h2("The log"),
            p("The log for one quiet Tuesday in March looked like this:"),
            table(
                [
                    ["Hours", "Visitors", "Books lent"],
                    ["10:00–12:00", "64", "112"],
                    ["12:00–15:00", "91", "187"],
                    ["15:00–18:00", "133", "245"],
                    ["18:00–21:00", "47", "76"],
                ]
            ),
        ],
        [
            page(3),
            h1("Chapter 2. The Archive"),
            p(
                "Below the reading room lies the archive, where old newspapers and maps are kept at eighteen "
                "degrees. Dana goes down there only once a night."
            ),
            h2("A poem on a card"),
            p("Inside a returned book she once found a catalogue card with a poem written on the back:"),
            poem(
                [
                    [
                        "The city sleeps, the shelves stay awake,",
                        "each spine a door, each page a lake;",
                        "I came to borrow one small tale",
                        "and left with wind, and road, and sail.",
                    ],
                    ["So close the book, but leave the light:", "someone will read it here tonight."],
                ]
            ),
            page(4),
            p(
                "She pinned the card to the notice board. By the end of the week[^2] three more poems had "
                "appeared beside it."
            ),
        ],
    ],
    notes={
        "1": Note("Books are shelved by the number on the spine, so the order never changes."),
        "2": Note("The board is now read aloud to blind visitors every Friday."),
    },
)

MIXED = Title(
    slug="kitaphana-kk-ru",
    lang="ru",
    title="Кітапхана мен дала. Библиотека и степь",
    author="Проект AccessReader",
    date="2024",
    description="Двуязычный рассказ о городской библиотеке и её выставке о степи.",
    formats=("epub", "docx", "html"),
    chapters=[
        [
            page(1),
            h1("Бірінші бөлім. Кітапхана", "kk"),
            p(
                "Қала кітапханасына күн сайын жүздеген адам келеді. Олардың арасында студенттер де, "
                "зейнеткерлер де, мектеп оқушылары да бар.",
                "kk",
            ),
            p(
                "Библиотека работает на двух языках: каталог, вывески и объявления даны по-казахски и по-русски. "
                "Самая востребованная книга года — роман «{kk|Абай жолы}» Мухтара Ауэзова, на втором месте — "
                "роман «{kk|Қан мен тер}» Абдижамила Нурпеисова."
            ),
            h2("Оқу залы", "kk"),
            p(
                "Оқу залында қырық орын бар. Соның төртеуі Брайль дисплейі мен дыбыстық бағдарламасы бар "
                "компьютерлермен жабдықталған[^1].",
                "kk",
            ),
            p(
                "Незрячие читатели чаще всего просят озвучить газету «{kk|Егемен Қазақстан}» и журнал "
                "«{kk|Жұлдыз}», а студенты — учебники на русском языке."
            ),
            page(2),
            h2("Читальный зал в цифрах"),
            table(
                [
                    ["Показатель", "2020", "2021"],
                    ["Читатели", "5 210", "6 034"],
                    ["Книги Брайля", "812", "957"],
                    ["Аудиокниги", "1 405", "1 980"],
                ]
            ),
        ],
        [
            page(3),
            h1("Екінші бөлім. Дала туралы кітаптар", "kk"),
            p(
                "Весной библиотека подготовила выставку «{kk|Дала әуені}» — о степи в казахской и русской "
                "литературе. На выставке представлены:"
            ),
            items(
                [
                    "роман «{kk|Қан мен тер}» Абдижамила Нурпеисова;",
                    "сборник стихов Магжана Жумабаева «{kk|Шолпан}»;",
                    "очерки о степи русских путешественников XIX века;",
                    "детские книги о животных степи.",
                ]
            ),
            h2("Көрмедегі өлең", "kk"),
            p("Көрменің кіреберісінде жас оқырманның өлеңі ілулі тұр:", "kk"),
            poem(
                [
                    ["Далам менің — кітабым,", "Әр парағы — бір жыр.", "Жел оқиды оны үнсіз,", "Тыңдап тұрады қыр."],
                    ["Кітапханаға келсеңіз,", "Сол кітапты табасыз:", "Әр сөзінен даланың", "Үнін естіп қаласыз."],
                ],
                "kk",
            ),
            page(4),
            p(
                "Выставка продлится до конца мая; экскурсии проводятся на казахском и русском языках, т. е. "
                "каждый посетитель может выбрать удобный для себя язык[^2]."
            ),
        ],
    ],
    notes={
        "1": Note("Дыбыстық бағдарлама экрандағы мәтінді дауыстап оқиды.", "kk"),
        "2": Note("Экскурсии для незрячих посетителей проводятся по предварительной записи."),
    },
)

TITLES = [DALA, REPORT, NIGHT, MIXED]
