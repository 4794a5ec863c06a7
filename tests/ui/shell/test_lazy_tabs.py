"""The window paints the tab it opens on without building the others; a tab not built yet is
built, whole, the moment the officer goes to it (a click, a shortcut, a request from another
start or a reminder), or when the window is idle after start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

import ui.shell.main_window
from ui.shell.main_window import SETTINGS_VERSION, MainWindow

DEMO_TASKS = 14


@pytest.fixture
def no_idle_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window is never idle long enough to build the other tabs by itself."""
    monkeypatch.setattr(ui.shell.main_window, "IDLE_BUILD_MS", 600_000)


def _open(qtbot, store, settings: QSettings) -> MainWindow:  # noqa: ANN001
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_only_the_tab_opened_on_is_built_for_the_first_paint(qtbot, demo_store, qsettings, vietnamese_qt,
                                                              no_idle_build) -> None:
    window = _open(qtbot, demo_store, qsettings)
    assert window.tabs.currentIndex() == 0
    assert window.plans_lazy.built and window.plans_tab.view.isVisible()
    assert window.plans_tab.model.rowCount() == 1  # the demo plan is listed
    assert not window.tasks_lazy.built
    assert not window.calendar_lazy.built and not window.reports_lazy.built
    window.close()


def test_the_other_tabs_are_built_when_the_window_is_idle(qtbot, demo_store, qsettings, vietnamese_qt,
                                                          monkeypatch) -> None:
    monkeypatch.setattr(ui.shell.main_window, "IDLE_BUILD_MS", 50)
    window = _open(qtbot, demo_store, qsettings)
    qtbot.waitUntil(lambda: window.tasks_lazy.built, timeout=5000)
    assert window.tabs.currentIndex() == 0  # built behind the tab shown, which stays
    assert not window.reports_lazy.built  # Báo cáo (Qt Charts) still waits to be opened
    window.close()


def test_ctrl_f_goes_to_the_task_list_not_built_yet_and_it_lists_the_tasks(qtbot, demo_store, qsettings,
                                                                            vietnamese_qt, no_idle_build) -> None:
    window = _open(qtbot, demo_store, qsettings)
    assert not window.tasks_lazy.built
    qtbot.keyClick(window.plans_tab.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Nhiệm vụ"
    tab = window.tasks_tab
    assert tab.isVisible() and tab.view.isVisible() and tab.view.viewport().width() > 0
    assert QApplication.focusWidget() is tab.search
    assert tab.model.total_task_count() == DEMO_TASKS
    qtbot.keyClicks(tab.search, "zzzz khong co")
    qtbot.waitUntil(lambda: tab.model.visible_task_count() == 0)
    window.close()


def test_clicking_a_tab_not_built_yet_shows_its_content_at_once(qtbot, demo_store, qsettings, vietnamese_qt,
                                                                no_idle_build, person) -> None:
    window = _open(qtbot, demo_store, qsettings)
    person.click_tab(window, "Nhiệm vụ")
    tab = window.tasks_tab
    assert tab.plan_combo.isVisible() and tab.plan_combo.width() > 0
    assert tab.plan_combo.currentData() == window.store.plans.list()[0].id  # the demo plan chosen
    assert window.tabs.currentWidget() is tab
    window.close()


def test_the_remembered_tab_is_the_one_built_and_painted_first(qtbot, demo_store, qsettings, vietnamese_qt,
                                                               no_idle_build) -> None:
    first = _open(qtbot, demo_store, qsettings)
    first.tabs.setCurrentIndex(1)
    first.tasks_tab.view.setColumnWidth(1, 333)
    first.close()

    second = MainWindow(demo_store, qsettings)
    qtbot.addWidget(second)
    painted: list[str] = []
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(second.tabs.tabText(second.tabs.currentIndex()))
                painted.append("built: " + ", ".join(
                    name for name, page in (("Kế hoạch", second.plans_lazy), ("Nhiệm vụ", second.tasks_lazy))
                    if page.built))
            return False

    watch = Watch()
    second.installEventFilter(watch)
    second.show()
    qtbot.waitUntil(lambda: bool(painted))
    assert painted == ["Nhiệm vụ", "built: Nhiệm vụ"]
    assert second.tasks_tab.view.isVisible() and second.tasks_tab.view.columnWidth(1) == 333
    second.close()


def test_a_tab_not_built_keeps_its_remembered_layout(qtbot, demo_store, qsettings, vietnamese_qt,
                                                     no_idle_build) -> None:
    first = _open(qtbot, demo_store, qsettings)
    first.tabs.setCurrentIndex(1)
    first.tasks_tab.view.setColumnWidth(1, 333)
    first.tabs.setCurrentIndex(0)
    first.close()

    second = _open(qtbot, demo_store, qsettings)  # opens on Kế hoạch and closes: Nhiệm vụ never built
    assert not second.tasks_lazy.built
    second.close()
    assert int(qsettings.value("layout/version", 0)) == SETTINGS_VERSION

    third = _open(qtbot, demo_store, qsettings)
    third.tabs.setCurrentIndex(1)
    assert third.tasks_tab.view.columnWidth(1) == 333
    third.close()


def test_the_plan_to_print_is_known_without_building_the_task_list(qtbot, demo_store, qsettings, vietnamese_qt,
                                                                  no_idle_build) -> None:
    """Which plan a print command means (on Kế hoạch: the one selected) is read without
    building a tab that is not shown."""
    window = _open(qtbot, demo_store, qsettings)
    assert window.plan_in_view() == window.store.plans.list()[0].id
    assert window.appendix_in_view() is None
    assert not window.tasks_lazy.built
    window.close()


def test_first_painted_is_told_once_after_the_window_is_painted(qtbot, demo_store, qsettings, vietnamese_qt,
                                                                no_idle_build) -> None:
    """What waits for the window to be on screen (the reminders, the day's digest and backup)
    starts on `first_painted`: once, and only after the window was painted."""
    window = MainWindow(demo_store, qsettings)
    qtbot.addWidget(window)
    told: list[bool] = []
    window.first_painted.connect(lambda: told.append(window.plans_tab.view.isVisible()))
    window.resize(1300, 800)
    assert told == []
    window.show()
    qtbot.waitUntil(lambda: bool(told))
    window.repaint()
    window.hide()
    window.show()
    qtbot.wait(50)
    assert told == [True]
    window.close()


def test_a_layout_saved_by_an_older_version_is_not_kept_for_a_tab_not_built(qtbot, demo_store, qsettings,
                                                                            vietnamese_qt, no_idle_build) -> None:
    """Settings of an older version (another set of task columns) are not restored; a tab not
    built before closing must not carry them over under the new version's number."""
    first = _open(qtbot, demo_store, qsettings)
    first.tabs.setCurrentIndex(1)
    first.tasks_tab.view.setColumnWidth(1, 333)
    first.tabs.setCurrentIndex(0)
    first.close()
    qsettings.setValue("layout/version", SETTINGS_VERSION - 1)  # as an older version left it

    second = _open(qtbot, demo_store, qsettings)  # Nhiệm vụ never built
    second.close()
    assert qsettings.value("tasks/header") is None
    assert int(qsettings.value("layout/version", 0)) == SETTINGS_VERSION

    third = _open(qtbot, demo_store, qsettings)
    third.tabs.setCurrentIndex(1)
    assert third.tasks_tab.view.columnWidth(1) != 333
    third.close()
