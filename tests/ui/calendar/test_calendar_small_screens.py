"""The Lịch tab on a 1366×768 laptop at 125 % and 150 % display scaling, and the lunar year it
names in a month that Tết cuts in two."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QStackedWidget, QWidget

from ui.common.forms import FRAME

# 1366×768 at 125 % and 150 %: the screen Qt lays out on, in its (logical) pixels; the
# taskbar takes about 40 physical pixels off the height.
SCALED_SCREENS = {"125%": QSize(1093, 614 - 32), "150%": QSize(911, 512 - 27)}


@pytest.mark.parametrize("scaling", sorted(SCALED_SCREENS))
def test_the_calendar_tab_fits_a_scaled_laptop_screen(qtbot, window, scaling: str) -> None:
    screen = SCALED_SCREENS[scaling]
    window.tabs.setCurrentWidget(window.calendar_lazy)
    qtbot.wait(50)
    # what the tab needs, with the window around it (menu bar, tab bar, status bar, frames);
    # the other tabs answer for their own needs
    tabs = window.tabs
    chrome = window.minimumSizeHint() - tabs.minimumSizeHint()
    chrome += tabs.minimumSizeHint() - tabs.findChild(QStackedWidget).minimumSizeHint()
    needed = window.calendar_tab.minimumSizeHint() + chrome
    room = QSize(screen.width() - FRAME.width(), screen.height() - FRAME.height())
    assert needed.width() <= room.width() and needed.height() <= room.height(), (needed, room)

    # at that size every button and label of the tab shows its whole text
    window.resize(room)
    qtbot.wait(100)
    tab = window.calendar_tab
    cut = [f"{type(w).__name__} {w.text()!r} {w.width()} < {w.sizeHint().width()}"
           for w in tab.findChildren(QWidget)
           if isinstance(w, (QAbstractButton, QLabel)) and w.isVisible() and w.text()
           and not (isinstance(w, QLabel) and w.wordWrap()) and w.width() < w.sizeHint().width() - 1]
    cut += [f"QComboBox {w.currentText()!r}" for w in tab.findChildren(QComboBox)
            if w.isVisible() and w.width() < w.minimumSizeHint().width() - 1]
    assert cut == []
    # the month and the list below it both keep room to be read
    assert tab.month_view.height() >= 150 and tab.agenda_view.height() >= 50, (
        tab.month_view.height(), tab.agenda_view.height())


def test_a_month_cut_by_tet_names_both_lunar_years(qtbot, window) -> None:
    tab = window.calendar_tab
    window.tabs.setCurrentWidget(window.calendar_lazy)
    tab.show_month(2027, 2, select=dt.date(2027, 2, 10))  # Tết Đinh Mùi: Saturday 06/02/2027
    text = tab.lunar_title.text()
    assert "Bính Ngọ" in text and "Đinh Mùi" in text, text
    assert text.index("Bính Ngọ") < text.index("Đinh Mùi") and "06/02" in text, text
    tab.show_month(2027, 3)
    assert "Đinh Mùi" in tab.lunar_title.text() and "Bính Ngọ" not in tab.lunar_title.text()
    tab.show_month(2027, 1)
    assert "Bính Ngọ" in tab.lunar_title.text() and "Đinh Mùi" not in tab.lunar_title.text()
