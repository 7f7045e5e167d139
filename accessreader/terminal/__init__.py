"""The braille terminal reader: a book on a refreshable braille display through brltty, with speech.

display.py   BrlAPI connection: size, dots out, keys in, DisplayLost
buffer.py    the window over the book's braille: rows, panning, moves, routing
loading.py   a book read a part at a time behind its first screen (snapshots)
files.py     a book file as loading reads it, kept finished for its next opening
keys.py      display commands, braille chords and PC keys → actions
pc_keyboard.py  the console keyboard as BrlAPI key codes
speech.py    speech in its own thread, to the sound card or a transcript file
bookmarks.py a reader's bookmarks (positions are in accessreader.service.positions)
reader.py    the loop tying them together
"""
