"""A module that loads on first use, for what the editor needs only once the user acts.

The model's edit functions (`flowedit.model.editing`, `flowedit.model.operations`) serve every
command and gesture, but none of them draws the first picture of a file: named through a
`LazyModule`, they load with the first edit instead of before the first paint (issue 13)."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for the module `name`, imported when an attribute is first asked of it."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<LazyModule {self._name} ({'loaded' if self._module else 'not loaded'})>"


#: The model's edits, shared by the editor, its gestures and its menus.
editing = LazyModule("flowedit.model.editing")
operations = LazyModule("flowedit.model.operations")
