"""HTTP byte ranges read strictly (RFC 9110 §14), so what is served and what is audited agree.

    requested(header, size) ──▶ [(start, end)] ranges to serve (end exclusive), [] for the whole
                                file, None when none can be served (416)
    starts(ranges)          ──▶ whether the answer begins the audio: the whole file or byte 0
    RangedFile(path, …)     FileResponse that serves exactly ``requested``'s ranges

    Range: bytes=0-          [(0, size)]              a stream from the start
    Range: bytes=00-         [(0, size)]              the same ("00" is the number 0)
    Range: bytes=-99999999   [(0, size)]              a suffix longer than the file: all of it
    Range: bytes=100-,0-99   [(0, size)]              overlapping ranges, merged
    Range: bytes=500-        [(500, size)]            a seek
    Range: bytes=5-1, x=0-   []                       invalid or another unit: ignored, whole file (200)
    Range: bytes=<past end>  None                     416

A header that breaks the grammar is ignored, as the RFC says, and the whole file is
served; so it must be audited like any other whole file.  More than ``MAX_RANGES``
ranges are ignored as well (a cheap way to make a server do much work).
"""

from __future__ import annotations

import re

from starlette.responses import FileResponse, RangeNotSatisfiable

MAX_RANGES = 20
_SPEC = re.compile(r"([0-9]+)-([0-9]*)|-([0-9]+)", re.ASCII)


def requested(header: str, size: int) -> list[tuple[int, int]] | None:
    """The ranges a ``Range`` header asks of ``size`` bytes, merged and in order (see the module's table)."""
    unit, equals, specs = header.partition("=")
    if not equals or unit.lower() != "bytes":
        return []
    parts = [part.strip(" \t") for part in specs.split(",")]
    parts = [part for part in parts if part]  # empty list elements are allowed and mean nothing (RFC 9110 §5.6.1)
    if not parts or len(parts) > MAX_RANGES:
        return []
    ranges = []
    for part in parts:
        match = _SPEC.fullmatch(part)
        if match is None:
            return []
        first, last, suffix = match.groups()
        if suffix is not None:
            if int(suffix) > 0 and size > 0:
                ranges.append((max(size - int(suffix), 0), size))
            continue
        start = int(first)
        if last and int(last) < start:
            return []  # "bytes=5-1" is not a range at all: the header is invalid
        if start < size:
            ranges.append((start, min(int(last) + 1, size) if last else size))
    if not ranges:
        return None
    merged = [sorted(ranges)[0]]
    for start, end in sorted(ranges)[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def starts(ranges: list[tuple[int, int]]) -> bool:
    """Whether serving ``ranges`` (``requested``'s answer) hands out the start of the file: all of it, or byte 0."""
    return not ranges or ranges[0][0] == 0


class RangedFile(FileResponse):
    """A ``FileResponse`` that reads ``Range`` with ``requested`` (Starlette's own reading is more lenient)."""

    @classmethod
    def _parse_range_header(cls, http_range: str, file_size: int) -> list[tuple[int, int]]:
        ranges = requested(http_range, file_size)
        if ranges is None:
            raise RangeNotSatisfiable(file_size)
        return ranges
