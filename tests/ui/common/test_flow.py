"""Rows of buttons and choices that wrap onto the next line on a narrow window (a 1366×768 screen
scaled to 150 % leaves about 911 px): every button whole and inside the window, none overlapping."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPushButton, QWidget

from ui.common.flow import FlowLayout, labelled


def _shown(qtbot, widget: QWidget, width: int) -> None:  # noqa: ANN001
    qtbot.addWidget(widget)
    widget.resize(width, widget.heightForWidth(width) if widget.hasHeightForWidth() else 100)
    widget.show()
    qtbot.waitExposed(widget)


def test_a_row_wraps_and_keeps_every_button_whole(qtbot) -> None:
    holder = QWidget()
    flow = FlowLayout(holder)
    buttons = [QPushButton(f"Nút số {i} khá dài") for i in range(8)]
    for b in buttons:
        flow.addWidget(b)
    widest = max(b.sizeHint().width() for b in buttons)
    one_line = flow.sizeHint().width()
    # the narrowest it may be is its widest button, not the whole row
    assert flow.minimumSize().width() == widest < one_line

    _shown(qtbot, holder, one_line + 10)
    assert len({b.geometry().top() for b in buttons}) == 1

    holder.resize(one_line // 2, flow.heightForWidth(one_line // 2))
    qtbot.wait(20)
    assert len({b.geometry().top() for b in buttons}) >= 2
    for b in buttons:
        assert b.width() >= b.sizeHint().width()
        assert holder.rect().contains(b.geometry())
    for i, a in enumerate(buttons):
        for b in buttons[i + 1:]:
            assert not a.geometry().intersects(b.geometry())
    # the wrapped row asks for the height of its lines
    assert flow.heightForWidth(one_line // 2) > flow.heightForWidth(one_line + 10)


def test_a_stretching_item_takes_the_rest_of_its_line(qtbot) -> None:
    holder = QWidget()
    flow = FlowLayout(holder)
    text = QLabel("Năm 2026")
    button = QPushButton("Xuất PDF…")
    flow.addWidget(text, stretch=True)
    flow.addWidget(button)
    _shown(qtbot, holder, 600)
    assert text.width() > text.sizeHint().width()
    assert button.geometry().right() >= 600 - 2


def test_a_label_names_its_field(qtbot) -> None:
    field = QPushButton("…")
    pair = labelled("Từ ngày:", field)
    qtbot.addWidget(pair)
    assert pair.findChild(QLabel).buddy() is field


def _cut_or_outside(tab: QWidget) -> list[str]:
    found = []
    for w in tab.findChildren(QAbstractButton) + tab.findChildren(QLabel):
        if not w.isVisible() or not w.text().strip() or (isinstance(w, QLabel) and w.wordWrap()):
            continue
        if isinstance(w.parentWidget(), QLineEdit):
            continue  # a date field's calendar button: Qt sizes it to its icon
        if w.width() < w.sizeHint().width() - 1:
            found.append(f"{w.text()!r} cut off: {w.width()} of {w.sizeHint().width()} px")
        if not tab.rect().contains(w.mapTo(tab, w.rect().center())):
            found.append(f"{w.text()!r} outside the tab")
    return found


def test_tasks_and_reports_fit_a_window_900_px_wide(window, qtbot) -> None:
    """At 150 % a 1366×768 screen is 911 px wide: the window may be that narrow, and the Nhiệm vụ
    toolbar and the Báo cáo choices and commands are then whole, on two lines."""
    assert window.minimumSizeHint().width() <= 900
    window.resize(900, 700)
    for name in ("Nhiệm vụ", "Báo cáo"):
        index = next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == name)
        window.tabs.setCurrentIndex(index)
        qtbot.wait(100)
        assert window.width() <= 900
        tab = window.tabs.currentWidget()
        assert _cut_or_outside(tab) == [], name
