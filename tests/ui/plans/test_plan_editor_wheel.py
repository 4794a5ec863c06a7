"""The mouse wheel over the plan editor scrolls the page: a spin box or drop-down list the wheel
passes over keeps its value unless the officer has clicked into it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QScrollArea


def _wheel(window, widget, steps: int) -> None:  # noqa: ANN001
    """Real wheel notches over the middle of `widget`, delivered by the window system as a mouse does."""
    pos = widget.mapTo(window, widget.rect().center())
    for _ in range(abs(steps)):
        QTest.wheelEvent(window.windowHandle(), pos, QPoint(0, -120 if steps > 0 else 120))
    QTest.qWait(20)


def _editor_page(window, qtbot):  # noqa: ANN001
    window.resize(1366, 728)
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(window.plans_tab)).center())
    editor = window.plans_tab.editor
    scroll = editor.findChild(QScrollArea)
    qtbot.wait(50)
    assert scroll.verticalScrollBar().maximum() > 0, "the editor fits without scrolling at this size"
    return editor, scroll


def test_the_wheel_over_an_unfocused_period_or_status_scrolls_the_page(window, qtbot) -> None:
    editor, scroll = _editor_page(window, qtbot)
    window.plans_tab.view.setFocus()
    for field in (editor.period_start, editor.period_end, editor.status):
        scroll.ensureWidgetVisible(field, 0, 80)
        qtbot.wait(20)
        assert not field.hasFocus()
        before = field.value() if isinstance(field, QAbstractSpinBox) else field.currentIndex()
        top = scroll.verticalScrollBar().value()
        _wheel(window, field, 1)
        after = field.value() if isinstance(field, QAbstractSpinBox) else field.currentIndex()
        assert after == before, f"the wheel changed {field.objectName() or type(field).__name__} while scrolling"
        assert scroll.verticalScrollBar().value() > top, "the page did not scroll"
    assert not editor.dirty


def test_a_clicked_spin_box_still_takes_the_wheel(window, qtbot) -> None:
    editor, scroll = _editor_page(window, qtbot)
    scroll.ensureWidgetVisible(editor.period_end, 0, 80)
    qtbot.wait(20)
    editor.period_end.setFocus(Qt.FocusReason.MouseFocusReason)
    assert editor.period_end.hasFocus()
    year = editor.period_end.value()
    _wheel(window, editor.period_end, -1)  # up: one year later
    assert editor.period_end.value() == year + 1
    assert isinstance(editor.status, QComboBox)


def test_every_spin_box_and_list_of_the_editor_passes_the_wheel_on(window, qtbot) -> None:
    """The editor names its spin boxes and drop-down lists to the wheel guard instead of searching
    its widgets for them: each one it holds, found here by search, must be among them."""
    editor, scroll = _editor_page(window, qtbot)
    window.plans_tab.view.setFocus()
    fields = editor.findChildren(QAbstractSpinBox) + editor.findChildren(QComboBox)
    assert len(fields) >= 3
    for field in fields:
        scroll.ensureWidgetVisible(field, 0, 80)
        qtbot.wait(20)
        before = field.value() if isinstance(field, QAbstractSpinBox) else field.currentIndex()
        _wheel(window, field, 1)
        after = field.value() if isinstance(field, QAbstractSpinBox) else field.currentIndex()
        assert after == before, f"the wheel changed {type(field).__name__} while scrolling"
        assert not field.hasFocus()
    assert not editor.dirty
