"""The plans a report covers: "Tất cả kế hoạch trong kỳ" or any set of plans, ticked in a menu."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from cchc_desktop.store.domain import Plan

ALL_PLANS = "Tất cả kế hoạch trong kỳ"
NO_NUMBER = "(chưa số)"


def plan_label(plan: Plan) -> str:
    return f"{plan.number or NO_NUMBER} – {plan.title}"


class _StayOpenMenu(QMenu):
    """A menu of check boxes that stays open while the officer ticks several of them."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        action = self.activeAction()
        if action is not None and action.isEnabled() and action.isCheckable():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class PlanChooser(QToolButton):
    """A button whose menu ticks plans; its text says what is chosen ("3 kế hoạch")."""

    selectionChanged = Signal()  # noqa: N815 - Qt naming
    """The set of chosen plans changed (by the officer or by `set_selected`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.menu_ = _StayOpenMenu(self)
        self.menu_.setToolTipsVisible(True)
        self.setMenu(self.menu_)
        self.all_action = QAction(ALL_PLANS, self)  # owned by the button: the menu is cleared on refill
        self.all_action.setCheckable(True)
        self.all_action.setChecked(True)
        self.all_action.triggered.connect(self._all_triggered)
        self._plans: list[Plan] = []
        self._actions: dict[int, QAction] = {}
        self._rebuild()

    # the plans offered ----------------------------------------------------------

    def set_plans(self, plans: Iterable[Plan]) -> None:
        """Offer these plans; a chosen plan that is gone is dropped from the choice."""
        before = self.selected()
        self._plans = [p for p in plans if p.id is not None]
        self._rebuild()
        offered = set(self._actions)
        keep = None if before is None else [i for i in before if i in offered]
        self._apply(keep or None, emit=(keep or None) != before)

    def _rebuild(self) -> None:
        chosen = set(self.selected() or ())
        self.menu_.clear()
        self.menu_.addAction(self.all_action)
        self.menu_.addSeparator()
        self._actions = {}
        for plan in self._plans:
            label = plan_label(plan)
            action = QAction(label if len(label) < 90 else label[:88] + "…", self.menu_)
            action.setCheckable(True)
            action.setChecked(int(plan.id or 0) in chosen)  # type: ignore[arg-type]
            action.setToolTip(label)
            action.setData(int(plan.id))  # type: ignore[arg-type]
            action.triggered.connect(self._plan_triggered)
            self.menu_.addAction(action)
            self._actions[int(plan.id)] = action  # type: ignore[arg-type]

    # the choice ---------------------------------------------------------------

    def selected(self) -> list[int] | None:
        """The chosen plan ids, sorted; None for every plan of the period."""
        if self.all_action.isChecked():
            return None
        ids = sorted(pid for pid, a in self._actions.items() if a.isChecked())
        return ids or None

    def set_selected(self, plan_ids: Sequence[int] | None) -> None:
        """Choose these plans (ids not offered are ignored); None or nothing: every plan."""
        wanted = None if plan_ids is None else sorted({int(i) for i in plan_ids if int(i) in self._actions})
        before = self.selected()
        self._apply(wanted or None, emit=(wanted or None) != before)

    def _apply(self, plan_ids: list[int] | None, *, emit: bool) -> None:
        chosen = set(plan_ids or ())
        self.all_action.setChecked(plan_ids is None)
        for pid, action in self._actions.items():
            action.setChecked(pid in chosen)
        self._update_text()
        if emit:
            self.selectionChanged.emit()

    def _all_triggered(self, _checked: bool = False) -> None:
        # Ticking "all" clears the single plans; unticking it without a plan is not a choice.
        self._apply(None, emit=any(a.isChecked() for a in self._actions.values()))

    def _plan_triggered(self, _checked: bool = False) -> None:
        ids = sorted(pid for pid, a in self._actions.items() if a.isChecked())
        self._apply(ids or None, emit=True)

    def _update_text(self) -> None:
        ids = self.selected()
        if ids is None:
            self.setText(ALL_PLANS)
            self.setToolTip("Mọi kế hoạch có thời gian thực hiện trùng với kỳ báo cáo")
            return
        plans = {int(p.id): p for p in self._plans}  # type: ignore[arg-type]
        if len(ids) == 1:
            plan = plans[ids[0]]
            self.setText(plan.number or f"{NO_NUMBER} {plan.title[:40]}")
        else:
            self.setText(f"{len(ids)} kế hoạch")
        self.setToolTip("\n".join(plan_label(plans[i]) for i in ids))
