"""Vietnamese for Qt's own strings (buttons, context menus, file and print dialogs).

Qt ships no Vietnamese catalogue of its widgets, so the application carries one: the Qt
Linguist source `ui/shell/i18n/qt_vi.ts`, compiled with `pyside6-lrelease` to `ui/shell/i18n/qt_vi.qm`
(committed beside it, shipped as package data) and loaded with `QTranslator.load`. Strings
the catalogue does not hold keep Qt's English text. Key names ("Ctrl", "Del", "F2") are
deliberately left out, so shortcuts read as on any keyboard.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator

CATALOGUE_DIR = Path(__file__).resolve().parent / "i18n"
CATALOGUE = CATALOGUE_DIR / "qt_vi.qm"


def install_vietnamese(app) -> QTranslator:  # noqa: ANN001 - QApplication
    """vi_VN locale for dates, numbers, calendars; Vietnamese Qt strings from the catalogue."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = QTranslator(app)
    if translator.load(CATALOGUE.name, str(CATALOGUE_DIR)):
        app.installTranslator(translator)
    else:  # a damaged install: Qt's English is better than no window
        sys.stderr.write(f"Không đọc được bản dịch tiếng Việt của Qt: {CATALOGUE}\n")
    return translator
