"""The schedule form of a task: kind, dates, frequency with its day rule, quota and reminder
lead times, with a live preview of the dates. The time frame text is never changed; what is
set here is stored beside it as the task's schedule (an RFC 5545 rule for recurrences)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.errors import ValidationError
from cchc_desktop.scheduling import schedule
from cchc_desktop.store.domain import Task
from cchc_desktop.text.vnformat import date_table, parse_date
from ui.common import messages
from ui.common.controller import CALENDAR, TASKS, Controller
from ui.common.forms import GuardedDialog, fit_to_screen

KINDS = (
    ("auto", "Tự động theo thời gian thực hiện"),
    ("deadline", "Hạn cụ thể (một hoặc nhiều ngày)"),
    ("period_end", "Hết một thời kỳ (tháng, quý, năm)"),
    ("recurring", "Định kỳ"),
    ("continuous", "Thường xuyên (không có hạn)"),
)
FREQUENCIES = (
    ("week", "Hàng tuần"),
    ("month", "Hàng tháng"),
    ("quarter", "Hàng quý"),
    ("half", "6 tháng một lần"),
    ("year", "Hàng năm"),
)
WEEKDAYS = (("MO", "Thứ Hai"), ("TU", "Thứ Ba"), ("WE", "Thứ Tư"), ("TH", "Thứ Năm"), ("FR", "Thứ Sáu"),
            ("SA", "Thứ Bảy"), ("SU", "Chủ nhật"))
QUOTA_PER = ((None, "cả kỳ"), ("week", "tuần"), ("month", "tháng"), ("quarter", "quý"), ("year", "năm"))
LAST_DAY = 0  # the day spin's special value: "ngày cuối tháng"


def build_rrule(freq: str, *, weekday: str = "MO", month: int = 1, day: int = LAST_DAY, before: bool = False) -> str:
    """The RRULE for a frequency and its day rule. `day` 0 is the last day of the month;
    `before` ("trước ngày D") moves the deadline to the day before D."""
    if freq == "week":
        if before:
            i = [w for w, _ in WEEKDAYS].index(weekday)
            weekday = WEEKDAYS[(i - 1) % 7][0]
        return f"FREQ=WEEKLY;BYDAY={weekday}"
    if day == LAST_DAY:
        monthday = -2 if before else -1
    else:
        monthday = day - 1 if before and day > 1 else day
    if before and day == 1:
        # "trước ngày 01" of a month = the last day of the month before
        month = month - 1 or 12
        monthday = -1
    if freq == "month":
        return f"FREQ=MONTHLY;BYMONTHDAY={monthday}"
    step = {"quarter": 3, "half": 6, "year": 12}[freq]
    first = (month - 1) % step + 1
    months = ",".join(str(m) for m in range(first, 13, step))
    if freq == "year":
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={monthday}"
    return f"FREQ=MONTHLY;BYMONTH={months};BYMONTHDAY={monthday}"


def read_rrule(rule: str) -> tuple[str, str, int, int, bool] | None:
    """(frequency, weekday, month in its cycle, day, «trước ngày») of a rule the form can show —
    the inverse of `build_rrule` — or None. Day 0 is the last day of the month; BYMONTHDAY=-2
    reads as «trước ngày» the last day."""
    parts = dict(p.split("=", 1) for p in rule.upper().removeprefix("RRULE:").split(";") if "=" in p)
    if set(parts) - {"FREQ", "BYDAY", "BYMONTH", "BYMONTHDAY", "INTERVAL"} or parts.get("INTERVAL", "1") != "1":
        return None
    freq = parts.get("FREQ")
    if freq == "WEEKLY":
        day = parts.get("BYDAY", "MO")
        return ("week", day, 1, LAST_DAY, False) if day in dict(WEEKDAYS) else None
    try:
        monthday = int(parts.get("BYMONTHDAY", "-1"))
        months = [int(m) for m in parts["BYMONTH"].split(",")] if "BYMONTH" in parts else []
    except ValueError:
        return None
    if monthday == -1:
        day, before = LAST_DAY, False
    elif monthday == -2:
        day, before = LAST_DAY, True
    elif 1 <= monthday <= 28:
        day, before = monthday, False
    else:
        return None
    if freq == "MONTHLY" and not months:
        return "month", "MO", 1, day, before
    if freq == "YEARLY" and len(months) == 1:
        return "year", "MO", months[0], day, before
    if freq == "MONTHLY" and months:
        step = {4: 3, 2: 6, 1: 12}.get(len(months))
        if step is None or months != list(range(months[0], 13, step)) or months[0] > step:
            return None
        return {3: "quarter", 6: "half", 12: "year"}[step], "MO", months[0], day, before
    return None


class ScheduleDialog(GuardedDialog):
    unsaved_text = "Lịch thực hiện đang đặt có thay đổi chưa lưu. Lưu lại trước khi đóng?"

    def __init__(self, task: Task, period_start: int, period_end: int | None, default_leads: tuple[int, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task = task
        self.period = (period_start, period_end)
        self.setWindowTitle("Đặt lịch thực hiện")
        parsed = schedule.resolve(task.time_frame, None, period_start, period_end, task.output)
        head = QLabel(
            f"<b>{_esc(task.content[:300])}</b><br>Thời gian thực hiện (giữ nguyên): «{_esc(task.time_frame)}»"
            f"<br>Đọc được: {_esc(parsed.describe())}"
        )
        head.setWordWrap(True)
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(label, key)

        # deadline / period end: dates typed as written in tables
        self.dates = QLineEdit()
        self.dates.setPlaceholderText("Ví dụ: 15/01/2025; 30/06/2025")
        # recurring
        self.freq = QComboBox()
        for key, label in FREQUENCIES:
            self.freq.addItem(label, key)
        self.weekday = QComboBox()
        for key, label in WEEKDAYS:
            self.weekday.addItem(label, key)
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setPrefix("tháng thứ ")
        self.day = QSpinBox()
        self.day.setRange(LAST_DAY, 28)
        self.day.setSpecialValueText("ngày cuối tháng")
        self.day.setPrefix("ngày ")
        self.before = QCheckBox("«trước ngày» (hạn là ngày hôm trước)")
        recur = QWidget()
        rform = QFormLayout(recur)
        rform.setContentsMargins(0, 0, 0, 0)
        rform.addRow("Tần suất:", self.freq)
        rform.addRow("Thứ trong tuần:", self.weekday)
        rform.addRow("Tháng trong kỳ:", self.month)
        rform.addRow("Ngày:", self.day)
        rform.addRow("", self.before)
        self.recur_form = rform
        dates_box = QWidget()
        dform = QFormLayout(dates_box)
        dform.setContentsMargins(0, 0, 0, 0)
        dform.addRow("Các ngày hạn:", self.dates)
        self.pages = QStackedWidget()
        self.pages.addWidget(QWidget())  # auto, continuous
        self.pages.addWidget(dates_box)
        self.pages.addWidget(recur)

        # quota and reminders
        self.quota_count = QSpinBox()
        self.quota_count.setRange(0, 100_000)
        self.quota_count.setSpecialValueText("không có")
        self.quota_unit = QLineEdit()
        self.quota_unit.setPlaceholderText("tin, bài; bản tin; chuyên trang...")
        self.quota_per = QComboBox()
        for key, label in QUOTA_PER:
            self.quota_per.addItem(label, key)
        quota_row = QHBoxLayout()
        quota_row.addWidget(self.quota_count)
        quota_row.addWidget(self.quota_unit, 1)
        quota_row.addWidget(QLabel("mỗi"))
        quota_row.addWidget(self.quota_per)
        self.own_leads = QCheckBox("Riêng cho nhiệm vụ này")
        self.leads = QLineEdit(", ".join(str(d) for d in default_leads))
        self.leads.setPlaceholderText("7, 1")
        lead_row = QHBoxLayout()
        lead_row.addWidget(self.own_leads)
        lead_row.addWidget(self.leads, 1)
        lead_row.addWidget(QLabel("ngày trước hạn"))

        form = QFormLayout()
        form.addRow("Loại lịch:", self.kind)
        form.addRow(self.pages)
        form.addRow("Chỉ tiêu:", quota_row)
        form.addRow("Nhắc trước:", lead_row)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = QListWidget()
        self.preview.setObjectName("schedulePreview")
        reset = QPushButton("Đọc lại từ văn bản")
        reset.setToolTip("Bỏ lịch đặt bằng tay; lịch được tính lại từ thời gian thực hiện")
        reset.clicked.connect(self._reset)
        self.reset_requested = False

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(QLabel("Xem trước các hạn trong kỳ kế hoạch:"))
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        buttons = messages.ok_cancel(self)
        buttons.addButton(reset, buttons.ButtonRole.ResetRole)
        layout.addWidget(buttons)

        self._load(task.schedule, parsed)
        for w in (self.kind, self.freq, self.weekday, self.quota_per):
            w.currentIndexChanged.connect(self._update)
        for w in (self.month, self.day, self.quota_count):
            w.valueChanged.connect(self._update)
        for w in (self.dates, self.quota_unit, self.leads):
            w.textChanged.connect(self._update)
        for w in (self.before, self.own_leads):
            w.toggled.connect(self._update)
        self._update()
        fit_to_screen(self, 760, 600)

    # loading ---------------------------------------------------------------------

    def _load(self, data: dict | None, parsed: schedule.Schedule) -> None:
        kind = (data or {}).get("kind", "auto")
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        dates = (data or {}).get("dates") or [d.isoformat() for d in parsed.dates[:12]]
        self.dates.setText("; ".join(date_table(_iso(d)) for d in dates if _iso(d)))
        cycle = list((data or {}).get("cycle") or parsed.cycle)
        if cycle:
            self.freq.setCurrentIndex(max(0, self.freq.findData(cycle[0])))
        rule = (data or {}).get("rrule") if (data or {}).get("kind") == "recurring" else parsed.rrule
        if rule:
            self._load_rule(rule)
        quota = (data or {}).get("quota") or (
            {"count": parsed.quota.count, "unit": parsed.quota.unit, "per": parsed.quota.per} if parsed.quota else None)
        if quota:
            self.quota_count.setValue(int(quota["count"]))
            self.quota_unit.setText(quota["unit"])
            self.quota_per.setCurrentIndex(max(0, self.quota_per.findData(quota.get("per"))))
        leads = (data or {}).get("lead_days")
        if leads is not None:
            self.own_leads.setChecked(True)
            self.leads.setText(", ".join(str(d) for d in leads))

    def _load_rule(self, rule: str) -> None:
        """Set frequency, weekday, month and day from a stored RRULE, so that saving the form
        unchanged stores the same rule (a rule the form cannot show keeps the frequency only)."""
        read = read_rrule(rule)
        if read is None:
            return
        freq, weekday, month, day, before = read
        self.freq.setCurrentIndex(max(0, self.freq.findData(freq)))
        self.month.setMaximum({"quarter": 3, "half": 6}.get(freq, 12))
        if weekday:
            self.weekday.setCurrentIndex(max(0, self.weekday.findData(weekday)))
        self.month.setValue(month)
        self.day.setValue(day)
        self.before.setChecked(before)

    # the schedule as JSON ------------------------------------------------------------

    def value(self) -> dict[str, Any]:
        """The schedule JSON the form describes (validated by the core when saved)."""
        kind = self.kind.currentData()
        data: dict[str, Any] = {"kind": kind}
        if kind in ("deadline", "period_end"):
            parts = [p.strip() for p in self.dates.text().replace(",", ";").split(";") if p.strip()]
            data["dates"] = [parse_date(p).isoformat() for p in parts]
        if kind == "recurring":
            freq = self.freq.currentData()
            data["rrule"] = build_rrule(freq, weekday=self.weekday.currentData(), month=self.month.value(),
                                        day=self.day.value(), before=self.before.isChecked())
            data["cycle"] = [freq]
        if self.quota_count.value() > 0:
            data["quota"] = {"count": self.quota_count.value(), "unit": self.quota_unit.text().strip(),
                             "per": self.quota_per.currentData()}
        if self.own_leads.isChecked():
            try:
                data["lead_days"] = [int(x) for x in self.leads.text().replace(";", ",").split(",") if x.strip()]
            except ValueError:
                raise ValidationError("Số ngày nhắc trước phải là số nguyên, cách nhau bằng dấu phẩy.") from None
        return data

    def _update(self) -> None:
        kind = self.kind.currentData()
        self.pages.setCurrentIndex({"deadline": 1, "period_end": 1, "recurring": 2}.get(kind, 0))
        freq = self.freq.currentData()
        self.recur_form.setRowVisible(self.weekday, freq == "week")
        self.recur_form.setRowVisible(self.month, freq in ("quarter", "half", "year"))
        self.recur_form.setRowVisible(self.day, freq != "week")
        self.month.setMaximum({"quarter": 3, "half": 6}.get(freq, 12))
        self.leads.setEnabled(self.own_leads.isChecked())
        self.preview.clear()
        try:
            data = self.value()
        except ValidationError as exc:
            self.summary.setText(f"<span style='color:#c62828'>{_esc(exc.message)}</span>")
            return
        result = schedule.preview(data, *self.period, text=self.task.time_frame)
        if result.error:
            self.summary.setText(f"<span style='color:#c62828'>{_esc(result.error)}</span>")
        else:
            self.summary.setText(f"{_esc(result.summary)}: {len(result.dates)} hạn")
        for d, label in zip(result.dates, result.labels, strict=False):
            self.preview.addItem(f"{date_table(d)}   {label}")

    def _reset(self) -> None:
        self.reset_requested = True
        self.accept()

    def accept(self) -> None:
        if not self.reset_requested:
            try:
                schedule.validate_schedule(self.value())
            except ValidationError as exc:
                messages.error(self, exc.message)
                return
        super().accept()


def _iso(value: Any):  # noqa: ANN202
    import datetime as dt

    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return None


def _esc(text: str) -> str:
    import html

    return html.escape(text or "")


def edit_schedule(parent: QWidget, controller: Controller, task_id: int) -> bool:
    """Open the form for a task and save what the officer sets as one undoable step."""
    store = controller.store
    task = store.tasks.get(task_id)
    plan = store.plans.get(int(task.plan_id))  # type: ignore[arg-type]
    dialog = ScheduleDialog(task, plan.period_start, plan.period_end or None, schedule.global_lead_days(store), parent)
    if not dialog.exec():
        return False
    before = task.schedule
    after = None if dialog.reset_requested else schedule.validate_schedule(dialog.value())
    return controller.run(
        "Đặt lịch thực hiện",
        lambda: schedule.save_schedule(store, task_id, after),
        lambda: schedule.save_schedule(store, task_id, before),
        kinds=(TASKS, CALENDAR),
    ) is not None
