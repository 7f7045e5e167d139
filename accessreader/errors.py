"""The failures a user can meet, each with a message in Kazakh, Russian and English.

    AccessReaderError            anything the user should be told about, exit code 2
     ├── BadInput                the file cannot be read as a book
     │    ├── FileNotFound, EmptyFile, UnknownFormat, CorruptFile, EncryptedFile,
     │    │   ScannedPdf, NoTextFound, UnsafeXml, ArchiveBomb, FileTooLarge, UnknownEncoding,
     │    │   TooDeeplyNested
     │    └── ReadingTooLong, ReadingTooBig   one book over the time or memory budget of reading
     ├── DiskFull                no space left where an output or work file is written
     ├── BadOption               an option value that is not offered (a braille grade, a format)
     │    ├── SixDotsOnly        8-dot braille asked for in BRF
     │    ├── VoiceNotOffered    a listener's voice that this machine does not offer for the language
     │    ├── RateNotOffered     a listener's speech rate outside the bounds
     │    ├── OtherChapter       a place to listen from that is in another chapter
     │    └── PortBusy           ``serve`` on an address another program listens on
     ├── MissingDependency       a braille table, voice or program is not installed
     │    └── UnknownVoice       a speech engine, voice or setting that is not available
     ├── AudioFailed             an audio encoder failed
     ├── NotAllowed              a request without rights (the service turns it into 403)
     │    ├── NotLoggedIn          rights need a login first (401)
     │    ├── BadCredentials       wrong login, card number, PIN or password (401)
     │    ├── TooManyAttempts      a login locked after repeated wrong PINs (429)
     │    ├── TokenScope           a feed or app token used for what it does not open (403)
     │    └── LastAdmin            deactivating the only active administrator (403)
     ├── NotFound                no such title, rendition or person (404)
     │    └── UnknownJob         no conversion job has that id
     ├── Conflict                the request clashes with the current state (409)
     │    ├── AlreadyRegistered  a login or card number already in use
     │    └── JobNotFailed       only a failed job can be retried
     └── WeakSecret              a PIN or password too short (422)
          └── SecretsDiffer      the PIN or password typed twice differently

The CLI prints ``error.message(lang)`` on one line and exits with ``error.exit_code``;
the service answers with the same text.  Anything not in this tree is a bug.
"""

from __future__ import annotations

import re

from .messages import translate

_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_MEMORY_FILE = re.compile(r"'?<_io\.BytesIO object at 0x[0-9a-fA-F]+>'?")


