"""A Document stored as JSON (what the catalog keeps), read back without re-parsing a source."""

from __future__ import annotations

import json

from ..errors import CorruptFile
from ..model import Document
from .safety import Limits


def read(data: bytes, name: str, limits: Limits) -> Document:
    """The stored Document in ``data``; raises ``CorruptFile`` when it is not one."""
    try:
        return Document.from_json(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CorruptFile(name=name, format="JSON", detail=str(exc)) from exc
