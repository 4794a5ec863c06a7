"""Vietnamese for Qt's own strings (buttons, context menus, file and print dialogs).

Qt ships no Vietnamese catalogue of its widgets, so the application carries one: the Qt
Linguist source `ui/shell/i18n/qt_vi.ts`, compiled with `pyside6-lrelease` to `ui/shell/i18n/qt_vi.qm`
(committed beside it, shipped as package data) and loaded with `QTranslator.load`. Strings
the catalogue does not hold keep Qt's English text. Key names ("Ctrl", "Del", "F2") are
deliberately left out, so shortcuts read as on any keyboard. Qt's own file dialog writes the
dates of files in the system's format ("7 12 2026" where the system has no Vietnamese
locale): its lists get dd/MM/yyyy HH:mm here too.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QFileDialog, QStyledItemDelegate

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
    if not app.property(_FILE_DATES_HOOKED):
        app.setProperty(_FILE_DATES_HOOKED, True)
        app.focusWindowChanged.connect(_window_opened)
    return translator


FILE_DATE_FORMAT = "dd/MM/yyyy HH:mm"
"""How the file dialog writes when a file was last changed."""

DATE_COLUMN = 3  # QFileSystemModel's columns: name, size, type, date modified
_FILE_DATES_HOOKED = "cchcFileDatesHooked"


@cache
def _file_date_delegate() -> type[QStyledItemDelegate]:
    """The delegate that paints the "Ngày sửa" column of Qt's file dialog as dd/MM/yyyy HH:mm,
    made when the first file dialog opens (PySide6 builds the enums of the item-view classes it
    needs when they are fetched, which the window's first paint does without)."""
    from PySide6.QtCore import QFileInfo, QModelIndex
    from PySide6.QtWidgets import QFileSystemModel, QStyledItemDelegate, QStyleOptionViewItem

    class _FileDateDelegate(QStyledItemDelegate):
        def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
            super().initStyleOption(option, index)
            if index.column() == DATE_COLUMN:
                path = index.siblingAtColumn(0).data(QFileSystemModel.Roles.FilePathRole)
                info = QFileInfo(path) if path else None
                if info is not None and info.exists():
                    option.text = info.lastModified().toString(FILE_DATE_FORMAT)

    return _FileDateDelegate


def vietnamese_file_dates(dialog: QFileDialog) -> None:
    """Dates in the file lists of Qt's own file dialog as offices write them (a native dialog,
    as on Windows, shows the system's own)."""
    from PySide6.QtWidgets import QAbstractItemView

    delegate = _file_date_delegate()
    for view in dialog.findChildren(QAbstractItemView):
        if view.objectName() in ("listView", "treeView") and not isinstance(view.itemDelegate(), delegate):
            view.setItemDelegate(delegate(view))


def _window_opened(_window: QWindow | None) -> None:
    """A window took the focus: a file dialog that just opened gets its dates."""
    for widget in QApplication.topLevelWidgets():
        if widget.inherits("QFileDialog") and widget.isVisible():  # by name: no Qt class fetched before one opens
            vietnamese_file_dates(widget)
