"""The BrlAPI display against a real brltty: the size it reports, dots written, keys read, a lost connection."""

from __future__ import annotations

import time

import brlapi
import pytest

from accessreader.terminal.display import Display, DisplayLost
from tests.brltty_harness import Brltty, VirtualDisplay


def test_size_dots_keys_and_losing_brltty(tmp_path):
    brltty = Brltty(tmp_path / "brltty")
    brltty.start()
    virtual = VirtualDisplay(brltty, 14)
    try:
        virtual.connect()
        display = Display(brltty.host)
        while True:  # brltty takes a moment to bring the display up
            try:
                assert display.connect() == 14
                break
            except DisplayLost:
                time.sleep(0.1)
        display.show("⠁⠃⠉⣿⠀⠙")
        assert virtual.wait_for("⠁⠃⠉⣿⠀⠙") == "⠁⠃⠉⣿⠀⠙"
        display.show("⠁⠃⠉⣿⠀⠙⠑⠋⠛⠓⠊⠚⠅⠇⠍⠝")  # cut to the width
        assert virtual.wait_for(lambda shown: len(shown) == 14) == "⠁⠃⠉⣿⠀⠙⠑⠋⠛⠓⠊⠚⠅⠇"
        virtual.press("LnDn")
        code = None
        while code is None:
            code = display.key(1000)
        assert code == brlapi.KEY_TYPE_CMD | brlapi.KEY_CMD_LNDN
        virtual.close()
        brltty.stop()
        with pytest.raises(DisplayLost):
            for _ in range(50):
                display.key(100)
        assert not display.connected
        with pytest.raises(DisplayLost):
            display.connect()
    finally:
        virtual.close()
        brltty.stop()
