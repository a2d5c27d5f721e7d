"""Errors of the entries store: each carries a Swedish and an English sentence."""

from __future__ import annotations


class EntryError(Exception):
    """A change the store will not make; `sv` and `en` say why in plain words."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(f"{sv} / {en}")
        self.sv = sv
        self.en = en

    def message(self, lang: str) -> str:
        """Return the sentence in the given language ('sv' or 'en')."""
        return self.en if lang == "en" else self.sv


class RefusedError(EntryError):
    """The change would replace a figure printed in the report, or the value is not allowed."""


class ConflictError(EntryError):
    """Someone else changed the figure first; `current` holds the figure as it is now (or None)."""

    def __init__(self, sv: str, en: str, current: dict | None) -> None:
        super().__init__(sv, en)
        self.current = current


class StoreUnavailable(EntryError):
    """The entries store cannot be reached (locked by another program, server down)."""
