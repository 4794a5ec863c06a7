"""A row of widgets that wraps onto the next line when the window is too narrow for it (a screen
scaled to 125 % or 150 %), so nothing in it is cut off or pushed out of the window."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Items left to right at their preferred width, wrapping as words do. An item added with
    `stretch=True` takes the room left at the end of its line (a plan chooser, a status text)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretching: set[int] = set()
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- what a layout keeps -------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def addWidget(self, widget: QWidget, stretch: bool = False) -> None:  # noqa: N802 (Qt's name)
        self.addChildWidget(widget)
        if stretch:
            self._stretching.add(id(widget))
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            if item.widget() is not None:
                self._stretching.discard(id(item.widget()))
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """All on one line."""
        visible = self._visible()
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in visible) + self._gap() * max(0, len(visible) - 1)
        height = max((i.sizeHint().height() for i in visible), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        """The widest single item: anything wider wraps."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize()).expandedTo(QSize(item.sizeHint().width(), 0))
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- placing -------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        return max(style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing), 6)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = [[]]
        x = 0
        for item in self._visible():
            w = min(item.sizeHint().width(), area.width())
            if lines[-1] and x + gap + w > area.width():
                lines.append([])
                x = 0
            x += (gap if lines[-1] else 0) + w
            lines[-1].append(item)
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(i.sizeHint().height() for i in line)
            widths = [min(i.sizeHint().width(), area.width()) for i in line]
            room = area.width() - sum(widths) - gap * (len(line) - 1)
            stretching = [k for k, i in enumerate(line) if i.widget() is not None and id(i.widget()) in self._stretching]
            for k in stretching:
                widths[k] += room // len(stretching)
            if move:
                x = area.x()
                for item, w in zip(line, widths, strict=True):
                    h = height if item.widget() is not None and item.widget().sizePolicy().verticalPolicy() \
                        != QSizePolicy.Policy.Fixed else item.sizeHint().height()
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(w, h)))
                    x += w + gap
            y += height + gap
        return y - gap - area.y() + m.top() + m.bottom() if y > area.y() else m.top() + m.bottom()


def labelled(*pairs: str | QWidget) -> QWidget:
    """Labels and their fields kept together on one line of a flow:
    `labelled("Từ ngày:", start, "đến ngày:", end)`; each label is its field's buddy."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    for text, field in zip(pairs[::2], pairs[1::2], strict=True):
        assert isinstance(text, str) and isinstance(field, QWidget)
        label = QLabel(text)
        label.setBuddy(field)
        row.addWidget(label)
        row.addWidget(field, 1)
    return group
