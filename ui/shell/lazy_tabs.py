"""Tabs built when first shown: the window paints the tab it opens on without building (or
importing) the others, which are made when the officer first goes to them, when something asks
for them, or when the window has been idle for a moment after start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class LazyTab(QWidget):
    """The page of a tab whose widget (and the libraries it needs, such as Qt Charts) is built
    by `factory` when the page is first shown or its widget is first asked for."""

    def __init__(self, factory: Callable[[], QWidget]) -> None:
        super().__init__()
        self._factory = factory
        self._widget: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._widget is not None

    def widget(self) -> QWidget:
        if self._widget is None:
            self._widget = self._factory()
            self._layout.addWidget(self._widget)
            if self.isVisible():  # shown now, laid out, not at the next turn of the event loop
                self._layout.activate()
                self._widget.show()
        return self._widget

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        self.widget()
        super().showEvent(event)


class LazyTabWidget(QTabWidget):
    """A tab widget whose pages may be `LazyTab`s. `currentWidget`, `setCurrentWidget` and
    `indexOf` speak of the tab's own widget (a `TasksTab`, not the page holding it), so that
    callers need not know which tabs are built yet; `widget(i)` still gives the page."""

    def page_of(self, widget: QWidget | None) -> QWidget | None:
        """The page that is or holds `widget` (None when no tab does)."""
        for i in range(self.count()):
            page = self.widget(i)
            if page is widget or (isinstance(page, LazyTab) and page.built and page._widget is widget):
                return page
        return None

    def current_page(self) -> QWidget | None:
        """The page shown (a `LazyTab` is not built by asking)."""
        return super().currentWidget()

    def currentWidget(self) -> QWidget | None:  # noqa: N802 (Qt's name)
        page = super().currentWidget()
        return page.widget() if isinstance(page, LazyTab) else page

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        page = self.page_of(widget)
        super().setCurrentWidget(page if page is not None else widget)

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 (Qt's name)
        page = self.page_of(widget)
        return super().indexOf(page if page is not None else widget)

