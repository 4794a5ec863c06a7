"""The task form shows where an agency list was split by a guess and lets the officer join the
pieces; the joined name stays whole on the task, also when edited again later."""

from __future__ import annotations

from cchc_desktop.store.domain import Appendix, Plan, Task
from cchc_desktop.store.store import Store
from ui.tasks.task_dialog import TaskDialog


def _store(tmp_path) -> tuple[Store, int]:
    store = Store.open(tmp_path / "j.sqlite3")
    plan = store.plans.create(Plan(number="01/KH-UBND", issuer="UBND huyện", period_start=2025, period_end=2025,
                                   title="Tuyên truyền CCHC", appendices=[Appendix(title="Nhiệm vụ")]))
    return store, int(plan.id)  # type: ignore[arg-type]


def test_a_guessed_split_can_be_joined_and_stays_joined(qtbot, tmp_path) -> None:
    store, pid = _store(tmp_path)
    dialog = TaskDialog(store, Task(plan_id=pid), [])
    qtbot.addWidget(dialog)
    dialog.content.setPlainText("Tập huấn nghiệp vụ")
    dialog.lead.setText("Ban Quản lý dự án, Sở Xây dựng cũ")
    # Split at the comma, and the split is marked as a guess with an offer to join.
    assert not dialog.join_button.isHidden()
    actions = dialog.join_button.menu().actions()
    assert [a.text() for a in actions] == ["Gộp «Ban Quản lý dự án» và «Sở Xây dựng cũ» thành một"]
    assert "| ≈ Sở Xây dựng cũ" in dialog.agency_hint.text()
    actions[0].trigger()
    assert dialog.join_button.isHidden()
    task = store.tasks.create(dialog.task())
    assert [r.text for r in task.lead] == ["Ban Quản lý dự án, Sở Xây dựng cũ"]

    # Opened again and saved with another field changed: still one agency.
    again = TaskDialog(store, task, [])
    qtbot.addWidget(again)
    assert again.join_button.isHidden()
    again.partners.setText("Sở Nội vụ; Sở Tư pháp")
    saved = store.tasks.update(again.task())
    assert [r.text for r in saved.lead] == ["Ban Quản lý dự án, Sở Xây dựng cũ"]
    assert [r.text for r in saved.partners] == ["Sở Nội vụ", "Sở Tư pháp"]


def test_registry_names_and_hard_separators_are_not_guesses(qtbot, tmp_path) -> None:
    store, pid = _store(tmp_path)
    dialog = TaskDialog(store, Task(plan_id=pid), [])
    qtbot.addWidget(dialog)
    dialog.lead.setText("Sở Nội vụ, Sở Tư pháp; Phòng Văn hóa và Thông tin")
    assert dialog.join_button.isHidden()
    assert "✓ Sở Nội vụ" in dialog.agency_hint.text() and "≈ Phòng Văn hóa và Thông tin" in dialog.agency_hint.text()
