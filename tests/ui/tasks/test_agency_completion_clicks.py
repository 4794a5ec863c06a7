"""Agency completion in the task form: a lead typed in full stays exactly as typed when the
officer then clicks into the next field, even where the list of suggestions was drawn over it;
suggestions are still there for a name being typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

LEAD = "Văn phòng HĐND và UBND huyện"


def _click_where_a_person_sees(qtbot, lead, target) -> None:
    """Click the middle of `target` as a person does: if the suggestion list of `lead` is drawn
    over that spot, the click lands in the list."""
    popup = lead._completer.popup()
    spot = target.mapToGlobal(target.rect().center())
    if popup.isVisible() and popup.geometry().contains(spot):
        viewport = popup.viewport()
        at = viewport.mapFromGlobal(spot)
        qtbot.mouseMove(viewport, at)
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    else:
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.rect().center())


def _in_new_task_form(window, qtbot, person, work) -> dict:
    """Insert on the Nhiệm vụ tab, then `work(dialog)` in the form; returns what work recorded."""
    seen: dict = {}

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            work(dialog, seen)
        finally:
            person.click(person.button(dialog, "Lưu"))

    window.open_plan_tasks(window.store.plans.list()[0].id)
    QTimer.singleShot(0, run)
    window.tasks_tab.view.setFocus()
    qtbot.keyClick(window.tasks_tab.view, Qt.Key.Key_Insert)
    return seen


def test_a_click_into_the_next_field_keeps_the_lead_as_typed(window, qtbot, person, type_text):
    def work(dialog, seen) -> None:
        type_text(dialog.content, "Họp báo định kỳ về cải cách hành chính")
        dialog.lead.setFocus()
        type_text(dialog.lead, LEAD)
        _click_where_a_person_sees(qtbot, dialog.lead, dialog.partners)
        seen["lead"] = dialog.lead.text()
        type_text(dialog.partners, "Sở Nội vụ")
        _click_where_a_person_sees(qtbot, dialog.partners, dialog.time_frame)
        seen["partners"] = dialog.partners.text()

    seen = _in_new_task_form(window, qtbot, person, work)
    assert seen == {"lead": LEAD, "partners": "Sở Nội vụ"}
    task = next(t for t in window.store.tasks.tasks_of_plan(window.store.plans.list()[0].id)
                if t.content.startswith("Họp báo định kỳ"))
    assert [r.text for r in task.lead] == [LEAD]  # one office, exactly as typed
    assert [r.text for r in task.partners] == ["Sở Nội vụ"]


def test_suggestions_complete_the_name_being_typed(window, qtbot, person, type_text):
    def work(dialog, seen) -> None:
        type_text(dialog.content, "Tuyên truyền trên Cổng thông tin")
        dialog.lead.setFocus()
        type_text(dialog.lead, "Sở Tư pháp; so noi")
        popup = dialog.lead._completer.popup()
        seen["offered"] = popup.isVisible() and "Sở Nội vụ" in dialog.lead._model.stringList()
        row = dialog.lead._model.stringList().index("Sở Nội vụ")
        qtbot.keyClick(popup, Qt.Key.Key_Home)
        for _ in range(row):
            qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        seen["lead"] = dialog.lead.text()
        # a name with a comma inside is completed whole, not from after its comma
        dialog.partners.setFocus()
        type_text(dialog.partners, "Sở Văn hóa, Th")
        seen["partner offers"] = dialog.partners._model.stringList()[:1]

    seen = _in_new_task_form(window, qtbot, person, work)
    assert seen["offered"] is True
    assert seen["lead"] == "Sở Tư pháp; Sở Nội vụ"
    assert seen["partner offers"] == ["Sở Văn hóa, Thể thao và Du lịch"]
