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
        "en": "{name}: the PDF has no text layer (a scan); it needs OCR",
        "ru": "{name}: в PDF нет текстового слоя (это скан); нужно распознавание текста",
        "kk": "{name}: PDF-те мәтін қабаты жоқ (бұл скан); мәтінді тану қажет",
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
    "note_missing": {
        "en": "note reference {detail} points to no note",
        "ru": "ссылка на примечание {detail} никуда не ведёт",
        "kk": "{detail} ескертпе сілтемесі ешқайда апармайды",
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
