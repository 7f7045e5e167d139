"""A package's public names imported when first used (PEP 562's module ``__getattr__``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def names(package: str, modules: dict[str, str]) -> Callable[[str], object]:
    """The ``__getattr__`` of ``package`` whose names ``modules`` maps to their (relative) modules."""

    def get(name: str) -> object:
        if name not in modules:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(modules[name], package), name)
        vars(importlib.import_module(package))[name] = value
        return value

    return get
