"""Table model of the task list (Nhiệm vụ tab): appendix rows with Roman-numeral group rows.

The model holds every task of the chosen scope once, with its stored search key, and
shows the subset that passes the filters; group rows (and plan rows when several plans
are shown) are display rows built around the visible tasks. Nothing here runs SQL.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from cchc_desktop.scheduling import schedule
from cchc_desktop.store.domain import Plan, Task, TaskGroup, TaskRow, TaskStatus
from cchc_desktop.store.listed import TaskRows
from cchc_desktop.store.tasks import filter_rows
from cchc_desktop.text.agencies import refs_text as agency_refs_text
from cchc_desktop.text.search import Query, narrows
from cchc_desktop.text.vnformat import roman

COLUMNS = ("stt", "content", "lead", "partners", "time_frame", "due", "output", "funding", "status", "state", "notes")
HEADERS = {
    "stt": "STT",
    "content": "Nội dung",
    "lead": "Cơ quan chủ trì",
    "partners": "Cơ quan phối hợp",
    "time_frame": "Thời gian thực hiện",
    "due": "Hạn",
    "output": "Sản phẩm / chỉ tiêu",
    "funding": "Kinh phí",
    "status": "Trạng thái",
    "state": "Tình trạng hạn",
    "notes": "Ghi chú",
}
EDITABLE = {"content", "lead", "partners", "time_frame", "output", "funding", "status", "notes"}
MIME_TASK_IDS = "application/x-cchc-task-ids"
TaskIdRole = Qt.ItemDataRole.UserRole + 1
RowKindRole = Qt.ItemDataRole.UserRole + 2
GroupIdRole = Qt.ItemDataRole.UserRole + 3

_GROUP_BRUSH = QBrush(QColor("#eef3fb"))
_DONE_BRUSH = QBrush(QColor("#1a7f37"))
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2, Qt.ItemDataRole.UserRole + 3,
})
_PLAN_BRUSH = QBrush(QColor("#dde6f3"))
# item flags by (row kind, editable column), computed once rather than on every paint
_BASE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_TASK_FLAGS = _BASE_FLAGS | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
_GROUP_FLAGS = _BASE_FLAGS | Qt.ItemFlag.ItemIsDropEnabled
_FLAGS = {
    ("task", False): _TASK_FLAGS, ("task", True): _TASK_FLAGS | Qt.ItemFlag.ItemIsEditable,
    ("group", False): _GROUP_FLAGS, ("group", True): _GROUP_FLAGS | Qt.ItemFlag.ItemIsEditable,
    ("plan", False): _BASE_FLAGS, ("plan", True): _BASE_FLAGS,
}
_STATE_BRUSHES = {
    schedule.OVERDUE: QBrush(QColor("#c62828")),
    schedule.DONE_LATE: QBrush(QColor("#9a6700")),
    schedule.DONE_ON_TIME: QBrush(QColor("#1a7f37")),
}
_ATTENTION_BRUSH = QBrush(QColor("#b45309"))
# Filters on what is computed from the schedule (the "Tình trạng" choices of the task list)
SCHEDULE_FILTERS = {
    "overdue": "Quá hạn",
    "unscheduled": "Chưa xác định lịch",
    "open": "Chưa xong (còn hạn)",
    "done": "Đã hoàn thành",
}


def refs_text(task: Task, role: str) -> str:
    """The task's lead ("lead") or partner list as written in the document."""
    return agency_refs_text(task.lead if role == "lead" else task.partners)


@dataclass
class DisplayRow:
    """One line of the task list: a task, a group heading or a plan heading."""
    kind: str  # "task", "group", "plan"
    row: TaskRow | None = None
    group: TaskGroup | None = None
    plan_id: int | None = None
    appendix_id: int | None = None
    label: str = ""
    stt: str = ""


