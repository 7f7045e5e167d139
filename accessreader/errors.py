"""The failures a user can meet, each with a message in Kazakh, Russian and English.

    AccessReaderError            anything the user should be told about, exit code 2
     ├── BadInput                the file cannot be read as a book
     │    ├── FileNotFound, EmptyFile, UnknownFormat, CorruptFile, EncryptedFile,
     │    │   ScannedPdf, UnsafeXml, ArchiveBomb, FileTooLarge, UnknownEncoding
     ├── MissingDependency       a braille table, voice or program is not installed
     └── NotAllowed              a request without rights (the service turns it into 403)

The CLI prints ``error.message(lang)`` on one line and exits with ``error.exit_code``;
the service answers with the same text.  Anything not in this tree is a bug.
"""

from __future__ import annotations

from .messages import translate


class AccessReaderError(Exception):
    """A failure the user should be told about in their own language."""

    code = "error"
    exit_code = 2

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The one-line message in ``lang`` (kk, ru or en; en for anything else)."""
        return translate(self.code, lang, **self.params)

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


class MissingDependency(AccessReaderError):
    """A braille table, a voice or an external program is not installed."""

    code = "missing_dependency"


class NotAllowed(AccessReaderError):
    """The request needs rights the caller does not have."""

    code = "not_allowed"


class UnknownVoice(MissingDependency):
    """A speech engine, voice or speech setting that is not available."""

    code = "unknown_voice"


class AudioFailed(AccessReaderError):
    """An audio encoder (LAME, ffmpeg, opusenc) failed on the sound it was given."""

    code = "audio_failed"
