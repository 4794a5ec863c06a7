"""The import preview says, per task, which lines it came from and which values were not
written on its own lines (inherited from a heading or a merged cell, or guessed)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.importing import open_import_dialog
from ui.importing.draft_table_model import COLUMNS, DERIVED_CELL

PLAN = """ỦY BAN NHÂN DÂN
HUYỆN MỸ XUYÊN
Số: 27/KH-UBND    Mỹ Xuyên, ngày 30/12/2024

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025

I. NHIỆM VỤ
1. Chuyên mục trên Cổng thông tin điện tử huyện
- Nhiệm vụ: Đăng tin, bài về cải cách thủ tục hành chính.
- Cơ quan chủ trì: Văn phòng HĐND và UBND huyện.
- Thời gian thực hiện: Quý II/2025.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa và Thông tin
- Hướng dẫn các xã treo băng rôn, khẩu hiệu.
III. THỜI GIAN THỰC HIỆN
Năm 2025.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lý Văn Năm
"""


def _col(name: str) -> int:
    return [c for c, _ in COLUMNS].index(name)


def test_assignments_tab_marks_inherited_values_and_saves_when_ticked(window, qtbot) -> None:
    dialog = open_import_dialog(window, text=PLAN, modal=False)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1  # the labelled task; the agency's duty is offered apart
    assert not dialog.result.tasks[0].derived
    written = dialog.model.data(dialog.model.index(0, _col("lead")), Qt.ItemDataRole.BackgroundRole)
    assert written is None or written.color() != DERIVED_CELL
    model = dialog.assignment_model
    assert model.rowCount() == 1
    assert dialog.tabs.tabText(dialog.tabs.count() - 1) == "Phân công thực hiện (1)"
    lead, when = model.index(0, _col("lead")), model.index(0, _col("time_frame"))
    assert model.data(lead) == "Phòng Văn hóa và Thông tin" and model.data(when) == "Năm 2025"
    for index in (lead, when):
        assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == DERIVED_CELL
        assert model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert "kế thừa từ tiêu đề «Phòng Văn hóa và Thông tin»" in model.data(lead, Qt.ItemDataRole.ToolTipRole)
    assert "thời gian thực hiện chung" in model.data(when, Qt.ItemDataRole.ToolTipRole)
    # the lines it came from: the agency heading and the duty's own line
    assert model.data(model.index(0, _col("source"))) == "14–15"
    # offered, not ticked; ticked, it is saved with the plan
    assert model.data(model.index(0, _col("include")), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.setData(model.index(0, _col("include")), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(dialog.saved, timeout=3000) as saved:
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    tasks = window.store.tasks.tasks_of_plan(saved.args[0])
    assert [t.time_frame for t in tasks] == ["Quý II/2025", "Năm 2025"]