class TaskTableModel(QAbstractTableModel):
    edit_requested = Signal(object, str, object)
    """An in-place edit: (task, column name, new value); the tab turns it into an undoable change."""

    group_rename_requested = Signal(int, str, str)
    """A group row was renamed in place: (group id, old title, new title)."""

    move_requested = Signal(list, object, object)
    """Tasks were dropped: (task ids, target group id or None, id of the task to go before or None)."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._all: Sequence[TaskRow] = []
        self._ids: list[int | None] = []
        self._keys: list[str] = []
        self._groups: dict[int, list[TaskGroup]] = {}
        self._plans: dict[int, Plan] = {}
        self._display: list[int] = []
        self._headers: list[DisplayRow] = []
        self._show_plan_rows = False
        self._show_empty_groups = True
        self._filters: dict[str, Any] = {}
        self._last_filters: dict[str, Any] | None = None
        # a search text and the tasks holding every word of it, the text being the search text
        # or a part of it typed before
        self._holding: tuple[Query, list[int]] | None = None
        self._visible: list[int] = []
        self._meta: list[tuple[int | None, int | None, int | None]] = []
        self._runs: list[tuple[int, int | None, int | None, int | None]] = []
        self._run_starts: list[int] = []
        self._plan_headers: dict[tuple[int | None, int | None], DisplayRow] = {}
        self._group_headers: dict[int | None, DisplayRow] = {}
        self._header_positions: list[int] = []
        self._group_numbers: dict[int | None, str] = {}
        self._group_by_id: dict[int | None, TaskGroup] = {}
        self.due_book: schedule.TaskDueBook | None = None

    # loading and filtering --------------------------------------------------

    def set_data(self, rows: Sequence[TaskRow], groups: dict[int, list[TaskGroup]], plans: dict[int, Plan],
                 *, show_plan_rows: bool) -> None:
        if isinstance(rows, TaskRows):
            # rows made when shown: what every row needs is read without making them
            self._all = rows
            self._keys = rows.search_keys()
            self._ids = rows.task_ids()
            self._meta = rows.places()
        else:
            self._all = list(rows)
            self._keys = [r.search_key for r in self._all]
            self._ids = [r.task.id for r in self._all]
            # what the display rows need of each task, read once per load rather than per keystroke
            self._meta = [(r.task.plan_id, r.task.group_id, r.task.appendix_id) for r in self._all]
        self._group_numbers = {g.id: roman(i + 1) for gs in groups.values() for i, g in enumerate(gs)}
        self._group_by_id = {g.id: g for gs in groups.values() for g in gs}
        # Runs of tasks under one plan and group header (the rows come in printed order):
        # a filtered view is laid out run by run, not task by task.
        self._runs = []
        self._run_starts = []
        last: tuple[int | None, int | None, int | None] | None = None
        for i, m in enumerate(self._meta):
            if m != last:
                self._runs.append((i, *m))
                self._run_starts.append(i)
                last = m
        self._plan_headers: dict[tuple[int | None, int | None], DisplayRow] = {}
        self._group_headers: dict[int | None, DisplayRow] = {}
        self._groups = groups
        self._plans = plans
        self._show_plan_rows = show_plan_rows
        self._last_filters = None
        self._apply()

    def set_filters(self, **filters: Any) -> None:
        self._filters = {k: v for k, v in filters.items() if v not in (None, "")}
        self._apply(keep_if_same=True)

    def is_filtered(self) -> bool:
        return bool(self._filters)

    def _apply(self, *, keep_if_same: bool = False) -> None:
        """Filters the rows again; `keep_if_same`: a filter that leaves the same tasks shown
        (a space typed, a letter more of a word every shown task holds) leaves the view as it
        is, without a reset and a repaint."""
        previous, self._last_filters = self._last_filters, dict(self._filters)
        text, before = Query(self._filters.get("text")), Query((previous or {}).get("text"))
        rest_same = previous is not None and {k: v for k, v in previous.items() if k != "text"} == {
            k: v for k, v in self._filters.items() if k != "text"}
        within: list[int] | None = None
        within_text = ""
        if rest_same and narrows(before.text, text.text):
            # Typing on narrows what was already found: search only the previous matches.
            within, within_text = self._visible, before.text
        elif previous is not None and self._holding is not None and text.text.startswith(self._holding[0].text):
            # A word more after two or more: the tasks found so far will not do (the words of a
            # content may now stand further apart), those holding every word will, found among
            # those holding every word of a text before.
            base_query, base = self._holding
            within = text.holding(self._keys, base, base_query.words)
            within_text = text.text
            self._holding = (text, within)
        computed = self._filters.get("schedule")
        plain = {k: v for k, v in self._filters.items() if k != "schedule"}
        if not plain:
            visible = list(range(len(self._all)))
        else:
            visible = filter_rows(self._all, within=within, within_text=within_text, keys=self._keys, **plain)
        if within is None:
            # a search from the start: a single word's matches are the tasks holding it
            self._holding = (text, visible) if len(text.words) == 1 and plain.keys() == {"text"} else None
        if computed and self.due_book is not None:
            visible = [i for i in visible if self._passes(self._all[i].task, computed)]
        if keep_if_same and previous is not None and bool(previous) == bool(self._filters) and visible == self._visible:
            return
        self.beginResetModel()
        self._visible = visible
        self._display = self._build_display()
        self.endResetModel()

    def set_due_book(self, book: schedule.TaskDueBook | None) -> None:
        """Where the "Hạn" and "Tình trạng hạn" columns come from (recomputed when data changes)."""
        self.due_book = book
        if self._filters.get("schedule"):
            self._last_filters = None
            self._apply()
        elif self._display:
            first, last = COLUMNS.index("due"), COLUMNS.index("state")
            self.dataChanged.emit(self.index(0, first), self.index(len(self._display) - 1, last))

    def task_ids(self) -> list[int]:
        """Every task loaded (shown or filtered out)."""
        return [int(i) for i in self._ids if i is not None]

    def summary(self, task: Task) -> schedule.TaskSummary | None:
        return self.due_book.summary(task) if self.due_book is not None and task.id is not None else None

    def _passes(self, task: Task, computed: str) -> bool:
        s = self.summary(task)
        if s is None:
            return False
        if computed == "overdue":
            return s.state == schedule.OVERDUE
        if computed == "unscheduled":
            return s.needs_attention
        if computed == "open":
            return s.state in (schedule.IN_PROGRESS, schedule.CONTINUOUS)
        if computed == "done":
            return s.state in (schedule.DONE_ON_TIME, schedule.DONE_LATE)
        return True

    def _build_display(self) -> list[int]:
        """Display rows: an index into the tasks (>= 0), or ~k for header row k (plan or group).

        Plain integers keep rebuilding cheap, so that each keystroke in the search box
        re-lays out tens of thousands of rows in a few milliseconds.
        """
        self._headers = []
        self._header_positions = []
        if not self._show_plan_rows and not self._groups:
            return list(self._visible)
        if self._filters or self._show_plan_rows:
            return self._build_display_by_runs()
        out: list[int] = []
        append = out.append
        headers = self._headers
        show_empty = not self._filters and not self._show_plan_rows
        group_numbers = self._group_numbers
        group_by_id = self._group_by_id
        meta = self._meta
        shown_groups: set[int | None] = set()
        last_plan: int | None = -1
        last_group: tuple[int | None, int | None] | None = None
        show_plans = self._show_plan_rows
        for i in self._visible:
            plan_id, gid, appendix_id = meta[i]
            if show_plans and plan_id != last_plan:
                plan = self._plans.get(plan_id or 0)
                label = f"{plan.number} – {plan.title}" if plan and plan.number else (plan.title if plan else "")
                headers.append(DisplayRow(kind="plan", plan_id=plan_id, appendix_id=appendix_id, label=label))
                append(~(len(headers) - 1))
                last_plan = plan_id
                last_group = None
            if gid is not None and (gid, appendix_id) != last_group:
                if show_empty:
                    # Empty groups before this one still show, so that tasks can be dropped into them.
                    for g in self._groups.get(appendix_id or 0, []):
                        if g.id == gid:
                            break
                        if g.id not in shown_groups:
                            headers.append(self._group_row(g, group_numbers))
                            append(~(len(headers) - 1))
                            shown_groups.add(g.id)
                group = group_by_id.get(gid)
                if group is not None:
                    headers.append(self._group_row(group, group_numbers))
                    append(~(len(headers) - 1))
                    shown_groups.add(gid)
            last_group = (gid, appendix_id)
            append(i)
        if show_empty:
            seen_appendices = {meta[i][2] for i in self._visible}
            for appendix_id, groups in self._groups.items():
                if seen_appendices and appendix_id not in seen_appendices:
                    continue
                for g in groups:
                    if g.id not in shown_groups:
                        headers.append(self._group_row(g, group_numbers))
                        append(~(len(headers) - 1))
        return out

    def _build_display_by_runs(self) -> list[int]:
        """`_build_display` without empty groups: the visible tasks of each run of tasks under
        one header are found by bisection and copied as a slice."""
        visible = self._visible
        out: list[int] = []
        headers = self._headers
        positions = self._header_positions
        show_plans = self._show_plan_rows
        last_plan: int | None = -1
        last_group: tuple[int | None, int | None] | None = None
        runs = self._runs
        n_runs = len(runs)
        lo = 0
        end = len(visible)
        while lo < end:
            first = visible[lo]
            r = bisect.bisect_right(self._run_starts, first) - 1
            start, plan_id, gid, appendix_id = runs[r]
            stop = runs[r + 1][0] if r + 1 < n_runs else len(self._all)
            hi = bisect.bisect_left(visible, stop, lo, end)
            if show_plans and plan_id != last_plan:
                positions.append(len(out))
                out.append(~len(headers))
                headers.append(self._plan_header(plan_id, appendix_id))
                last_plan = plan_id
                last_group = None
            if gid is not None and (gid, appendix_id) != last_group:
                group = self._group_by_id.get(gid)
                if group is not None:
                    positions.append(len(out))
                    out.append(~len(headers))
                    headers.append(self._group_header(group))
            last_group = (gid, appendix_id)
            out.extend(visible[lo:hi])
            lo = hi
        return out

    def _plan_header(self, plan_id: int | None, appendix_id: int | None) -> DisplayRow:
        hit = self._plan_headers.get((plan_id, appendix_id))
        if hit is None:
            plan = self._plans.get(plan_id or 0)
            label = f"{plan.number} – {plan.title}" if plan and plan.number else (plan.title if plan else "")
            hit = self._plan_headers[(plan_id, appendix_id)] = DisplayRow(kind="plan", plan_id=plan_id, appendix_id=appendix_id,
                                                           label=label)
        return hit

    def _group_header(self, group: TaskGroup) -> DisplayRow:
        hit = self._group_headers.get(group.id)
        if hit is None:
            hit = self._group_headers[group.id] = self._group_row(group, self._group_numbers)
        return hit

    @staticmethod
    def _group_row(group: TaskGroup, numbers: dict[int | None, str]) -> DisplayRow:
        return DisplayRow(kind="group", group=group, appendix_id=group.appendix_id, label=group.title,
                          stt=numbers.get(group.id, ""))

    def header_rows(self) -> list[int]:
        """Display rows of plan and group headers (spanned across the table by the view)."""
        if not self._headers:
            return []
        if self._header_positions:
            return list(self._header_positions)
        return [row for row, value in enumerate(self._display) if value < 0]

    # access ------------------------------------------------------------------

    def display_row(self, row: int) -> DisplayRow | None:
        if not 0 <= row < len(self._display):
            return None
        value = self._display[row]
        if value < 0:
            return self._headers[~value]
        r = self._all[value]
        return DisplayRow(kind="task", row=r, plan_id=r.task.plan_id, appendix_id=r.task.appendix_id, stt=str(r.stt))

    def task_at(self, row: int) -> Task | None:
        if not 0 <= row < len(self._display):
            return None
        value = self._display[row]
        return self._all[value].task if value >= 0 else None

    def row_of_task(self, task_id: int) -> int:
        for i, value in enumerate(self._display):
            if value >= 0 and self._ids[value] == task_id:
                return i
        return -1

    def task_ids_at(self, rows: Iterable[int]) -> list[int]:
        """The ids of the tasks on these rows (headings left out), without reading the tasks."""
        display, ids = self._display, self._ids
        found = (ids[display[row]] for row in rows if 0 <= row < len(display) and display[row] >= 0)
        return [i for i in found if i is not None]

    def rows_of_tasks(self, task_ids: Iterable[int]) -> list[int]:
        """The rows of these tasks that are listed, in the order listed: one pass over the list,
        however many tasks (every task of ten years selected at once)."""
        wanted = set(task_ids)
        ids = self._ids
        return [i for i, value in enumerate(self._display) if value >= 0 and ids[value] in wanted]

    def visible_task_count(self) -> int:
        return len(self._visible)

    def total_task_count(self) -> int:
        return len(self._all)

    def group_titles(self) -> list[str]:
        seen: dict[str, None] = {}
        for groups in self._groups.values():
            for g in groups:
                seen.setdefault(g.title, None)
        return list(seen)

    # Qt model API ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._display)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[COLUMNS[section]]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._display)) or not (0 <= col < len(COLUMNS)):
            return None
        value = self._display[row]
        column = COLUMNS[col]
        if role == RowKindRole:
            return "task" if value >= 0 else self._headers[~value].kind
        if value < 0:
            return self._header_row_data(self._headers[~value], column, role)
        task_row = self._all[value]
        task = task_row.task
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.EditRole or role == Qt.ItemDataRole.ToolTipRole:
            text = self._task_text(task_row, task, column, role)
            if role == Qt.ItemDataRole.DisplayRole and isinstance(text, str) and "\n" in text:
                return text.replace("\n", " ⏎ ")
            return text
        if role == TaskIdRole:
            return task.id
        if role == GroupIdRole:
            return task.group_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if column in ("stt", "status") else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "status" and task.status == TaskStatus.DONE:
                return _DONE_BRUSH
            if column in ("due", "state"):
                s = self.summary(task)
                if s is not None:
                    return _ATTENTION_BRUSH if s.needs_attention else _STATE_BRUSHES.get(s.state)
        return None

    def _task_text(self, task_row: TaskRow, task: Task, column: str, role: int) -> Any:
        if column == "stt":
            return str(task_row.stt)
        if column == "lead":
            return refs_text(task, "lead")
        if column == "partners":
            return refs_text(task, "partner")
        if column == "status":
            return task.status.value if role == Qt.ItemDataRole.EditRole else task.status.label
        if column in ("due", "state"):
            s = self.summary(task)
            if s is None:
                return ""
            if column == "due":
                return s.due_text
            if role == Qt.ItemDataRole.ToolTipRole and s.overdue:
                return f"{s.state_label}: {s.overdue} lần quá hạn"
            return s.state_label
        return getattr(task, column)

    def _header_row_data(self, d: DisplayRow, column: str, role: int) -> Any:
        if role == GroupIdRole:
            return d.group.id if d.group else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            if column == "stt":
                return d.stt
            if column == "content":
                return d.label
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return _PLAN_BRUSH if d.kind == "plan" else _GROUP_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "stt":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._display):
            return _BASE_FLAGS
        value = self._display[row]
        editable = COLUMNS[col] in EDITABLE if value >= 0 else COLUMNS[col] == "content"
        kind = "task" if value >= 0 else self._headers[~value].kind
        return _FLAGS[(kind, editable)]

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        d = self.display_row(index.row())
        column = COLUMNS[index.column()]
        if d is None:
            return False
        if d.kind == "group" and column == "content" and d.group is not None:
            new = str(value).strip()
            if new and new != d.group.title:
                self.group_rename_requested.emit(int(d.group.id), d.group.title, new)  # type: ignore[arg-type]
            return True
        if d.kind != "task" or column not in EDITABLE:
            return False
        task = d.row.task  # type: ignore[union-attr]
        current = self._task_text(d.row, task, column, Qt.ItemDataRole.EditRole)  # type: ignore[arg-type]
        if str(value) == str(current):
            return False
        self.edit_requested.emit(task, column, value)
        return True

    # drag and drop -----------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TASK_IDS]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = self.task_ids_at(sorted({index.row() for index in indexes}))  # an index per cell dragged
        mime = QMimeData()
        mime.setData(MIME_TASK_IDS, QByteArray(",".join(map(str, ids)).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: QModelIndex | QPersistentModelIndex) -> bool:
        return data.hasFormat(MIME_TASK_IDS) and not self._show_plan_rows and not self._filters

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        raw = bytes(data.data(MIME_TASK_IDS).data()).decode()
        ids = [int(x) for x in raw.split(",") if x]
        if not ids:
            return False
        target_row = parent.row() if parent.isValid() else row
        group_id, before = self.drop_target(target_row)
        if before in ids:
            return False
        self.move_requested.emit(ids, group_id, before)
        # The move happens through the controller, which reloads the model; tell the
        # view that nothing is left for it to remove.
        return False

    def drop_target(self, target_row: int) -> tuple[int | None, int | None]:
        """(group id, task to insert before) for a drop on or above `target_row`."""
        count = len(self._display)
        if target_row < 0 or target_row >= count:
            for row in range(count - 1, -1, -1):
                d = self.display_row(row)
                if d and d.kind == "task" and d.row:
                    return d.row.task.group_id, None
                if d and d.kind == "group" and d.group:
                    return d.group.id, None
            return None, None
        d = self.display_row(target_row)
        if d and d.kind == "task" and d.row:
            return d.row.task.group_id, d.row.task.id
        if d and d.kind == "group" and d.group:
            for row in range(target_row + 1, count):
                task = self.task_at(row)
                if task is None:
                    break
                if task.group_id == d.group.id:
                    return d.group.id, task.id
            return d.group.id, None
        return None, None


def edited_task(task: Task, column: str, value: Any, resolve) -> Task:  # noqa: ANN001 - resolve: agency resolver
    """A copy of the task with one column changed as typed in the table."""
    # names the task already holds as one (joined by hand in the form) stay whole
    keep = [r.text for r in (*task.lead, *task.partners)]
    if column == "lead":
        return replace(task, lead=resolve(str(value), keep))
    if column == "partners":
        return replace(task, partners=resolve(str(value), keep))
    if column == "status":
        status = TaskStatus(value)
        return replace(task, status=status, completed_on=task.completed_on if status == TaskStatus.DONE else None)
    return replace(task, **{column: str(value)})
