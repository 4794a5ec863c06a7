"""A line edit for a list of agencies, completing the name being typed from the registry.

Completion ignores diacritics ("so noi" offers "Sở Nội vụ") and works on the part after
the last separator, so that several agencies can be typed in one field.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from cchc_desktop.text.textnorm import fold, matches, sort_key

_LAST_PART = re.compile(r"(.*(?:;|,|\svà\s)\s*)?(.*)$", re.S)


class AgencyLineEdit(QLineEdit):
    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = sorted(dict.fromkeys(names), key=sort_key)
        self._keys = [fold(n) for n in self._names]
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert)
        self.textEdited.connect(self._update_popup)
        self.setPlaceholderText("Gõ tên hoặc tên viết tắt; nhiều cơ quan cách nhau bằng dấu ;")

    def _split(self) -> tuple[str, str]:
        m = _LAST_PART.match(self.text())
        head = (m.group(1) or "") if m else ""
        tail = (m.group(2) or "") if m else self.text()
        return head, tail

    def _update_popup(self, _text: str) -> None:
        _, tail = self._split()
        key = fold(tail)
        if len(key) < 2:
            self._completer.popup().hide()
            return
        hits = [n for n, k in zip(self._names, self._keys, strict=True) if matches(key, k)][:30]
        if not hits or (len(hits) == 1 and fold(hits[0]) == key):
            self._completer.popup().hide()
            return
        self._model.setStringList(hits)
        self._completer.complete()

    def _insert(self, name: str) -> None:
        head, _ = self._split()
        self.setText(head + name)


__all__ = ["AgencyLineEdit"]
