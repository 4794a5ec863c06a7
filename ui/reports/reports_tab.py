"""The Báo cáo tab: choose plan(s) and a period, read the totals, the agencies, the quotas and
the evidence, drill down to the tasks behind any number, and print the report.

Every figure comes from `cchc_desktop.reporting.report.build_report`, the computation the CLI and the
documents use as well.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.documents import evidence_docs, report_docs
from cchc_desktop.errors import CchcError
from cchc_desktop.reporting import report as rp
from cchc_desktop.scheduling.schedule import STATE_LABELS
from cchc_desktop.system.files import write_atomically
from cchc_desktop.text import vnformat
from ui.common import messages
from ui.common.controller import AGENCIES, CALENDAR, PLANS, PROGRESS, TASKS, Controller
from ui.common.date_field import DateField
from ui.common.flow import FlowLayout, labelled
from ui.reports.agency_model import AgencyKeyRole, AgencyModel, SortRole
from ui.reports.drill_dialog import DrillDialog
from ui.reports.plan_chooser import PlanChooser
from ui.reports.quota_model import QuotaModel
from ui.reports.texts_dialog import ReportTextsDialog
from ui.reports.totals_model import StateRole, TaskIdsRole, TotalsModel

PERIOD_CHOICES = (
    ("Q1", "Quý I"), ("Q2", "Quý II"), ("Q3", "Quý III"), ("Q4", "Quý IV"),
    ("H1", "6 tháng đầu năm"), ("9M", "9 tháng"), ("Y", "Cả năm"), ("custom", "Khoảng thời gian khác"),
)
WINDOW_LABEL_CHARS = 200  # one line: Qt Charts draws a category label on one line, and the window has room
_KINDS = frozenset({PLANS, TASKS, AGENCIES, PROGRESS, CALENDAR})


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _category_chart_height(axis: QBarCategoryAxis, categories: int) -> int:
    """The height a chart of horizontal bars needs for every category's name to be written:
    Qt Charts writes a category's label only where the category has a line of the label's font
    and 4 px above and below it, and otherwise "..." (or nothing, where labels would overlap);
    the title, the legend and the count axis below take about five lines more."""
    line = QFontMetricsF(axis.labelsFont()).height()
    return int(categories * (line + 14) + 5 * line + 60)


def _count_axis(top: int) -> QValueAxis:
    """A value axis of whole numbers of tasks (no repeated labels such as 0, 0, 1, 1), written
    as the chart's locale writes them (the chart localizes its numbers: 1.500), with room
    above the highest bar for its count."""
    axis = QValueAxis()
    axis.setLabelFormat("%.0f")  # the formats a localized chart writes; "%d" is not one of them
    if top < 10:
        axis.setRange(0, top + 1)
        axis.setTickCount(top + 2)
    else:
        axis.setRange(0, top)
        axis.applyNiceNumbers()
    return axis


class _CountDelegate(QStyledItemDelegate):
    """Writes the whole numbers the report tables hold (numbers of tasks, kept as numbers for
    sorting and drilling down) as Vietnamese writes them: 1.250."""

    def displayText(self, value: Any, locale: QLocale) -> str:  # noqa: N802
        if isinstance(value, int) and not isinstance(value, bool):
            return vnformat.number(value)
        return super().displayText(value, locale)


class ReportsTab(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.store = controller.store
        self._today = today
        self.report: rp.Report | None = None
        self._dirty = True
        self._drill: DrillDialog | None = None

        today_ = self.today()
        self.plan_chooser = PlanChooser()
        self.plan_chooser.setMinimumWidth(320)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1900, 2200)
        self.year_spin.setValue(today_.year)
        self.period_combo = QComboBox()
        for key, label in PERIOD_CHOICES:
            self.period_combo.addItem(label, key)
        self.period_combo.setCurrentIndex((today_.month - 1) // 3)
        spans = [(p.period_start, p.period_end or p.period_start) for p in self.store.plans.list() if p.period_start]
        if spans and not any(a <= today_.year <= b for a, b in spans):
            # No plan runs this year (a newcomer with the demo plan, an archive): open on the
            # whole of the latest plan year instead of an empty quarter.
            self.year_spin.setValue(max(b for _a, b in spans))
            self.period_combo.setCurrentIndex(self.period_combo.findData("Y"))
        self.from_date = DateField(dt.date(today_.year, 1, 1))
        self.to_date = DateField(today_)
        self.period_label = QLabel()
        self.period_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.texts_button = QPushButton("Sửa nội dung báo cáo…")
        self.pdf_button = QPushButton("Xuất PDF…")
        self.xlsx_button = QPushButton("Xuất Excel…")
        self.docx_button = QPushButton("Xuất Word…")

        # The choices wrap onto a second line where the window is narrow (a screen scaled to
        # 125 % or 150 %) rather than being cut off.
        bar = FlowLayout()
        bar.addWidget(labelled("Kế hoạch:", self.plan_chooser), stretch=True)
        bar.addWidget(labelled("Năm:", self.year_spin))
        bar.addWidget(labelled("Kỳ báo cáo:", self.period_combo))
        bar.addWidget(labelled("Từ ngày:", self.from_date, "đến ngày:", self.to_date))
        # the commands stay together, at the right, on the period's line or below it
        commands = QWidget()
        command_row = QHBoxLayout(commands)
        command_row.setContentsMargins(0, 0, 0, 0)
        command_row.addStretch(1)
        for b in (self.texts_button, self.pdf_button, self.xlsx_button, self.docx_button):
            command_row.addWidget(b)
        buttons = FlowLayout()
        buttons.addWidget(self.period_label, stretch=True)
        buttons.addWidget(commands, stretch=True)

        # Totals with the states chart.
        self.totals_model = TotalsModel(self)
        self.totals_view = self._table(self.totals_model)
        self.totals_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.chart_kind = QComboBox()
        self.chart_kind.addItem("Biểu đồ cột", "bar")
        self.chart_kind.addItem("Biểu đồ tròn", "pie")
        self.states_chart = QChartView()
        self.states_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        totals_box = QWidget()
        tl = QVBoxLayout(totals_box)
        tl.addWidget(self.totals_view)
        hint = QLabel("Nhấp đúp vào một con số để xem các nhiệm vụ.")
        hint.setStyleSheet("color: gray")
        tl.addWidget(hint)
        chart_box = QWidget()
        cl = QVBoxLayout(chart_box)
        cl.addWidget(self.chart_kind, 0, Qt.AlignmentFlag.AlignRight)
        cl.addWidget(self.states_chart, 1)
        totals_split = QSplitter(Qt.Orientation.Horizontal)
        totals_split.addWidget(totals_box)
        totals_split.addWidget(chart_box)
        totals_split.setSizes([420, 600])

        # Agencies, sortable, with the stacked bars.
        self.agency_model = AgencyModel(self)
        self.agency_proxy = QSortFilterProxyModel(self)
        self.agency_proxy.setSourceModel(self.agency_model)
        self.agency_proxy.setSortRole(SortRole)
        self.agency_view = self._table(self.agency_proxy)
        self.agency_view.setSortingEnabled(True)
        self.agency_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.agency_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.agency_chart = QChartView()
        self.agency_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Said when the rows add up to more than the total (tasks with several leads).
        self.agency_note = QLabel()
        self.agency_note.setWordWrap(True)
        self.agency_note.setStyleSheet("color: gray")
        agency_box = QWidget()
        al = QVBoxLayout(agency_box)
        al.setContentsMargins(0, 0, 0, 0)
        al.addWidget(self.agency_view, 1)
        al.addWidget(self.agency_note)
        agency_split = QSplitter(Qt.Orientation.Vertical)
        agency_split.addWidget(agency_box)
        # The chart is as tall as its agencies' names need; the splitter's part scrolls it.
        self.agency_chart_area = QScrollArea()
        self.agency_chart_area.setWidgetResizable(True)
        self.agency_chart_area.setFrameShape(QFrame.Shape.NoFrame)
        self.agency_chart_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agency_chart_area.setWidget(self.agency_chart)
        agency_split.addWidget(self.agency_chart_area)
        agency_split.setSizes([300, 400])

        # Quotas per task and per agency.
        self.quota_model = QuotaModel(False, self)
        self.agency_quota_model = QuotaModel(True, self)
        self.quota_view = self._table(self.quota_model)
        self.agency_quota_view = self._table(self.agency_quota_model)
        for view in (self.quota_view, self.agency_quota_view):
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        quota_split = QSplitter(Qt.Orientation.Vertical)
        quota_split.addWidget(self.quota_view)
        quota_split.addWidget(self.agency_quota_view)

        # Evidence list.
        self.evidence_table = QTableWidget(0, len(report_docs.EVIDENCE_COLUMNS))
        self.evidence_table.setHorizontalHeaderLabels(list(report_docs.EVIDENCE_COLUMNS))
        self.evidence_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.evidence_table.verticalHeader().setVisible(False)
        for column, width in enumerate((44, 0, 100, 170, 100, 190, 150, 200)):
            if width:
                self.evidence_table.setColumnWidth(column, width)
        self.evidence_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.evidence_table.setWordWrap(True)
        self.evidence_button = QPushButton("Xuất danh mục minh chứng…")
        self.evidence_button.setToolTip("Danh mục tài liệu minh chứng của mọi nhiệm vụ trong kỳ, ra PDF hoặc Excel")
        evidence_box = QWidget()
        el = QVBoxLayout(evidence_box)
        el.setContentsMargins(0, 0, 0, 0)
        evidence_bar = QHBoxLayout()
        evidence_bar.addStretch(1)
        evidence_bar.addWidget(self.evidence_button)
        el.addLayout(evidence_bar)
        el.addWidget(self.evidence_table, 1)

        self.pages = QTabWidget()
        self.pages.addTab(totals_split, "Tổng hợp")
        self.pages.addTab(agency_split, "Theo cơ quan chủ trì")
        self.pages.addTab(quota_split, "Chỉ tiêu")
        self.pages.addTab(evidence_box, "Minh chứng")

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(buttons)
        layout.addWidget(self.pages, 1)

        self.plan_chooser.selectionChanged.connect(self.refresh)
        self.year_spin.valueChanged.connect(self._period_changed)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.from_date.dateChanged.connect(self._period_changed)
        self.to_date.dateChanged.connect(self._period_changed)
        self.chart_kind.currentIndexChanged.connect(self._draw_states_chart)
        self.totals_view.doubleClicked.connect(self._drill_index)
        self.agency_view.doubleClicked.connect(self._drill_index)
        self.quota_view.doubleClicked.connect(self._drill_index)
        self.agency_quota_view.doubleClicked.connect(self._drill_index)
        self.texts_button.clicked.connect(self.edit_texts)
        self.pdf_button.clicked.connect(lambda: self._export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self._export("xlsx"))
        self.docx_button.clicked.connect(lambda: self._export("docx"))
        self.evidence_button.clicked.connect(self.export_evidence)
        controller.changed.connect(self._on_changed)
        self._fill_plans()
        self._update_custom_enabled()

    # helpers -----------------------------------------------------------------

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _table(self, model) -> QTableView:  # noqa: ANN001
        view = QTableView()
        view.setModel(model)
        view.setItemDelegate(_CountDelegate(view))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.setWordWrap(True)
        view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        return view

    def _fill_plans(self) -> None:
        self.plan_chooser.blockSignals(True)
        try:
            self.plan_chooser.set_plans(self.store.plans.list())
        finally:
            self.plan_chooser.blockSignals(False)

    def _update_custom_enabled(self) -> None:
        custom = self.period_combo.currentData() == "custom"
        self.from_date.setEnabled(custom)
        self.to_date.setEnabled(custom)
        self.year_spin.setEnabled(not custom)
        if not custom:  # the greyed dates show the chosen period (and a custom range starts from it)
            try:
                period = self.period()
            except CchcError:
                return
            for edit, day in ((self.from_date, period.start), (self.to_date, period.end)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)

    def _period_changed(self, *_args: object) -> None:
        self._update_custom_enabled()
        self.refresh()

    def set_plan(self, plan_id: int | None) -> None:
        """Report on one plan; None: every plan of the period."""
        self.set_plans(None if plan_id is None else [plan_id])

    def set_plans(self, plan_ids: list[int] | None) -> None:
        """Report on these plans together; None (or an empty list): every plan of the period."""
        self.plan_chooser.set_selected(plan_ids)

    def set_period(self, code: str) -> None:
        """Choose a period by its code ("2025-Q1", "2025-H1", "2025-9M", "2025", "FROM:TO")."""
        period = rp.parse_period(code)
        widgets = (self.year_spin, self.period_combo, self.from_date, self.to_date)
        for w in widgets:
            w.blockSignals(True)
        try:
            code = period.code
            part = "custom" if ":" in code else (code.split("-", 1)[1] if "-" in code else "Y")
            if self.period_combo.findData(part) < 0:  # 6 tháng cuối năm: a custom range
                part = "custom"
            self.period_combo.setCurrentIndex(self.period_combo.findData(part))
            if part == "custom":
                self.from_date.setDate(_qdate(period.start))
                self.to_date.setDate(_qdate(period.end))
            else:
                self.year_spin.setValue(period.year)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._period_changed()

    def period(self) -> rp.Period:
        key = self.period_combo.currentData()
        year = self.year_spin.value()
        if key == "custom":
            return rp.custom(self.from_date.date().toPython(), self.to_date.date().toPython())
        if key == "Y":
            return rp.whole_year(year)
        if key == "H1":
            return rp.half_year(year)
        if key == "9M":
            return rp.nine_months(year)
        return rp.quarter(year, int(str(key)[1]))

    def plan_ids(self) -> list[int] | None:
        """The chosen plans, sorted; None for every plan of the period."""
        return self.plan_chooser.selected()

    # refresh -----------------------------------------------------------------

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if not kinds & _KINDS:
            return
        if PLANS in kinds:
            self._fill_plans()
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if self._dirty or self.report is None:
            self.refresh()

    def refresh(self, *_args: object) -> None:
        """Compute the report for the chosen plan(s) and period and show it everywhere."""
        try:
            period = self.period()
            report = rp.build_report(self.store, period, self.plan_ids(), today=self.today())
        except CchcError as exc:
            self.period_label.setText(exc.message)
            self.report = None
        else:
            self.report = report
            self.period_label.setText(
                f"<b>{report.period.label[:1].upper()}{report.period.label[1:]}</b> "
                f"(từ {vnformat.date_table(period.start)} đến {vnformat.date_table(period.end)}; "
                f"số liệu tính đến {vnformat.date_table(report.as_of)}): {vnformat.number(report.totals.total)} nhiệm vụ"
            )
        self._dirty = False
        for model in (self.totals_model, self.agency_model, self.quota_model, self.agency_quota_model):
            model.set_report(self.report)
        self.quota_view.resizeRowsToContents()
        note = self.report.agency_note if self.report else ""
        self.agency_note.setText(note)
        self.agency_note.setVisible(bool(note))
        self._fill_evidence()
        self._draw_states_chart()
        self._draw_agency_chart()
        enabled = self.report is not None
        for b in (self.texts_button, self.pdf_button, self.xlsx_button, self.docx_button, self.evidence_button):
            b.setEnabled(enabled)

    def _fill_evidence(self) -> None:
        rows = report_docs.evidence_rows(self.report) if self.report else []
        self.evidence_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.evidence_table.setItem(r, c, QTableWidgetItem(value))
        self.evidence_table.resizeRowsToContents()

    # charts ------------------------------------------------------------------

    def _draw_states_chart(self, *_args: object) -> None:
        chart = QChart()
        chart.setLocalizeNumbers(True)  # the axes and labels in the Vietnamese locale: 1.250
        chart.setTitle("Số nhiệm vụ theo tình trạng thực hiện")
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        r = self.report
        if r is not None:
            if self.chart_kind.currentData() == "pie":
                pie = QPieSeries()
                for s in rp.ALL_STATES:
                    n = r.totals.count(s)
                    if n:
                        sl = pie.append(f"{STATE_LABELS[s]}: {vnformat.number(n)} ({r.totals.percent_text(s)})", n)
                        sl.setColor(QColor(report_docs.STATE_COLORS[s]))
                        sl.setLabelVisible(True)
                chart.addSeries(pie)
                chart.legend().setVisible(False)
            else:
                series = QBarSeries()
                for s in rp.ALL_STATES:
                    bs = QBarSet(STATE_LABELS[s])
                    bs.append(r.totals.count(s))
                    bs.setColor(QColor(report_docs.STATE_COLORS[s]))
                    bs.setLabelColor(QColor("#222222"))  # above the bar, on the chart's white
                    series.append(bs)
                series.setLabelsVisible(True)
                series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)  # not cut by a thin bar
                chart.addSeries(series)
                axis_x = QBarCategoryAxis()
                axis_x.append([r.period.label])
                chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
                series.attachAxis(axis_x)
                axis_y = _count_axis(max([r.totals.count(s) for s in rp.ALL_STATES] + [1]))
                chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
                chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
                series.attachAxis(axis_y)
        self.states_chart.setChart(chart)

    def _draw_agency_chart(self) -> None:
        chart = QChart()
        chart.setLocalizeNumbers(True)
        chart.setTitle("Số nhiệm vụ theo cơ quan chủ trì")
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        r = self.report
        if r is not None and r.agencies:
            rows = list(reversed(r.agencies[:25]))  # a readable chart: the first 25 agencies
            series = QHorizontalStackedBarSeries()
            for s in rp.ALL_STATES:
                bs = QBarSet(STATE_LABELS[s])
                bs.append([a.counts.count(s) for a in rows])
                bs.setColor(QColor(report_docs.STATE_COLORS[s]))
                series.append(bs)
            chart.addSeries(series)
            axis_y = QBarCategoryAxis()
            axis_y.append([report_docs.agency_chart_label(a.name, WINDOW_LABEL_CHARS, max_lines=1) for a in rows])
            chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
            series.attachAxis(axis_y)
            axis_x = _count_axis(max([a.counts.total for a in rows] + [1]))
            chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
            series.attachAxis(axis_x)
            self.agency_chart.setMinimumHeight(_category_chart_height(axis_y, len(rows)))
        else:
            self.agency_chart.setMinimumHeight(0)
        self.agency_chart.setChart(chart)

    # drill-down ----------------------------------------------------------------

    def _drill_index(self, index: QModelIndex) -> None:
        ids = index.data(TaskIdsRole)
        if ids is None:
            return
        state = index.data(StateRole)
        agency = index.data(AgencyKeyRole)
        what = STATE_LABELS[state] if state else "Tất cả nhiệm vụ"
        if agency is not None and self.report is not None:
            what = f"{self.report.agency(agency).name}: {what.lower()}"
        self.show_tasks(list(ids), what)

    def show_tasks(self, task_ids: list[int], title: str) -> DrillDialog | None:
        """The tasks behind a number, in a window beside the tab."""
        if self.report is None:
            return None
        if self._drill is not None:
            self._drill.close()
        self._drill = DrillDialog(self.controller, self.report, task_ids, title, self)
        self._drill.show()
        return self._drill

    # texts and documents -------------------------------------------------------

    def edit_texts(self) -> bool:
        if self.report is None:
            return False
        dialog = ReportTextsDialog(rp.report_texts(self.store, self.report), self.report.period.label, self)
        if not dialog.exec():
            return False
        try:
            rp.save_report_texts(self.store, self.report, dialog.texts())
        except CchcError as exc:
            messages.error(self, exc.message)
            return False
        self.controller.notify("settings")
        return True

    def export_to(self, kind: str, path: Path) -> bool:
        """Write the current report as `kind` ("pdf", "xlsx", "docx") to `path`."""
        if self.report is None:
            return False
        report, texts = self.report, rp.report_texts(self.store, self.report)
        writers = {
            "pdf": lambda tmp: report_docs.write_pdf(self.store, report, tmp, texts, self.today()),
            "xlsx": lambda tmp: report_docs.write_xlsx(report, tmp),
            "docx": lambda tmp: report_docs.write_docx(report, tmp, texts, self.store, self.today()),
        }
        return self._write(path, writers[kind])

    def _write(self, path: Path, write) -> bool:  # noqa: ANN001 - write(temporary path)
        """Write an export through the core's atomic writer; a Vietnamese message on failure."""
        try:
            write_atomically(path, write)
        except CchcError as exc:
            messages.error(self, exc.message)
            return False
        return True

    def _export(self, kind: str) -> None:
        if self.report is None:
            return
        filters = {"pdf": "Tệp PDF (*.pdf)", "xlsx": "Bảng tính Excel (*.xlsx)", "docx": "Văn bản Word (*.docx)"}
        name = f"Bao-cao-{self.report.period.code.replace(':', '_')}.{kind}"
        path, _ = QFileDialog.getSaveFileName(self, "Lưu báo cáo", name, filters[kind])
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != f".{kind}":
            target = target.with_suffix(f".{kind}")
        if self.export_to(kind, target):
            messages.info(self, f"Đã lưu báo cáo: {target}")

    # the evidence list ---------------------------------------------------------

    def export_evidence_to(self, path: Path) -> bool:
        """Write the evidence list of the current report to `path`: Excel for .xlsx, else PDF."""
        if self.report is None:
            return False
        report = self.report
        if path.suffix.lower() == ".xlsx":
            return self._write(path, lambda tmp: evidence_docs.write_xlsx(self.store, report, tmp))
        return self._write(path, lambda tmp: evidence_docs.write_pdf(self.store, report, tmp, self.today()))

    def export_evidence(self) -> None:
        """Ask where to save the evidence list; PDF or Excel by the file's suffix or the chosen filter."""
        if self.report is None:
            return
        pdf, xlsx = "Tệp PDF (*.pdf)", "Bảng tính Excel (*.xlsx)"
        name = f"Danh-muc-minh-chung-{self.report.period.code.replace(':', '_')}.pdf"
        path, chosen = QFileDialog.getSaveFileName(self, "Lưu danh mục tài liệu minh chứng", name, f"{pdf};;{xlsx}")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".pdf", ".xlsx"):
            target = target.with_suffix(".xlsx" if chosen == xlsx else ".pdf")
        if self.export_evidence_to(target):
            messages.info(self, f"Đã lưu danh mục tài liệu minh chứng: {target}")
