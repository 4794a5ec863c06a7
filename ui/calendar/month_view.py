"""The month grid: a table view whose delegate paints each day (solar and lunar date,
holiday, coloured chips for what is due); no widgets per cell, so switching months is cheap."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from ui.calendar.month_model import CellRole, Chip, DayCell

CHIP_COLORS = {
    "done": ("#1a7f37", "#e6f4ea"),
    "soon": ("#9a6700", "#fff4d6"),
    "overdue": ("#c62828", "#fdecea"),
    "open": ("#1f5fbf", "#e7effb"),
    "reminder": ("#6f42c1", "#f1ebfb"),
}
_HOLIDAY = QColor("#c62828")
_OTHER_MONTH = QColor("#9aa0a6")
_LUNAR = QColor("#6b7280")
_TODAY_FILL = QColor("#fff8e1")
_OFF_FILL = QColor("#fbf3f3")
_GRID = QColor("#d0d7de")
_PAD = 3


def _fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
    day = QFont(base)
    day.setBold(True)
    day.setPointSizeF(base.pointSizeF() * 1.1)
    small = QFont(base)
    small.setPointSizeF(max(6.5, base.pointSizeF() * 0.82))
    return day, small, small


def chip_layout(rect: QRect, cell: DayCell, base: QFont) -> list[tuple[QRect, Chip | None, int]]:
    """Where each chip goes in a cell: (rectangle, chip, 0), or (rectangle, None, n) for "+n"."""
    day_font, small, _ = _fonts(base)
    top = rect.top() + _PAD + QFontMetrics(day_font).height()
    sm = QFontMetrics(small)
    if cell.note:
        top += sm.height()
    chip_h = sm.height() + 2
    bottom = rect.bottom() - _PAD
    fit = max(0, (bottom - top) // (chip_h + 1))
    chips = cell.chips
    shown = chips if len(chips) <= fit else chips[: max(0, fit - 1)]
    out: list[tuple[QRect, Chip | None, int]] = []
    if chips and not fit:  # a low cell (a small screen): the count beside the day number
        day_h = QFontMetrics(day_font).height()
        half = rect.width() // 2
        return [(QRect(rect.left() + half // 2, rect.top() + _PAD, half, day_h), None, len(chips))]
    y = top
    for chip in shown:
        out.append((QRect(rect.left() + _PAD, y, rect.width() - 2 * _PAD, chip_h), chip, 0))
        y += chip_h + 1
    rest = len(chips) - len(shown)
    if rest and fit:
        out.append((QRect(rect.left() + _PAD, y, rect.width() - 2 * _PAD, chip_h), None, rest))
    return out


class DayDelegate(QStyledItemDelegate):
    """Paints a day cell from its `DayCell`."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        cell: DayCell | None = index.data(CellRole)
        if cell is None:
            return
        rect = option.rect
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        fill = QColor("#dbe9ff") if selected else _TODAY_FILL if cell.today else _OFF_FILL if cell.day_off else QColor("white")
        painter.fillRect(rect, fill)
        painter.setPen(QPen(_GRID))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if cell.today:
            painter.setPen(QPen(QColor("#f9a825"), 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))

        day_font, small, _ = _fonts(option.font)
        dfm = QFontMetrics(day_font)
        sfm = QFontMetrics(small)
        inner = rect.adjusted(_PAD + 1, _PAD, -_PAD - 1, -_PAD)
        painter.setFont(day_font)
        color = _OTHER_MONTH if not cell.in_month else _HOLIDAY if cell.day_off else QColor("#202124")
        painter.setPen(color)
        day_rect = QRect(inner.left(), inner.top(), inner.width(), dfm.height())
        painter.drawText(day_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), str(cell.day.day))
        if cell.lunar:
            painter.setFont(small)
            painter.setPen(_OTHER_MONTH if not cell.in_month else _HOLIDAY if "/" in cell.lunar and cell.lunar.startswith("1/")
                           else _LUNAR)
            painter.drawText(day_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), cell.lunar)
        if cell.note:
            painter.setFont(small)
            painter.setPen(_HOLIDAY if cell.day_off else QColor("#1a7f37"))
            note_rect = QRect(inner.left(), day_rect.bottom() + 1, inner.width(), sfm.height())
            painter.drawText(note_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             sfm.elidedText(cell.note, Qt.TextElideMode.ElideRight, inner.width()))

        painter.setFont(small)
        for chip_rect, chip, rest in chip_layout(rect, cell, option.font):
            if chip is None:
                painter.setPen(QColor("#374151"))
                label = f"+{rest} việc khác" if rest < len(cell.chips) else f"{rest} việc"
                painter.drawText(chip_rect.adjusted(3, 0, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                 sfm.elidedText(label, Qt.TextElideMode.ElideRight, chip_rect.width() - 3))
                continue
            fg, bg = CHIP_COLORS.get(chip.state, CHIP_COLORS["open"])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(bg))
            painter.drawRoundedRect(chip_rect, 3, 3)
            painter.setBrush(QColor(fg))
            painter.drawRect(QRect(chip_rect.left(), chip_rect.top(), 3, chip_rect.height()))
            painter.setPen(QColor(fg))
            text_rect = chip_rect.adjusted(6, 0, -2, 0)
            painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             sfm.elidedText(chip.text, Qt.TextElideMode.ElideRight, text_rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return QSize(120, 96)


class MonthView(QTableView):
    """The month grid; clicking a chip names the occurrence or reminder under the mouse."""

    chip_clicked = Signal(object)
    """A chip was clicked; the argument is its `Chip`."""

    chip_activated = Signal(object)
    """A chip was double-clicked (open the task or the reminder)."""

    day_activated = Signal(object)
    """An empty part of a day was double-clicked; the argument is the date."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setItemDelegate(DayDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setMouseTracking(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setHighlightSections(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Low enough for a 1366×768 laptop at 150 % scaling (about 911×512 to lay out on):
        # a day number per cell, its count of items beside it; taller cells show the items.
        day_font, _small, _ = _fonts(self.font())
        row = QFontMetrics(day_font).height() + 2 * _PAD + 2
        self.setMinimumSize(7 * 64, self.horizontalHeader().sizeHint().height() + 6 * row)

    def chip_at(self, pos: QPoint) -> Chip | None:
        index = self.indexAt(pos)
        cell: DayCell | None = index.data(CellRole) if index.isValid() else None
        if cell is None:
            return None
        for rect, chip, _rest in chip_layout(self.visualRect(index), cell, self.font()):
            if chip is not None and rect.contains(pos):
                return chip
        return None

    def chip_position(self, day: dt.date, n: int = 0) -> QPoint | None:
        """Centre of the n-th chip shown on a day (for keyboard access and tests)."""
        model = self.model()
        index = model.index_of(day) if hasattr(model, "index_of") else QModelIndex()
        if not index.isValid():
            return None
        cell: DayCell = index.data(CellRole)
        shown = [r for r, c, _ in chip_layout(self.visualRect(index), cell, self.font()) if c is not None]
        return shown[n].center() if n < len(shown) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        chip = self.chip_at(event.position().toPoint())
        if chip is not None and event.button() == Qt.MouseButton.LeftButton:
            self.chip_clicked.emit(chip)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        chip = self.chip_at(pos)
        if chip is not None:
            self.chip_activated.emit(chip)
            return
        index = self.indexAt(pos)
        if index.isValid():
            cell: DayCell = index.data(CellRole)
            self.day_activated.emit(cell.day)