class AccessReaderError(Exception):
    """A failure the user should be told about in their own language."""

    code = "error"
    exit_code = 2

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The one-line message in ``lang`` (kk, ru or en; en for anything else).

        A library's detail that spans lines (libxml2 ends its messages with one) is joined into the line,
        and one that names the in-memory copy of the file (``<_io.BytesIO object at 0x…>``) names the file.
        """
        text = _LINE_BREAKS.sub(" ", translate(self.code, lang, **self.params)).strip()
        return _MEMORY_FILE.sub(str(self.params.get("name") or "the file"), text)

    def __reduce__(self) -> tuple:
        """Pickle by parameters, so the error crosses from a worker process intact."""
        return (_rebuild, (type(self), self.params))


def _rebuild(cls: type[AccessReaderError], params: dict[str, object]) -> AccessReaderError:
    return cls(**params)


class BadInput(AccessReaderError):
    """The file cannot be read as a book."""

    code = "bad_input"


class FileNotFound(BadInput):
    """The path names no file."""

    code = "file_not_found"


class EmptyFile(BadInput):
    """The file has no bytes, or no readable text at all."""

    code = "empty_file"


class UnknownFormat(BadInput):
    """The content matches none of the formats AccessReader reads."""

    code = "unknown_format"


class CorruptFile(BadInput):
    """The file claims a format but is broken (truncated ZIP, bad XML, bad PDF)."""

    code = "corrupt_file"


class EncryptedFile(BadInput):
    """A password-protected PDF or an EPUB under DRM."""

    code = "encrypted_file"


class ScannedPdf(BadInput):
    """A PDF with no text layer."""

    code = "scanned_pdf"


class UnsafeXml(BadInput):
    """XML with entity declarations or external references (expansion attacks)."""

    code = "unsafe_xml"


class ArchiveBomb(BadInput):
    """A ZIP whose contents would expand past the limits."""

    code = "archive_bomb"


class FileTooLarge(BadInput):
    """A file over the configured size limit."""

    code = "file_too_large"


class UnknownEncoding(BadInput):
    """A text file whose character encoding cannot be decided."""

    code = "unknown_encoding"


class NoTextFound(BadInput):
    """A scan on which OCR recognised no text at all."""

    code = "no_text_found"


class BadOption(AccessReaderError):
    """An option value that is not offered: a braille grade, a page size, an output format."""

    code = "bad_option"


class PortBusy(BadOption):
    """``serve`` cannot listen: another program has the port (or the address cannot be used)."""

    code = "port_busy"


class VoiceNotOffered(BadOption):
    """A voice a listener chose that is not among the voices offered for the language here."""

    code = "voice_not_offered"


class RateNotOffered(BadOption):
    """A speech rate a listener chose outside the bounds (words per minute)."""

    code = "rate_not_offered"


class OtherChapter(BadOption):
    """A place to start listening (``from=``) that lies in another chapter than the audio asked for."""

    code = "other_chapter"


class SixDotsOnly(BadOption):
    """Eight-dot braille asked for in BRF, which holds six dots only."""

    code = "brf_six_dots"


class MissingDependency(AccessReaderError):
    """A braille table, a voice or an external program is not installed."""

    code = "missing_dependency"


class NotAllowed(AccessReaderError):
    """The request needs rights the caller does not have."""

    code = "not_allowed"


class NotLoggedIn(NotAllowed):
    """The request needs a login (or a reader's token) and came without one."""

    code = "not_logged_in"


class BadCredentials(NotAllowed):
    """The login, card number, PIN or password is wrong (never saying which)."""

    code = "bad_credentials"


class TooManyAttempts(NotAllowed):
    """A login locked for a while after too many wrong PINs or passwords."""

    code = "too_many_attempts"


class TokenScope(NotAllowed):
    """A reader's token (feeds, listening, an app) used for what it does not open: people, uploads, other tokens…"""

    code = "token_scope"


class NotFound(AccessReaderError):
    """No such title, rendition, person or token."""

    code = "not_found"


class ChapterNotReady(AccessReaderError):
    """A chapter of a title whose book its job is still reading: there in a moment (HTTP 503 with
    ``Retry-After: retry_after`` seconds), not missing."""

    code = "chapter_not_ready"
    retry_after = 2


class Conflict(AccessReaderError):
    """The request cannot be done in the current state of what it names (HTTP 409)."""

    code = "conflict"


class AlreadyRegistered(Conflict):
    """The login or library card number is already in use."""

    code = "already_registered"


class WeakSecret(AccessReaderError):
    """A PIN or password shorter than the rule asks."""

    code = "weak_secret"


class LastAdmin(NotAllowed):
    """The only active administrator cannot be deactivated: nobody could manage people any more."""

    code = "last_admin"


class SecretsDiffer(WeakSecret):
    """A new PIN or password was typed twice, differently."""

    code = "secrets_differ"


class UnknownJob(NotFound):
    """No conversion job has that id."""

    code = "unknown_job"


class JobNotFailed(Conflict):
    """A retry asked for a job that has not failed."""

    code = "job_not_failed"


class UnknownVoice(MissingDependency):
    """A speech engine, voice or speech setting that is not available."""

    code = "unknown_voice"


class AudioFailed(AccessReaderError):
    """An audio encoder (LAME, ffmpeg, opusenc) failed on the sound it was given."""

    code = "audio_failed"


# Hardening (issue 12): nesting, the reading budget, a full disk ------------------------------


class TooDeeplyNested(BadInput):
    """Markup or JSON nested deeper than can be read without losing text."""

    code = "too_deeply_nested"


class ReadingTooLong(BadInput):
    """Reading one book took longer than its time budget (a hostile or pathological file)."""

    code = "reading_too_long"


class ReadingTooBig(BadInput):
    """Reading one book needed more memory than its budget."""

    code = "reading_too_big"


class DiskFull(AccessReaderError):
    """No space left on the disk an output or work file goes to."""

    code = "disk_full"
