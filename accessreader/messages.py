"""Messages people read, in Kazakh, Russian and English.

Errors (``errors.py``), CLI output and notices look up their text here by code.
``interface_language`` picks the user's language from ``--lang`` or the locale.
"""

from __future__ import annotations

import os

LANGUAGES = ("kk", "ru", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "error": {
        "en": "Something went wrong: {detail}",
        "ru": "Что-то пошло не так: {detail}",
        "kk": "Бірдеңе дұрыс болмады: {detail}",
    },
    "bad_input": {
        "en": "{name}: cannot be read as a book ({detail})",
        "ru": "{name}: не удаётся прочитать как книгу ({detail})",
        "kk": "{name}: кітап ретінде оқу мүмкін емес ({detail})",
    },
    "empty_file": {
        "en": "{name}: the file is empty",
        "ru": "{name}: файл пуст",
        "kk": "{name}: файл бос",
    },
    "unknown_format": {
        "en": "{name}: not a supported book format (EPUB, PDF, FB2, DOCX, HTML or TXT)",
        "ru": "{name}: формат книги не поддерживается (EPUB, PDF, FB2, DOCX, HTML или TXT)",
        "kk": "{name}: кітап пішімі қолдау көрсетілмейді (EPUB, PDF, FB2, DOCX, HTML немесе TXT)",
    },
    "corrupt_file": {
        "en": "{name}: the {format} file is damaged ({detail})",
        "ru": "{name}: файл {format} повреждён ({detail})",
        "kk": "{name}: {format} файлы бүлінген ({detail})",
    },
    "encrypted_file": {
        "en": "{name}: the {format} file is encrypted or protected by DRM and cannot be converted",
        "ru": "{name}: файл {format} зашифрован или защищён DRM, преобразовать его нельзя",
        "kk": "{name}: {format} файлы шифрланған немесе DRM арқылы қорғалған, оны түрлендіру мүмкін емес",
    },
    "scanned_pdf": {
        "en": "{name}: the PDF has neither a text layer nor page images to recognise",
        "ru": "{name}: в PDF нет ни текстового слоя, ни изображений страниц для распознавания",
        "kk": "{name}: PDF-те мәтін қабаты да, танылатын бет суреттері де жоқ",
    },
    "no_text_found": {
        "en": "{name}: no text could be recognised on the scanned pages",
        "ru": "{name}: на отсканированных страницах не удалось распознать текст",
        "kk": "{name}: сканерленген беттерден мәтін танылмады",
    },
    "ocr_low_confidence": {
        "en": "scanned page {detail}: low OCR confidence, please check",
        "ru": "отсканированная страница {detail}: низкая уверенность распознавания, проверьте",
        "kk": "сканерленген бет {detail}: тану сенімділігі төмен, тексеріңіз",
    },
    "mixed_script_repaired": {
        "en": "a word typed in both Latin and Cyrillic letters was rewritten in one script: {detail}",
        "ru": "слово, набранное латинскими и кириллическими буквами вперемешку, переписано одним алфавитом: {detail}",
        "kk": "латын және кирилл әріптерімен аралас терілген сөз бір әліпбимен қайта жазылды: {detail}",
    },
    "braille_proof_transliterated": {
        "en": "Kazakh in Latin letters, brailled in Cyrillic",
        "ru": "казахский латиницей, шрифтом Брайля кириллицей",
        "kk": "латын әріпті қазақ мәтіні, Брайль қарпімен кириллицада",
    },
    "braille_proof_original": {
        "en": "typed as",
        "ru": "набрано как",
        "kk": "терілгені",
    },
    "unsafe_xml": {
        "en": "{name}: the file contains XML entity declarations or external references, refused for safety",
        "ru": "{name}: файл содержит объявления XML-сущностей или внешние ссылки и отклонён ради безопасности",
        "kk": "{name}: файлда XML нысандарын жариялау немесе сыртқы сілтемелер бар, қауіпсіздік үшін қабылданбады",
    },
    "archive_bomb": {
        "en": "{name}: the archive would unpack to more than {limit} (or compresses suspiciously well), refused",
        "ru": "{name}: архив распаковывается больше чем в {limit} (или сжат подозрительно сильно) и отклонён",
        "kk": "{name}: мұрағат {limit} көлемінен асып ашылады (немесе күдікті түрде қатты сығылған), қабылданбады",
    },
    "file_too_large": {
        "en": "{name}: the file is {size}, over the limit of {limit}",
        "ru": "{name}: размер файла {size}, больше предела {limit}",
        "kk": "{name}: файл көлемі {size}, шектен ({limit}) асады",
    },
    "unknown_encoding": {
        "en": "{name}: the text encoding cannot be recognised (UTF-8, UTF-16, CP1251 and KOI8-R are read)",
        "ru": "{name}: не удаётся распознать кодировку текста (читаются UTF-8, UTF-16, CP1251 и KOI8-R)",
        "kk": "{name}: мәтін кодтауын анықтау мүмкін емес (UTF-8, UTF-16, CP1251 және KOI8-R оқылады)",
    },
    "file_not_found": {
        "en": "{name}: no such file or folder",
        "ru": "{name}: нет такого файла или папки",
        "kk": "{name}: мұндай файл немесе қалта жоқ",
    },
    "missing_dependency": {
        "en": "{what} is not installed; install it with: {install}",
        "ru": "{what} не установлен; установите: {install}",
        "kk": "{what} орнатылмаған; орнату үшін: {install}",
    },
    "not_allowed": {
        "en": "You do not have the rights for this",
        "ru": "У вас нет прав на это действие",
        "kk": "Бұл әрекетке құқығыңыз жоқ",
    },
    "bad_option": {
        "en": "{option}: {value} is not offered ({choices})",
        "ru": "{option}: значение {value} не поддерживается ({choices})",
        "kk": "{option}: {value} мәні қолдау көрсетілмейді ({choices})",
    },
    "other_chapter": {
        "en": "from={place} is in chapter {chapter}, not in chapter {asked}: play chapter {chapter} from there",
        "ru": "from={place}: это место в главе {chapter}, а не в главе {asked}; включите главу {chapter} с него",
        "kk": "from={place}: бұл орын {asked}-тарауда емес, {chapter}-тарауда; {chapter}-тарауды сол жерден қосыңыз",
    },
    "brf_six_dots": {
        "en": "BRF holds 6-dot braille only; choose pef or ubrl for 8-dot braille",
        "ru": "BRF содержит только 6-точечный шрифт Брайля; для 8-точечного выберите pef или ubrl",
        "kk": "BRF тек 6 нүктелі Брайль қарпін сақтайды; 8 нүктелі үшін pef немесе ubrl таңдаңыз",
    },
    "braille_untranslated": {
        "en": "{where}: “{char}” ({unicode}) has no braille in {table}; written as “{replacement}”",
        "ru": "{where}: для «{char}» ({unicode}) нет брайлевского знака в {table}; записано как «{replacement}»",
        "kk": "{where}: «{char}» ({unicode}) үшін {table} кестесінде Брайль таңбасы жоқ; «{replacement}» ретінде жазылды",
    },
    "braille_contents": {"en": "Contents", "ru": "Содержание", "kk": "Мазмұны"},
    "braille_written": {
        "en": "written {path}",
        "ru": "записан файл {path}",
        "kk": "{path} файлы жазылды",
    },
    "braille_proof_title": {
        "en": "Braille proof: {title}",
        "ru": "Корректура шрифта Брайля: {title}",
        "kk": "Брайль корректурасы: {title}",
    },
    "braille_proof_block": {"en": "Block", "ru": "Блок", "kk": "Мәтін блогы"},
    "braille_proof_print": {"en": "Print", "ru": "Плоскопечатный текст", "kk": "Баспа мәтіні"},
    "braille_proof_braille": {"en": "Braille", "ru": "Шрифт Брайля", "kk": "Брайль қарпі"},
    "braille_proof_table": {"en": "Language and table", "ru": "Язык и таблица", "kk": "Тіл және кесте"},
    "braille_proof_clean": {
        "en": "No untranslated characters.",
        "ru": "Непереведённых символов нет.",
        "kk": "Аударылмаған таңбалар жоқ.",
    },
    "not_logged_in": {
        "en": "Please log in with your library card number and PIN",
        "ru": "Войдите, указав номер читательского билета и PIN-код",
        "kk": "Оқырман билетінің нөмірі мен PIN-кодты енгізіп кіріңіз",
    },
    "bad_credentials": {
        "en": "The card number (login) or the PIN (password) is wrong",
        "ru": "Неверный номер билета (логин) или PIN-код (пароль)",
        "kk": "Билет нөмірі (логин) немесе PIN-код (құпиясөз) қате",
    },
    "too_many_attempts": {
        "en": "Too many wrong attempts; try again in {minutes} min",
        "ru": "Слишком много неверных попыток; повторите через {minutes} мин",
        "kk": "Қате әрекеттер тым көп; {minutes} минуттан кейін қайталаңыз",
    },
    "cannot_write": {
        "en": "Cannot write to {path} ({reason}): check that the data folder is there, writable and not full, "
        "then retry the job",
        "ru": "Не удаётся записать в {path} ({reason}): проверьте, что папка данных на месте, доступна для записи "
        "и не переполнена, затем повторите задание",
        "kk": "{path} ішіне жазу мүмкін емес ({reason}): деректер қалтасы орнында, жазуға ашық және толмағанын "
        "тексеріп, тапсырманы қайталаңыз",
    },
    "token_scope": {
        "en": "This token opens only feeds, downloads and listening; log in for anything else",
        "ru": "Этот токен открывает только ленты, скачивание и прослушивание; для остального войдите в систему",
        "kk": "Бұл токен тек арналарды, жүктеуді және тыңдауды ашады; басқасы үшін жүйеге кіріңіз",
    },
    "not_found": {
        "en": "{what} not found",
        "ru": "{what}: не найдено",
        "kk": "{what}: табылмады",
    },
    "chapter_not_ready": {
        "en": "Chapter {chapter} is still being prepared: the book is being read. Try again in a moment",
        "ru": "Глава {chapter} ещё готовится: книга сейчас читается. Попробуйте ещё раз через минуту",
        "kk": "{chapter}-тарау әлі дайындалып жатыр: кітап қазір оқылуда. Сәлден кейін қайталап көріңіз",
    },
    "chapter_not_ready_heading": {
        "en": "This chapter is still being prepared",
        "ru": "Эта глава ещё готовится",
        "kk": "Бұл тарау әлі дайындалып жатыр",
    },
    "title_preparing": {
        "en": "This book is still being prepared. Its first chapter can be read now; the other chapters follow in a few moments",
        "ru": "Эта книга ещё готовится. Первую главу можно читать уже сейчас; остальные главы появятся через несколько мгновений",
        "kk": "Бұл кітап әлі дайындалып жатыр. Бірінші тарауын қазір оқуға болады; қалған тараулары сәлден кейін келеді",
    },
    "chapter_preparing": {
        "en": "being prepared",
        "ru": "готовится",
        "kk": "дайындалып жатыр",
    },
    "conflict": {
        "en": "This cannot be done now: it clashes with the current state; look again and retry",
        "ru": "Сейчас это сделать нельзя: это противоречит текущему состоянию; проверьте и повторите",
        "kk": "Мұны қазір істеу мүмкін емес: ағымдағы күйге қайшы келеді; тексеріп, қайталаңыз",
    },
    "already_registered": {
        "en": "{login} is already registered",
        "ru": "{login} уже зарегистрирован",
        "kk": "{login} бұрыннан тіркелген",
    },
    "weak_secret": {
        "en": "{what} must have at least {minimum} characters",
        "ru": "{what}: нужно не меньше {minimum} символов",
        "kk": "{what}: кемінде {minimum} таңба болуы керек",
    },
    "last_admin": {
        "en": "This is the only active administrator; add another one first",
        "ru": "Это единственный действующий администратор; сначала добавьте другого",
        "kk": "Бұл жалғыз белсенді әкімші; алдымен басқасын қосыңыз",
    },
    "secrets_differ": {
        "en": "The two entries differ; nothing was changed",
        "ru": "Два ввода не совпадают; ничего не изменено",
        "kk": "Екі енгізу сәйкес емес; ештеңе өзгертілмеді",
    },
    "label_title": {"en": "Title", "ru": "Название", "kk": "Атауы"},
    "label_authors": {"en": "Authors", "ru": "Авторы", "kk": "Авторлары"},
    "label_format": {"en": "Format", "ru": "Формат", "kk": "Пішімі"},
    "label_languages": {"en": "Languages (blocks)", "ru": "Языки (блоков)", "kk": "Тілдері (блоктар)"},
    "label_counts": {
        "en": "{blocks} blocks, {sentences} sentences, {words} words, {pages} print pages",
        "ru": "{blocks} блоков, {sentences} предложений, {words} слов, {pages} печатных страниц",
        "kk": "{blocks} блок, {sentences} сөйлем, {words} сөз, {pages} баспа беті",
    },
    "label_outline": {"en": "Outline", "ru": "Оглавление", "kk": "Мазмұны"},
    "label_warnings": {"en": "Warnings", "ru": "Предупреждения", "kk": "Ескертулер"},
    "image_without_alt": {
        "en": "image {detail} has no alt text",
        "ru": "у изображения {detail} нет текстового описания",
        "kk": "{detail} суретінің мәтіндік сипаттамасы жоқ",
    },
    "pdf_damaged": {
        "en": "the PDF is partly damaged and some text may be missing ({detail})",
        "ru": "PDF частично повреждён, часть текста может отсутствовать ({detail})",
        "kk": "PDF ішінара бүлінген, мәтіннің бір бөлігі жоқ болуы мүмкін ({detail})",
    },
    "pdf_scanned_pages": {
        "en": "print pages {detail} have no text layer and were read by OCR; please check them",
        "ru": "у печатных страниц {detail} нет текстового слоя, они распознаны OCR; проверьте их",
        "kk": "{detail} баспа беттерінде мәтін қабаты жоқ, олар OCR арқылы танылды; тексеріңіз",
    },
    "note_missing": {
        "en": "note reference {detail} points to no note",
        "ru": "ссылка на примечание {detail} никуда не ведёт",
        "kk": "{detail} ескертпе сілтемесі ешқайда апармайды",
    },
    "terminal_lost": {
        "en": "The braille display is disconnected. Reconnecting.",
        "ru": "Брайлевский дисплей отключён. Переподключаюсь.",
        "kk": "Брайль дисплейі ажыратылды. Қайта қосылып жатырмын.",
    },
    "terminal_where": {
        "en": "{title}. {chapter}. Page {page}. {percent} percent.",
        "ru": "{title}. {chapter}. Страница {page}. {percent} процентов.",
        "kk": "{title}. {chapter}. {page} бет. {percent} пайыз.",
    },
    "terminal_search_prompt": {"en": "Find:", "ru": "Найти:", "kk": "Іздеу:"},
    "terminal_open_prompt": {"en": "Open title:", "ru": "Открыть книгу:", "kk": "Кітапты ашу:"},
    "terminal_not_found": {
        "en": "Not found: {query}",
        "ru": "Не найдено: {query}",
        "kk": "Табылмады: {query}",
    },
    "terminal_speech_on": {"en": "Speech on", "ru": "Речь включена", "kk": "Дауыс қосулы"},
    "terminal_speech_off": {"en": "Speech off", "ru": "Речь выключена", "kk": "Дауыс өшірулі"},
    "terminal_speech_no_device": {
        "en": "Speech off: no sound device; braille goes on, speech starts when one appears",
        "ru": "Речь выключена: нет звукового устройства; Брайль работает, речь начнётся, когда оно появится",
        "kk": "Дауыс өшірулі: дыбыс құрылғысы жоқ; Брайль жұмыс істейді, құрылғы пайда болғанда дауыс қосылады",
    },
    "terminal_speech_device_found": {
        "en": "Speech on: a sound device was found",
        "ru": "Речь включена: найдено звуковое устройство",
        "kk": "Дауыс қосулы: дыбыс құрылғысы табылды",
    },
    "terminal_rate": {
        "en": "Rate {rate}",
        "ru": "Скорость {rate}",
        "kk": "Жылдамдық {rate}",
    },
    "terminal_bookmark_set": {"en": "Bookmark set", "ru": "Закладка поставлена", "kk": "Бетбелгі қойылды"},
    "terminal_no_bookmark": {"en": "No bookmark", "ru": "Закладок нет", "kk": "Бетбелгі жоқ"},
    "help_pan": {
        "en": "Pan keys or arrows left and right: move along the line.",
        "ru": "Клавиши прокрутки или стрелки влево и вправо: по строке.",
        "kk": "Жылжыту пернелері немесе солға, оңға бағыттауыштар: жол бойымен.",
    },
    "help_line": {
        "en": "Line up and down, or arrows up and down: previous and next line.",
        "ru": "Строка вверх и вниз, или стрелки вверх и вниз: предыдущая и следующая строка.",
        "kk": "Жол жоғары және төмен, немесе жоғары, төмен бағыттауыштар: алдыңғы және келесі жол.",
    },
    "help_paragraph": {
        "en": "n, N, Page Down, Page Up: next and previous paragraph.",
        "ru": "n, N, Page Down, Page Up: следующий и предыдущий абзац.",
        "kk": "n, N, Page Down, Page Up: келесі және алдыңғы абзац.",
    },
    "help_heading": {
        "en": "h, or dots 1 2 5: next heading; with dot 7: previous heading.",
        "ru": "h, или точки 1 2 5: следующий заголовок; с точкой 7: предыдущий.",
        "kk": "h, немесе 1 2 5 нүктелері: келесі тақырып; 7 нүктемен: алдыңғысы.",
    },
    "help_chapter": {
        "en": "c: next chapter; C: previous chapter.",
        "ru": "c: следующая глава; C: предыдущая глава.",
        "kk": "c: келесі тарау; C: алдыңғы тарау.",
    },
    "help_page": {
        "en": "p: next print page; P: previous print page.",
        "ru": "p: следующая печатная страница; P: предыдущая.",
        "kk": "p: келесі баспа беті; P: алдыңғысы.",
    },
    "help_ends": {
        "en": "t or Home: start of the book; e or End: end of the book.",
        "ru": "t или Home: начало книги; e или End: конец книги.",
        "kk": "t немесе Home: кітаптың басы; e немесе End: кітаптың соңы.",
    },
    "help_route": {
        "en": "Routing key: read the word there and go on from it.",
        "ru": "Клавиша маршрутизации: прочитать слово над ней и читать дальше с него.",
        "kk": "Бағыттау пернесі: сол сөзді оқып, одан әрі жалғастыру.",
    },
    "help_speech": {
        "en": "s: speech on or off.",
        "ru": "s: включить или выключить речь.",
        "kk": "s: дауысты қосу немесе өшіру.",
    },
    "help_rate": {
        "en": "Plus and minus: faster and slower speech.",
        "ru": "Плюс и минус: речь быстрее и медленнее.",
        "kk": "Қосу және алу белгісі: дауыс жылдамырақ және баяуырақ.",
    },
    "help_bookmarks": {
        "en": "m: set a bookmark; b: go to the bookmark.",
        "ru": "m: поставить закладку; b: перейти к закладке.",
        "kk": "m: бетбелгі қою; b: бетбелгіге өту.",
    },
    "help_search": {
        "en": "f: search, typed on the braille or PC keyboard, Enter to find; g: find again.",
        "ru": "f: поиск, набор на брайлевской или обычной клавиатуре, Enter: найти; g: искать дальше.",
        "kk": "f: іздеу, брайль немесе компьютер пернетақтасында теріп, Enter: табу; g: қайта іздеу.",
    },
    "help_open": {
        "en": "o: open another title from the catalog, typed like a search.",
        "ru": "o: открыть другую книгу из каталога, название набирается как при поиске.",
        "kk": "o: каталогтан басқа кітапты ашу, атауы іздеудегідей теріледі.",
    },
    "help_where": {
        "en": "w or Home key of the display: where am I.",
        "ru": "w или клавиша Home дисплея: где я.",
        "kk": "w немесе дисплейдің Home пернесі: мен қайдамын.",
    },
    "help_leave": {
        "en": "Help key, Escape or Enter: close help; q: quit.",
        "ru": "Клавиша справки, Escape или Enter: закрыть справку; q: выход.",
        "kk": "Анықтама пернесі, Escape немесе Enter: анықтаманы жабу; q: шығу.",
    },
    "unknown_job": {
        "en": "There is no conversion job {job}",
        "ru": "Задания на преобразование {job} нет",
        "kk": "{job} түрлендіру тапсырмасы жоқ",
    },
    "job_not_failed": {
        "en": "Job {job} is {status}; only a failed job can be retried",
        "ru": "Задание {job} в состоянии «{status}»; повторить можно только задание, завершившееся ошибкой",
        "kk": "{job} тапсырмасы «{status}» күйінде; тек қатемен аяқталған тапсырманы қайталауға болады",
    },
    "job_worker_lost": {
        "en": "the worker doing step {step} stopped {attempts} times; the job was given up",
        "ru": "обработчик, выполнявший шаг {step}, останавливался {attempts} раз; задание прекращено",
        "kk": "{step} қадамын орындаған өңдеуші {attempts} рет тоқтады; тапсырма тоқтатылды",
    },
    "opds_library": {
        "en": "AccessReader library: accessible books",
        "ru": "Библиотека AccessReader: доступные книги",
        "kk": "AccessReader кітапханасы: қолжетімді кітаптар",
    },
    "opds_new": {
        "en": "Newest titles",
        "ru": "Новые поступления",
        "kk": "Жаңа түскен кітаптар",
    },
    "opds_new_about": {
        "en": "Titles in braille and other accessible formats, newest first",
        "ru": "Книги шрифтом Брайля и в других доступных форматах, сначала новые",
        "kk": "Брайль қарпімен және басқа қолжетімді пішімдердегі кітаптар, алдымен жаңалары",
    },
    "opds_search": {
        "en": "Search: {query}",
        "ru": "Поиск: {query}",
        "kk": "Іздеу: {query}",
    },
    "stage_queued": {
        "en": "Waiting in the queue",
        "ru": "В очереди",
        "kk": "Кезекте",
    },
    "stage_reading": {
        "en": "Reading the book",
        "ru": "Чтение книги",
        "kk": "Кітапты оқу",
    },
    "stage_translating": {
        "en": "Translating into braille",
        "ru": "Перевод в шрифт Брайля",
        "kk": "Брайль қарпіне аудару",
    },
    "stage_writing": {
        "en": "Writing the files",
        "ru": "Запись файлов",
        "kk": "Файлдарды жазу",
    },
    "stage_speaking": {
        "en": "Speaking the chapters for listening",
        "ru": "Озвучивание глав для прослушивания",
        "kk": "Тарауларды тыңдауға арнап дыбыстау",
    },
    "stage_done": {
        "en": "Done",
        "ru": "Готово",
        "kk": "Дайын",
    },
    "stage_failed": {
        "en": "Failed",
        "ru": "Ошибка",
        "kk": "Қате",
    },
    "format_brf": {
        "en": "braille ready file (BRF)",
        "ru": "файл для брайлевского принтера (BRF)",
        "kk": "Брайль принтеріне арналған файл (BRF)",
    },
    "format_pef": {
        "en": "braille in PEF",
        "ru": "шрифт Брайля в формате PEF",
        "kk": "PEF пішіміндегі Брайль қарпі",
    },
    "format_ubrl": {
        "en": "Unicode braille text",
        "ru": "текст шрифтом Брайля в Юникоде",
        "kk": "Юникодтағы Брайль мәтіні",
    },
    "format_mp3": {
        "en": "MP3 audio, one file a chapter (zip)",
        "ru": "аудио MP3, файл на главу (zip)",
        "kk": "MP3 аудио, әр тарауға бір файл (zip)",
    },
    "format_opus": {
        "en": "Opus audio, one file a chapter (zip)",
        "ru": "аудио Opus, файл на главу (zip)",
        "kk": "Opus аудио, әр тарауға бір файл (zip)",
    },
    "format_m4b": {
        "en": "audiobook with chapters (M4B)",
        "ru": "аудиокнига с главами (M4B)",
        "kk": "тараулары бар аудиокітап (M4B)",
    },
    "format_daisy": {
        "en": "DAISY 2.02 talking book (zip)",
        "ru": "говорящая книга DAISY 2.02 (zip)",
        "kk": "DAISY 2.02 сөйлейтін кітабы (zip)",
    },
    "format_epub3": {
        "en": "EPUB 3 with text and audio together",
        "ru": "EPUB 3 с текстом и звуком вместе",
        "kk": "мәтін мен дыбысы бірге EPUB 3",
    },
    "port_busy": {
        "en": "cannot listen on {host}:{port}: {reason}. Stop the program using it, or choose another port with --port",
        "ru": "не удаётся слушать {host}:{port}: {reason}. Остановите программу, которая его занимает, или выберите другой порт с --port",
        "kk": "{host}:{port} тыңдау мүмкін емес: {reason}. Оны алып тұрған бағдарламаны тоқтатыңыз немесе --port арқылы басқа порт таңдаңыз",
    },
    "port_in_use": {
        "en": "the port is busy, another program is listening on it",
        "ru": "порт занят, его слушает другая программа",
        "kk": "порт бос емес, оны басқа бағдарлама тыңдап тұр",
    },
    "cli_serving": {
        "en": "AccessReader is running: open {url}",
        "ru": "AccessReader запущен: откройте {url}",
        "kk": "AccessReader іске қосылды: {url} ашыңыз",
    },
    "cli_imported": {
        "en": "{name}: title #{title}, job {job}",
        "ru": "{name}: книга №{title}, задание {job}",
        "kk": "{name}: №{title} кітап, {job} тапсырмасы",
    },
    "import_known": {
        "en": "{name}: this file is already in the catalog, as a source of title #{title} «{title_name}»; nothing new was added",
        "ru": "{name}: этот файл уже есть в каталоге как источник книги №{title} «{title_name}»; ничего нового не добавлено",
        "kk": "{name}: бұл файл каталогта №{title} «{title_name}» кітабының көзі ретінде бар; жаңа ештеңе қосылмады",
    },
    "import_again": {
        "en": "{name}: this file is already in the catalog as title #{title} «{title_name}», whose conversion failed: converting it again",
        "ru": "{name}: этот файл уже есть в каталоге как книга №{title} «{title_name}», её преобразование не удалось: преобразуем снова",
        "kk": "{name}: бұл файл каталогта №{title} «{title_name}» кітабы ретінде бар, оны түрлендіру сәтсіз болды: қайта түрлендіреміз",
    },
    "job_joined_isbn": {
        "en": "{name} has the ISBN of title #{title} «{title_name}»: added to it as another source, not converted again",
        "ru": "У {name} тот же ISBN, что у книги №{title} «{title_name}»: добавлен к ней как ещё один источник, повторно не преобразуется",
        "kk": "{name} файлының ISBN-і №{title} «{title_name}» кітабынікімен бірдей: оған тағы бір көз ретінде қосылды, қайта түрлендірілмейді",
    },
    "job_joined_id": {
        "en": "{name} has the identifier of title #{title} «{title_name}»: added to it as another source, not converted again",
        "ru": "У {name} тот же идентификатор, что у книги №{title} «{title_name}»: добавлен к ней как ещё один источник, повторно не преобразуется",
        "kk": "{name} файлының идентификаторы №{title} «{title_name}» кітабынікімен бірдей: оған тағы бір көз ретінде қосылды, қайта түрлендірілмейді",
    },
    "job_joined_text": {
        "en": "{name} has the same text as title #{title} «{title_name}»: added to it as another source, not converted again",
        "ru": "В {name} тот же текст, что в книге №{title} «{title_name}»: добавлен к ней как ещё один источник, повторно не преобразуется",
        "kk": "{name} мәтіні №{title} «{title_name}» кітабымен бірдей: оған тағы бір көз ретінде қосылды, қайта түрлендірілмейді",
    },
    "job_joined_title": {
        "en": "{name} has the title, authors and language of title #{title} «{title_name}»: added to it as another source, not converted again (another edition? upload it again as a separate entry)",
        "ru": "У {name} то же название, авторы и язык, что у книги №{title} «{title_name}»: добавлен к ней как ещё один источник, повторно не преобразуется (другое издание? загрузите его снова отдельной записью)",
        "kk": "{name} атауы, авторлары мен тілі №{title} «{title_name}» кітабынікімен бірдей: оған тағы бір көз ретінде қосылды, қайта түрлендірілмейді (басқа басылым ба? оны бөлек жазба ретінде қайта жүктеңіз)",
    },
    "cli_no_jobs": {
        "en": "No jobs.",
        "ru": "Заданий нет.",
        "kk": "Тапсырмалар жоқ.",
    },
    "cli_jobs_header": {
        "en": "JOB  STATUS  STAGE  DONE  LEFT  TITLE  SOURCE",
        "ru": "ЗАДАНИЕ  СОСТОЯНИЕ  ЭТАП  ГОТОВО  ОСТАЛОСЬ  КНИГА  ИСТОЧНИК",
        "kk": "ТАПСЫРМА  КҮЙІ  КЕЗЕҢІ  ДАЙЫН  ҚАЛДЫ  КІТАП  ДЕРЕККӨЗ",
    },
    "cli_first_admin": {
        "en": "No administrator yet: create the first one with {command} people add --role admin LOGIN",
        "ru": "Администратора ещё нет: создайте первого командой {command} people add --role admin ЛОГИН",
        "kk": "Әкімші әлі жоқ: алғашқысын мына пәрменмен жасаңыз: {command} people add --role admin ЛОГИН",
    },
    "cli_new_pin": {
        "en": "New PIN for {login}: ",
        "ru": "Новый PIN-код для {login}: ",
        "kk": "{login} үшін жаңа PIN-код: ",
    },
    "cli_new_password": {
        "en": "New password for {login}: ",
        "ru": "Новый пароль для {login}: ",
        "kk": "{login} үшін жаңа құпиясөз: ",
    },
    "cli_repeat_secret": {
        "en": "Type it again: ",
        "ru": "Введите ещё раз: ",
        "kk": "Қайта теріңіз: ",
    },
    "cli_person_added": {
        "en": "{login}: added as {role}",
        "ru": "{login}: добавлен с ролью {role}",
        "kk": "{login}: {role} рөлімен қосылды",
    },
    "cli_secret_reset": {
        "en": "{login}: the new PIN or password is set; their sessions have ended",
        "ru": "{login}: новый PIN-код или пароль установлен; сеансы завершены",
        "kk": "{login}: жаңа PIN-код немесе құпиясөз орнатылды; сеанстары аяқталды",
    },
    "cli_tokens_revoked": {
        "en": "{login}: tokens revoked: {count}",
        "ru": "{login}: отозвано токенов: {count}",
        "kk": "{login}: кері қайтарылған токендер: {count}",
    },
    "cli_no_people": {
        "en": "Nobody is registered yet.",
        "ru": "Ещё никто не зарегистрирован.",
        "kk": "Әзірге ешкім тіркелмеген.",
    },
    "cli_people_header": {
        "en": "LOGIN  ROLE  NAME  NOTES",
        "ru": "ЛОГИН  РОЛЬ  ИМЯ  ОТМЕТКИ",
        "kk": "ЛОГИН  РӨЛІ  АТЫ  БЕЛГІЛЕР",
    },
    "cli_print_disabled": {
        "en": "print-disabled",
        "ru": "с нарушением восприятия печатного текста",
        "kk": "баспа мәтінін қабылдай алмайды",
    },
    "cli_inactive": {"en": "inactive", "ru": "отключён", "kk": "өшірілген"},
    "cli_no_tokens": {
        "en": "{login} has no tokens.",
        "ru": "У {login} нет токенов.",
        "kk": "{login} токендері жоқ.",
    },
    "cli_token_revoked": {"en": "revoked", "ru": "отозван", "kk": "кері қайтарылған"},
    "cli_token_working": {"en": "working", "ru": "действует", "kk": "жұмыс істейді"},
    "voice_not_offered": {
        "en": "the voice {voice} is not offered for language {language}; choose one of: {choices}",
        "ru": "голос {voice} не предлагается для языка {language}; выберите один из: {choices}",
        "kk": "{language} тілі үшін {voice} дауысы ұсынылмайды; мыналардың бірін таңдаңыз: {choices}",
    },
    "rate_not_offered": {
        "en": "the speech rate {value} is not offered; choose {low} to {high} words per minute",
        "ru": "скорость речи {value} не поддерживается; выберите от {low} до {high} слов в минуту",
        "kk": "{value} сөйлеу жылдамдығы қолдау көрсетілмейді; минутына {low}–{high} сөз аралығын таңдаңыз",
    },
    "unknown_voice": {
        "en": "speech voice or setting {voice} is not available: {detail}",
        "ru": "голос или настройка речи {voice} недоступны: {detail}",
        "kk": "{voice} дауысы немесе сөйлеу баптауы қолжетімсіз: {detail}",
    },
    "audio_failed": {
        "en": "audio encoding with {program} failed: {detail}",
        "ru": "не удалось закодировать звук программой {program}: {detail}",
        "kk": "{program} бағдарламасымен дыбысты кодтау сәтсіз аяқталды: {detail}",
    },
    "cli_audio_made": {
        "en": "{title}: {chapters} chapters spoken, {minutes} minutes, ready to stream",
        "ru": "{title}: озвучено глав: {chapters}, {minutes} мин., можно слушать онлайн",
        "kk": "{title}: {chapters} тарау дыбысталды, {minutes} минут, онлайн тыңдауға дайын",
    },
    # Hardening (issue 12): nesting, the reading budget, damaged ZIP members, a full disk.
    "too_deeply_nested": {
        "en": "{name}: the book is nested more than {limit} levels deep and cannot be read without losing text",
        "ru": "{name}: вложенность книги глубже {limit} уровней, её нельзя прочитать без потери текста",
        "kk": "{name}: кітаптың ішкі деңгейлері {limit}-ден терең, оны мәтінін жоғалтпай оқу мүмкін емес",
    },
    "reading_too_long": {
        "en": "{name}: the book took too long to read (over {limit} s) and was refused",
        "ru": "{name}: книга читалась слишком долго (больше {limit} с) и отклонена",
        "kk": "{name}: кітапты оқу тым ұзаққа созылды ({limit} с-тан астам), қабылданбады",
    },
    "reading_too_big": {
        "en": "{name}: the book needed too much memory to read (over {limit}) and was refused",
        "ru": "{name}: для чтения книги нужно слишком много памяти (больше {limit}), она отклонена",
        "kk": "{name}: кітапты оқуға тым көп жад қажет ({limit}-тан астам), қабылданбады",
    },
    "disk_full": {
        "en": "The disk is full: no space left to write {path}",
        "ru": "Диск заполнен: нет места для записи {path}",
        "kk": "Диск толы: {path} жазуға орын жоқ",
    },
}


def translate(code: str, lang: str = "en", **params: object) -> str:
    """The message ``code`` in ``lang`` with ``params`` filled in.

    Unknown codes and languages fall back to English; a missing parameter is
    shown as its name rather than raising.
    """
    texts = MESSAGES.get(code) or MESSAGES["error"]
    template = texts.get(lang) or texts["en"]
    return template.format_map(_Defaulting(params))


def interface_language(explicit: str | None = None) -> str:
    """The user's language: ``explicit`` if given, else from LC_ALL/LC_MESSAGES/LANG, else en."""
    candidates = [explicit] if explicit else []
    candidates += [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    for value in candidates:
        code = (value or "").split(":")[0].split(".")[0].split("_")[0].split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return key
