"""Trợ giúp: the user guide shipped with the application, the list of shortcuts read from the
window's own actions, and the keys that switch tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QMainWindow, QMenu, QVBoxLayout, QWidget

from cchc_desktop import APP_NAME
from cchc_desktop.system import paths

# The main window is passed in, typed as the QMainWindow it is, so that this module does not import
# ui.shell.main_window, which imports it.
MainWindow = QMainWindow

GUIDE = "guide/huong-dan.html"
NATIVE = QKeySequence.SequenceFormat.NativeText

# Keys the task table handles itself (not actions): shown with the actions.
TABLE_KEYS = (
    ("Enter", "Mở biểu mẫu của nhiệm vụ"),
    ("F2", "Sửa ô đang chọn ngay trong bảng"),
    ("Esc", "Bỏ sửa ô đang sửa"),
)


def guide_file():  # noqa: ANN201 - Path
    return paths.resources_dir() / GUIDE


def plain(text: str) -> str:
    """A menu text as read: without the accelerator marks and the trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("...").removesuffix("…").strip()


class GuideDialog(QDialog):
    """The Vietnamese user guide, read from the installed package (no network needed)."""

    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        # fetched here, not with the module: PySide6 builds a class's enums when it is first
        # fetched, and the window installs this menu before its first paint
        from PySide6.QtCore import QUrl
        from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser

        super().__init__(parent)
        self.setWindowTitle(f"Hướng dẫn sử dụng – {APP_NAME}")
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        where = QLabel(f"Tệp dữ liệu đang dùng: {database}")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        layout.addWidget(where)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setSource(QUrl.fromLocalFile(str(guide_file())))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def collect_shortcuts(window: MainWindow) -> list[tuple[str, str, str]]:
    """(keys, command, where) for every shortcut of the window: its menus, its own actions,
    each tab's actions and shortcuts (the lazily built tabs are built for this)."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(keys: list[QKeySequence], text: str, where: str) -> None:
        shown = ", ".join(dict.fromkeys(k.toString(NATIVE) for k in keys if not k.isEmpty()))
        if shown and (shown, plain(text)) not in seen:
            seen.add((shown, plain(text)))
            rows.append((shown, plain(text), where))

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{where} → {plain(action.menu().title())}")
            else:
                add(action.shortcuts(), action.text(), where)

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), f"Menu {plain(top.text())}")
    for action in window.actions():
        add(action.shortcuts(), action.text() or action.toolTip(), "Cả cửa sổ")
    tabs = window.tabs
    for i in range(tabs.count()):
        page = tabs.widget(i)
        if hasattr(page, "widget"):  # a tab built when first shown
            page = page.widget()
        where = f"Thẻ {tabs.tabText(i)}"
        for widget in [page, *page.findChildren(QWidget)]:
            for action in widget.actions():
                add(action.shortcuts(), action.text() or action.toolTip(), where)
        for shortcut in page.findChildren(QShortcut):
            add(shortcut.keys(), shortcut.whatsThis() or shortcut.objectName(), where)
        if page is window.tasks_tab:
            for key, text in TABLE_KEYS:
                add([QKeySequence(key)], text, f"{where} (bảng)")
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QTableWidget, QTableWidgetItem

        super().__init__(window)
        self.setWindowTitle(f"Phím tắt – {APP_NAME}")
        self.resize(720, 560)
        rows = collect_shortcuts(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Phím", "Lệnh", "Nơi dùng"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]  # type: ignore[misc]


def switch_tab(window: MainWindow, step: int) -> None:
    tabs = window.tabs
    tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())


def install(window: MainWindow) -> None:
    """Trợ giúp → Hướng dẫn sử dụng (F1), Phím tắt; Ctrl+Tab / Ctrl+Shift+Tab switch tabs."""
    menu = window.help_menu
    guide = QAction("Hướng dẫn sử dụng", window)
    guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    if guide.shortcut().isEmpty():  # platforms without a standard help key
        guide.setShortcut(QKeySequence("F1"))
    guide.triggered.connect(lambda: open_guide(window))
    shortcuts = QAction("Phím tắt", window)
    shortcuts.triggered.connect(lambda: ShortcutsDialog(window).exec())
    menu.addAction(guide)
    menu.addAction(shortcuts)
    menu.addSeparator()
    window.guide_action = guide  # type: ignore[attr-defined]
    window.shortcuts_action = shortcuts  # type: ignore[attr-defined]

    following = QAction("Thẻ sau", window)
    following.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
    following.triggered.connect(lambda: switch_tab(window, 1))
    previous = QAction("Thẻ trước", window)
    previous.setShortcuts([QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+PgUp")])
    previous.triggered.connect(lambda: switch_tab(window, -1))
    for action in (following, previous):
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)


def open_guide(window: MainWindow) -> GuideDialog:
    """Show the guide beside the window (not modal: one reads it while working); F1 again
    brings the same one forward."""
    dialog = getattr(window, "guide_dialog", None)
    if dialog is None:
        dialog = GuideDialog(str(window.store.path) if window.store.path else "cơ sở dữ liệu tạm", window)
        window.guide_dialog = dialog  # type: ignore[attr-defined]
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
