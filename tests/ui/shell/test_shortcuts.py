"""Every keyboard shortcut of the main window does one thing: Qt ignores a key that two actions
active at the same time both hold ("Ambiguous shortcut overload"), so the key does nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def _scope(action: QAction) -> QWidget | None:
    """The widget within which the shortcut works; None: the whole window."""
    if action.shortcutContext() in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
        return None
    parent = action.parent()
    return parent if isinstance(parent, QWidget) else None


def _overlap(a: QWidget | None, b: QWidget | None) -> bool:
    """Whether two scopes can be active at once (one is the window, or one contains the other)."""
    return a is None or b is None or a is b or a.isAncestorOf(b) or b.isAncestorOf(a)


def test_every_shortcut_of_the_window_is_unique(window):
    window.tabs.setCurrentIndex(1)  # the tabs are built when first shown
    window.tabs.setCurrentIndex(2)
    window.tabs.setCurrentIndex(3)
    window.tabs.setCurrentIndex(0)
    bound: list[tuple[str, str, QWidget | None]] = []
    clashes = []
    for action in window.findChildren(QAction):
        keys = [k.toString() for k in action.shortcuts() if not k.isEmpty()]
        if len(keys) != len(set(keys)):
            clashes.append(f"«{action.text()}» holds a key twice: {keys}")
        scope = _scope(action)
        for key in dict.fromkeys(keys):
            for other_text, other_key, other_scope in bound:
                if other_key == key and _overlap(scope, other_scope):
                    clashes.append(f"{key}: «{other_text}» and «{action.text()}»")
            bound.append((action.text(), key, scope))
    assert len(bound) > 20  # the window's menus and both tabs' actions were seen
    assert clashes == []


def test_ctrl_y_redoes_what_ctrl_z_undid(window, qtbot, confirmations):
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    before = len(window.store.tasks.rows(plan_id=tab.plan_in_view()))
    group_row = next(r for r in range(tab.model.rowCount()) if tab.model.task_at(r) is not None)
    tab.view.setCurrentIndex(tab.model.index(group_row, 1))
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)  # the confirmation is answered by the fixture
    assert len(window.store.tasks.rows(plan_id=tab.plan_in_view())) == before - 1
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.store.tasks.rows(plan_id=tab.plan_in_view())) == before
    qtbot.keyClick(tab.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(window.store.tasks.rows(plan_id=tab.plan_in_view())) == before - 1
    assert window.redo_action.shortcuts()[0] == QKeySequence("Ctrl+Y")
