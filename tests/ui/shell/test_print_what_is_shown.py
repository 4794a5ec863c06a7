"""The Tệp print commands print the plan the officer is looking at: on the Nhiệm vụ tab the plan
chosen in its "Kế hoạch:" box, on Báo cáo the one plan reported on, not the one still selected on
the Kế hoạch tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer

from cchc_desktop.store.domain import Plan, Task
from ui.plans.plan_table_model import PlanIdRole

PLAN_B_TASK = "Tuyên truyền thủ tục hành chính trên mạng xã hội Zalo"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def two_plans(window):
    """The demo plan (A) and a second plan (B) with a task of its own."""
    store = window.store
    plan_a = store.plans.list()[0]
    plan_b = store.plans.create(Plan(number="12/KH-UBND", issuer="Ủy ban nhân dân huyện Long Hồ",
                                     title="Tuyên truyền cải cách hành chính năm 2025 của huyện Long Hồ",
                                     period_start=2025))
    store.tasks.create(Task(plan_id=plan_b.id, appendix_id=plan_b.appendices[0].id, content=PLAN_B_TASK,
                            time_frame="Quý I/2025"))
    window.controller.notify("plans", "tasks")
    return plan_a, plan_b


def _select_plan_row(person, window, plan_id: int) -> None:
    view = window.plans_tab.view
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 0).data(PlanIdRole) == plan_id)
    person.click(view.viewport(), view.visualRect(view.model().index(row, 1)).center())
    assert window.plans_tab.current_plan_id() == plan_id


@pytest.mark.parametrize("modifiers, expected", [(CTRL, "Phụ lục"), (CTRL_SHIFT, "KẾ HOẠCH")])
def test_print_on_the_tasks_tab_prints_the_plan_chosen_there(window, qtbot, person, two_plans, modifiers, expected):
    plan_a, plan_b = two_plans
    person.click_tab(window, "Kế hoạch")
    _select_plan_row(person, window, int(plan_a.id))  # plan A selected on Kế hoạch
    person.click_tab(window, "Nhiệm vụ")
    person.choose(window.tasks_tab.plan_combo, plan_b.title)  # plan B chosen on Nhiệm vụ
    shown: list[str] = []
    person.read_preview(shown)
    qtbot.keyClick(window.tasks_tab.view, Qt.Key.Key_P, modifiers)
    qtbot.waitUntil(lambda: bool(shown))
    assert expected in shown[0]
    assert ("Zalo" in shown[0]) if modifiers == CTRL else ("huyện Long Hồ" in shown[0])
    assert "3060" not in shown[0] and "Cập nhật công khai TTHC" not in shown[0]  # nothing of plan A

    # back on Kế hoạch, the same keys print the plan selected there
    person.back_to(window)
    person.click_tab(window, "Kế hoạch")
    shown.clear()
    person.read_preview(shown)
    qtbot.keyClick(window.plans_tab.view, Qt.Key.Key_P, modifiers)
    qtbot.waitUntil(lambda: bool(shown))
    assert "Zalo" not in shown[0] and "Long Hồ" not in shown[0]


def test_print_on_the_tasks_tab_with_every_plan_listed_prints_the_selected_tasks_plan(window, qtbot, person,
                                                                                       two_plans):
    _plan_a, plan_b = two_plans
    person.click_tab(window, "Nhiệm vụ")
    tab = window.tasks_tab
    person.choose(tab.plan_combo, "Tất cả kế hoạch")
    task = window.store.tasks.tasks_of_plan(int(plan_b.id))[0]
    person.click(tab.view.viewport(), tab.view.visualRect(tab.model.index(tab.model.row_of_task(int(task.id)), 1)).center())
    shown: list[str] = []
    person.read_preview(shown)
    qtbot.keyClick(tab.view, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: bool(shown))
    assert "Zalo" in shown[0] and "Cập nhật công khai TTHC" not in shown[0]


def test_print_on_the_reports_tab_prints_the_one_plan_reported_on(window, qtbot, person, two_plans):
    _plan_a, plan_b = two_plans
    person.click_tab(window, "Báo cáo")
    chooser = window.reports_tab.plan_chooser

    def tick() -> None:
        menu = chooser.menu()
        if not menu.isVisible():
            QTimer.singleShot(20, tick)
            return
        action = next(a for a in menu.actions() if a.text().startswith(plan_b.number))
        person.click(menu, menu.actionGeometry(action).center())
        qtbot.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(0, tick)
    person.click(chooser)
    assert chooser.selected() == [int(plan_b.id)]
    person.back_to(window)
    shown: list[str] = []
    person.read_preview(shown)
    qtbot.keyClick(chooser, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: bool(shown))
    assert "Zalo" in shown[0] and "Cập nhật công khai TTHC" not in shown[0]
