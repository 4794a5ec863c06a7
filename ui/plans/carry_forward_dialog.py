""""Tạo kế hoạch năm sau": preview every changed time frame, then create the plan (undoable)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.errors import CchcError
from cchc_desktop.reporting import carry_forward
from cchc_desktop.store.domain import Plan
from cchc_desktop.text.vnformat import date_table, number
from ui.common import messages
from ui.common.controller import Controller
from ui.common.forms import fit_to_screen


def _dates(days: list) -> str:  # noqa: ANN001
    shown = ", ".join(date_table(d) for d in days[:4])
    return shown + (f" (+{len(days) - 4})" if len(days) > 4 else "") if days else "—"


class CarryForwardDialog(QDialog):
    def __init__(self, carry: carry_forward.CarryForward, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.carry = carry
        self.setWindowTitle("Tạo kế hoạch năm sau")
        fit_to_screen(self, 1000, 560)
        plan = carry.plan
        head = QLabel(
            f"<b>{plan.title}</b> ({plan.period_label}): {number(len(carry.snapshot.tasks))} nhiệm vụ, "
            f"{number(len(carry.changes))} nhiệm vụ đổi năm trong nội dung hoặc thời gian thực hiện, "
            f"{number(carry.unchanged)} giữ nguyên. "
            "Kế hoạch mới là bản dự thảo; số văn bản và ngày ban hành để trống."
        )
        head.setWordWrap(True)
        self.table = QTableWidget(len(carry.changes), 5)
        self.table.setObjectName("carryForwardChanges")
        self.table.setHorizontalHeaderLabels(["Nhiệm vụ", "Thời gian cũ", "Thời gian mới", "Hạn cũ", "Hạn mới"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for r, c in enumerate(carry.changes):
            values = [c.content, c.old_text, c.new_text, _dates(c.old_dates), _dates(c.new_dates)]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if not c.understood and col == 2:
                    item.setToolTip("Chưa xác định lịch: hãy đặt lịch bằng tay sau khi tạo.")
                    item.setForeground(QColor("#b45309"))
                if col == 0 and c.content_changed:
                    item.setText(f"{c.content}\n(trước: {c.old_content})")
                    item.setToolTip(f"Nội dung cũ: {c.old_content}\nNội dung mới: {c.content}")
                    item.setForeground(QColor("#1d4ed8"))
                self.table.setItem(r, col, item)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 170), (2, 170), (3, 150), (4, 150)):
            self.table.setColumnWidth(col, width)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(messages.ok_cancel(self, "Tạo kế hoạch"))


def carry_forward_plan(parent: QWidget, controller: Controller, plan_id: int) -> Plan | None:
    try:
        carry = carry_forward.prepare(controller.store, plan_id)
    except CchcError as exc:
        messages.error(parent, exc.message)
        return None
    dialog = CarryForwardDialog(carry, parent)
    if not dialog.exec():
        return None
    return controller.add_plan(lambda: carry_forward.apply(controller.store, carry), "Tạo kế hoạch năm sau")
