"""The braille display through brltty's BrlAPI: its size, cells out as dots, keys in.

    Display(host) ──connect──▶ BrlAPI (TTY mode)   size = brltty's
        show(cells: Unicode braille) ──writeDots──▶ the display
        key(timeout) ◀── BrlAPI key codes (commands, typed characters)

Any BrlAPI failure (brltty stopped or restarted, display unplugged) becomes
``DisplayLost``; the reader then calls ``connect()`` again until it works.
Cells are written as dots so each block's own braille (Kazakh, Russian,
English from liblouis) reaches the display untouched by brltty's text tables.
"""

from __future__ import annotations

import brlapi


class DisplayLost(Exception):
    """The connection to brltty broke or could not be made."""


class Display:
    """One BrlAPI connection in TTY mode; ``host`` as BrlAPI takes it ("127.0.0.1:1", ":0")."""

    def __init__(self, host: str | None = None) -> None:
        self.host = host
        self.width = 0
        self._connection: brlapi.Connection | None = None
        self._shown: bytes | None = None

    def connect(self) -> int:
        """Open the connection and take the display; the number of cells, or ``DisplayLost``."""
        self.close()
        try:
            connection = brlapi.Connection(self.host.encode() if self.host else None)
            width, height = connection.displaySize
            connection.enterTtyModeWithPath([])
        except (brlapi.ConnectionError, brlapi.OperationError, OSError) as error:
            raise DisplayLost(str(error)) from error
        if width <= 0:
            connection.closeConnection()
            raise DisplayLost("brltty reports no braille display")
        self._connection, self.width, self._shown = connection, width * max(height, 1), None
        return self.width

    @property
    def connected(self) -> bool:
        return self._connection is not None

    def show(self, cells: str) -> None:
        """Write ``cells`` (Unicode braille, cut or padded to the width) as dots; skipped when unchanged."""
        dots = bytes((ord(c) - 0x2800) & 0xFF if "\u2800" <= c <= "\u28ff" else 0 for c in cells[: self.width])
        dots += bytes(self.width - len(dots))
        if dots == self._shown:
            return
        self._call(lambda connection: connection.writeDots(dots))
        self._shown = dots

    def fileno(self) -> int:
        """The connection's file descriptor, readable when keys may be waiting."""
        return self._call(lambda connection: connection.fileDescriptor)

    def key(self, timeout_ms: int) -> int | None:
        """The next key code, waiting up to ``timeout_ms``; ``None`` when none came."""
        return self._call(lambda connection: connection.readKeyWithTimeout(timeout_ms))

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.leaveTtyMode()
                connection.closeConnection()
            except (brlapi.ConnectionError, brlapi.OperationError, OSError):
                pass

    def _call(self, do):
        if self._connection is None:
            raise DisplayLost("not connected")
        try:
            return do(self._connection)
        except (brlapi.ConnectionError, brlapi.OperationError, OSError) as error:
            self._connection = None
            raise DisplayLost(str(error)) from error
