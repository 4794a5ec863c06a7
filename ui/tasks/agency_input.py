"""A line edit for a list of agencies, completing the name being typed from the registry.

Completion ignores diacritics ("so noi" offers "Sở Nội vụ") and works on the name being typed,
the last one of the list as the store splits it (`agencies.split_agency_parts`): "Văn phòng HĐND
và UBND huyện" is one office, not "Văn phòng HĐND" and a "UBND huyện" to complete. The list of
suggestions shows only while it offers more than what is typed, so that it never stays open over
the next field after a whole name was typed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from cchc_desktop.text.agencies import split_agency_parts
from cchc_desktop.text.textnorm import fold, matches, sort_key

_LAST_PART = re.compile(r"(.*(?:;|,|\svà\s)\s*)?(.*)$", re.S)


class AgencyLineEdit(QLineEdit):
    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = sorted(dict.fromkeys(names), key=sort_key)
        self._keys = [fold(n) for n in self._names]
        self._key_set = set(self._keys)
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert)
        self.textEdited.connect(self._update_popup)
        self.setPlaceholderText("Gõ tên hoặc tên viết tắt; nhiều cơ quan cách nhau bằng dấu ;")

    def _split(self) -> tuple[str, str]:
        """(what comes before the name being typed, the name being typed)."""
        text = self.text()
        parts = split_agency_parts(text, self._names)
        if parts:
            last = parts[-1][1]
            at = text.rfind(last)
            if at >= 0:
                if text[at + len(last):].strip():  # a separator typed after the last name: a new one starts
                    return text, ""
                return text[:at], text[at:]
        m = _LAST_PART.match(text)
        return ((m.group(1) or ""), (m.group(2) or "")) if m else ("", text)

    def _update_popup(self, _text: str) -> None:
        _, tail = self._split()
        key = fold(tail)
        if len(key) < 2 or key in self._key_set:  # too short, or a whole name already
            self._completer.popup().hide()
            return
        hits = [n for n, k in zip(self._names, self._keys, strict=True) if matches(key, k)][:30]
        if not hits:
            self._completer.popup().hide()
            return
        self._model.setStringList(hits)
        self._completer.complete()

    def _insert(self, name: str) -> None:
        head, _ = self._split()
        self.setText(head + name)


__all__ = ["AgencyLineEdit"]
