"""The PC keyboard of the terminal, read from the console, as BrlAPI key codes (so ``keys.action`` maps both alike).

    stdin (a terminal in cbreak mode, or any pipe) ──bytes──▶ decode() ──▶ [KEY_SYM_UP, ord("h"), KEY_SYM_UNICODE|ord("қ") …]

Arrows, Home/End, Page Up/Down, F1, Enter, Escape and Backspace arrive as the
escape sequences terminals send; everything else is UTF-8 text.
"""

from __future__ import annotations

import os
import termios
import tty

import brlapi

_SEQUENCES = {
    b"\x1b[A": brlapi.KEY_SYM_UP,
    b"\x1b[B": brlapi.KEY_SYM_DOWN,
    b"\x1b[C": brlapi.KEY_SYM_RIGHT,
    b"\x1b[D": brlapi.KEY_SYM_LEFT,
    b"\x1b[H": brlapi.KEY_SYM_HOME,
    b"\x1b[1~": brlapi.KEY_SYM_HOME,
    b"\x1b[F": brlapi.KEY_SYM_END,
    b"\x1b[4~": brlapi.KEY_SYM_END,
    b"\x1b[5~": brlapi.KEY_SYM_PAGE_UP,
    b"\x1b[6~": brlapi.KEY_SYM_PAGE_DOWN,
    b"\x1bOP": brlapi.KEY_SYM_F1,
    b"\x1b[11~": brlapi.KEY_SYM_F1,
}
_SINGLE = {
    b"\r": brlapi.KEY_SYM_LINEFEED,
    b"\n": brlapi.KEY_SYM_LINEFEED,
    b"\x7f": brlapi.KEY_SYM_BACKSPACE,
    b"\x08": brlapi.KEY_SYM_BACKSPACE,
    b"\x1b": brlapi.KEY_SYM_ESCAPE,
}


def decode(data: bytes) -> list[int]:
    """The key codes in ``data``; an incomplete UTF-8 character at the end is dropped."""
    codes = []
    index = 0
    while index < len(data):
        sequence = next((s for s in _SEQUENCES if data.startswith(s, index)), None)
        if sequence:
            codes.append(_SEQUENCES[sequence])
            index += len(sequence)
            continue
        byte = data[index : index + 1]
        if byte in _SINGLE:
            codes.append(_SINGLE[byte])
            index += 1
            continue
        length = 1 if byte[0] < 0x80 else 2 if byte[0] < 0xE0 else 3 if byte[0] < 0xF0 else 4
        char = data[index : index + length].decode("utf-8", errors="ignore")
        index += length
        if char:
            point = ord(char)
            codes.append(point if point < 0x100 else brlapi.KEY_SYM_UNICODE | point)
    return codes


class PcKeyboard:
    """Keys from file descriptor ``fd`` (the console); a terminal is put in cbreak mode until ``close``."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._saved = None
        if os.isatty(fd):
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)

    def fileno(self) -> int:
        return self.fd

    def read(self) -> list[int]:
        """The key codes waiting (call when ``fd`` is readable); an empty list at end of input."""
        return decode(os.read(self.fd, 256))

    def close(self) -> None:
        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
            self._saved = None
