"""Form for all metadata of a plan: act, issuer, dates, period, signer, lists, sections, appendices."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.documents.render.settings import DocumentSettings
from cchc_desktop.store.checks import number_symbol_warning
from cchc_desktop.store.domain import (
    Appendix,
    Plan,
    PlanStatus,
    Section,
    default_appendix_title,
    default_plan_title,
    is_default_plan_title,
)
from ui.common.date_field import DateField
from ui.common.forms import wheel_scrolls_page


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


def _short_text(rows: int = 2) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * rows + 14)
    return edit


class _OrderedList(QWidget):
    """An ordered, editable list of titles (appendices, section headings) with add/remove/move."""

    current_changed = Signal(int)
    """The selected row changed; the argument is the new row (-1 for none)."""

    edited = Signal()
    """Items were added, removed, renamed or moved."""

    def __init__(self, add_text: str, default_title: str) -> None:
        super().__init__()
        self._default_title = default_title
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.currentRowChanged.connect(self.current_changed)
        self.list.itemChanged.connect(lambda _item: self.edited.emit())
        self.list.model().rowsMoved.connect(lambda *_: self.edited.emit())
        buttons = QHBoxLayout()
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton("Xóa")
        self.up_button = QPushButton("Lên")
        self.down_button = QPushButton("Xuống")
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def set_items(self, items: list[tuple[str, object]]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for title, data in items:
            self._append(title, data)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.current_changed.emit(self.list.currentRow())

    def _append(self, title: str, data: object) -> QListWidgetItem:
        item = QListWidgetItem(title)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(Qt.ItemDataRole.UserRole, data)
        self.list.addItem(item)
        return item

    def items(self) -> list[tuple[str, object]]:
        return [
            (self.list.item(i).text().strip(), self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
        ]

    def add_item(self) -> None:
        item = self._append(self._default_title, None)
        self.list.setCurrentItem(item)
        self.list.editItem(item)
        self.edited.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.edited.emit()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not (0 <= target < self.list.count()):
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(target)
        self.edited.emit()


class PlanEditor(QWidget):
    """Edits one plan; `plan()` returns the edited copy, `save_requested` asks to store it."""

    save_requested = Signal()
    """The officer pressed Lưu (or Ctrl+S)."""

    revert_requested = Signal()
    """The officer wants the stored values back."""

    dirty_changed = Signal(bool)
    """The form now differs (True) or no longer differs (False) from the stored plan."""

    def __init__(self, parent: QWidget | None = None, *, empty: bool = True, guard_wheel: bool = True) -> None:
        """`empty=False`: the caller loads a plan (or none) at once with `set_plan`; the form is
        not first filled and disabled for no plan only to be filled and enabled again (disabling
        and enabling every field cost about 3 ms of the window's start).
        `guard_wheel=False`: the caller calls `guard_wheel` once the form is on screen."""
        super().__init__(parent)
        self._wheel_guarded = False
        self._plan: Plan | None = None
        self._loading = False
        self._dirty = False
        self._sections: list[Section] = []
        self._section_row = -1

        self.number = QLineEdit()
        self.number.setPlaceholderText("ví dụ 95/KH-UBND; để trống số khi còn dự thảo: /KH-UBND")
        self.number_warning = QLabel()
        self.number_warning.setWordWrap(True)
        # The warning's colour in the label's palette: a style sheet would give the form a style
        # of its own to lay out and paint (about 2 ms of the window's first paint), same pixels.
        warning_palette = self.number_warning.palette()
        warning_palette.setColor(QPalette.ColorRole.WindowText, QColor("#9a6700"))
        self.number_warning.setPalette(warning_palette)
        self.status = QComboBox()
        for status in PlanStatus:
            self.status.addItem(status.label, status.value)
        self.parent_body = QLineEdit()
        self.parent_body.setPlaceholderText("ví dụ UBND TỈNH VĨNH LONG (để trống nếu là UBND tỉnh)")
        self.issuer = QLineEdit()
        self.act_authority = QLineEdit()
        self.act_authority.setPlaceholderText("ví dụ Chủ tịch UBND tỉnh Vĩnh Long (mặc định: cơ quan ban hành)")
        self.place = QLineEdit()
        self.has_date = QCheckBox("Đã có ngày ban hành")
        self.issue_date = DateField(dt.date.today())
        self.has_date.toggled.connect(self.issue_date.setEnabled)
        self.has_date.toggled.connect(self._offer_today)
        self.period_start = QSpinBox()
        self.period_end = QSpinBox()
        for spin in (self.period_start, self.period_end):
            spin.setRange(1945, 2200)
            spin.setGroupSeparatorShown(False)
        self.period_start.valueChanged.connect(
            lambda v: self.period_end.setValue(max(v, self.period_end.value())) if not self._loading else None
        )
        self.title = _short_text(3)
        self.signer_authority = _short_text(2)
        self.signer_position = QLineEdit()
        self.signer_name = QLineEdit()
        self._document_settings: DocumentSettings | None = None
        self.proposer = _short_text(2)
        self.legal_bases = _short_text(6)
        self.legal_bases.setPlaceholderText("Mỗi căn cứ một dòng, theo thứ tự in.")
        self.recipients = _short_text(6)
        self.recipients.setPlaceholderText("Mỗi nơi nhận một dòng; dòng cuối: Lưu: VT, ...")

        self.appendices = _OrderedList("Thêm phụ lục", "Phụ lục mới")
        self.appendices.list.setFixedHeight(90)
        self.sections = _OrderedList("Thêm mục", "Mục mới")
        self.sections.list.setFixedHeight(120)
        self.section_body = QPlainTextEdit()
        self.section_body.setMinimumHeight(140)
        self.section_body.setPlaceholderText("Nội dung của mục đang chọn.")
        self.sections.current_changed.connect(self._section_selected)
        self.sections.edited.connect(self._sections_edited)

        act = QGroupBox("Văn bản ban hành")
        form = QFormLayout(act)
        form.addRow("Số, ký hiệu:", self.number)
        form.addRow("", self.number_warning)
        form.addRow("Trạng thái:", self.status)
        form.addRow("Cơ quan chủ quản:", self.parent_body)
        form.addRow("Cơ quan ban hành:", self.issuer)
        form.addRow("Thẩm quyền ban hành:", self.act_authority)
        form.addRow("Địa danh:", self.place)
        date_row = QHBoxLayout()
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.issue_date)
        date_row.addStretch(1)
        form.addRow("Ngày ban hành:", date_row)
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel("từ năm"))
        period_row.addWidget(self.period_start)
        period_row.addWidget(QLabel("đến năm"))
        period_row.addWidget(self.period_end)
        period_row.addStretch(1)
        form.addRow("Kỳ kế hoạch:", period_row)
        form.addRow("Trích yếu:", self.title)

        signer = QGroupBox("Người ký")
        sform = QFormLayout(signer)
        sform.addRow("Quyền hạn ký:", self.signer_authority)
        sform.addRow("Chức vụ:", self.signer_position)
        sform.addRow("Họ và tên:", self.signer_name)

        basis = QGroupBox("Căn cứ, đề nghị và nơi nhận")
        bform = QFormLayout(basis)
        bform.addRow("Căn cứ:", self.legal_bases)
        bform.addRow("Theo đề nghị của:", self.proposer)
        bform.addRow("Nơi nhận:", self.recipients)

        sections = QGroupBox("Các mục của kế hoạch")
        sec_layout = QVBoxLayout(sections)
        sec_split = QSplitter(Qt.Orientation.Vertical)
        sec_split.addWidget(self.sections)
        sec_split.addWidget(self.section_body)
        sec_layout.addWidget(sec_split)

        apps = QGroupBox("Phụ lục")
        apps_layout = QVBoxLayout(apps)
        apps_layout.addWidget(self.appendices)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        for box in (act, signer, basis, sections, apps):
            body_layout.addWidget(box)
        body_layout.addStretch(1)
        for f in (form, sform, bform):  # a narrow editor puts labels above their fields
            f.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self._body = body
        if guard_wheel:
            self.guard_wheel()
        # Never narrower than the form (nothing is cut off at the right); taller forms scroll.
        scroll.setMinimumWidth(body.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
                               + 2 * scroll.frameWidth())

        self.save_button = QPushButton("Lưu kế hoạch")
        self.save_button.setToolTip("Lưu (Ctrl+S)")
        self.revert_button = QPushButton("Hoàn lại")
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button.clicked.connect(self.revert_requested)
        buttons = QHBoxLayout()
        self.dirty_label = QLabel()
        buttons.addWidget(self.dirty_label)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        layout.addLayout(buttons)

        for w in (self.number, self.parent_body, self.issuer, self.act_authority, self.place,
                  self.signer_position, self.signer_name):
            w.textChanged.connect(self._mark_dirty)
        for w in (self.title, self.signer_authority, self.proposer, self.legal_bases, self.recipients,
                  self.section_body):
            w.textChanged.connect(self._mark_dirty)
        self.status.currentIndexChanged.connect(self._mark_dirty)
        self.has_date.toggled.connect(self._mark_dirty)
        self.issue_date.dateChanged.connect(self._mark_dirty)
        self.issue_date.textEdited.connect(self._mark_dirty)
        self.period_start.valueChanged.connect(self._mark_dirty)
        self.period_end.valueChanged.connect(self._mark_dirty)
        self._shown_period = (0, 0)
        self.period_start.valueChanged.connect(self._follow_period)
        self.period_end.valueChanged.connect(self._follow_period)
        self.appendices.edited.connect(self._mark_dirty)
        self.number.textChanged.connect(self._check_number)
        for edit in (self.number, self.parent_body, self.issuer, self.signer_authority, self.signer_position,
                     self.signer_name):
            edit.textChanged.connect(self._show_signer_defaults)
        if empty:
            self.set_plan(None)

    # state ---------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_document_settings(self, settings: DocumentSettings | None) -> None:
        """The office's document settings (Thông tin cơ quan), whose signer the printed plan takes
        when the form names none."""
        self._document_settings = settings
        self._show_signer_defaults()

    def _show_signer_defaults(self, *_args: object) -> None:
        """The signer fields, left empty, say what the printed plan puts there: the one decision
        of `letterhead` (the plan's signer, else the office's, else the head of the issuer)."""
        if self._loading:
            return  # once, when the whole plan is in the form (set_plan), not once per field
        from cchc_desktop.documents.render.letterhead import letterhead

        form = replace(self._plan or Plan(), number=self.number.text(), parent_body=self.parent_body.text(),
                       issuer=self.issuer.text(), signer_authority=self.signer_authority.toPlainText(),
                       signer_position=self.signer_position.text(), signer_name=self.signer_name.text())
        authority, position, name = letterhead(self._document_settings, form, own_plan=True).signature()
        self.signer_authority.setPlaceholderText(f"Để trống thì in: {authority}" if authority
                                                 else "Để trống thì không in dòng này")
        self.signer_position.setPlaceholderText(f"Để trống thì in: {position}" if position
                                                else "Để trống thì không in dòng này")
        self.signer_name.setPlaceholderText(f"Để trống thì in: {name}" if name
                                            else "Để trống thì để chỗ ghi họ tên bằng tay")

    def _mark_dirty(self, *_args: object) -> None:
        if self._loading or self._plan is None:
            return
        if not self._dirty:
            self._dirty = True
            self.dirty_label.setText("Có thay đổi chưa lưu")
            self.dirty_changed.emit(True)

    def _set_clean(self) -> None:
        self._dirty = False
        self.dirty_label.setText("")
        self.dirty_changed.emit(False)

    def _follow_period(self, *_args: object) -> None:
        """A title or appendix title still as the default of the old period becomes the default
        of the new one ("... năm 2026" → "... năm 2025"); one the officer wrote stays."""
        old = self._shown_period
        new = (self.period_start.value(), self.period_end.value())
        self._shown_period = new
        if self._loading or self._plan is None or old == new:
            return
        if is_default_plan_title(self.title.toPlainText(), *old):
            self.title.setPlainText(default_plan_title(*new))
        for i in range(self.appendices.list.count()):
            item = self.appendices.list.item(i)
            if item.text().strip() == default_appendix_title(*old):
                item.setText(default_appendix_title(*new))

    def _offer_today(self, checked: bool) -> None:
        """Ticking "Đã có ngày ban hành" on a plan without a date offers today."""
        if checked and not self._loading and (self._plan is None or self._plan.issue_date is None):
            self.issue_date.setDate(dt.date.today())

    def guard_wheel(self) -> None:
        """The wheel scrolls the editor, never changes the period or status under it (its only
        spin boxes and list) unless the officer clicked into them. Its event filter sees every
        event of those fields, so the window sets it once painted (about 2.5 ms of the first
        paint: the first event a Python filter sees makes PySide load the Python classes of
        all of Qt's events); no wheel reaches a form before it is on screen."""
        if not self._wheel_guarded:
            self._wheel_guarded = True
            wheel_scrolls_page(self._body, (self.status, self.period_start, self.period_end))

    def _check_number(self, text: str) -> None:
        warning = number_symbol_warning(text)
        self.number_warning.setText(warning or "")
        self.number_warning.setVisible(bool(warning))

    def _section_selected(self, row: int) -> None:
        self._store_section_body()
        self._section_row = row
        was_loading = self._loading
        self._loading = True
        items = self.sections.items()
        self.section_body.setPlainText(str(items[row][1] or "") if 0 <= row < len(items) else "")
        self.section_body.setEnabled(0 <= row < len(items))
        self._loading = was_loading

    def _store_section_body(self) -> None:
        row = self._section_row
        if 0 <= row < self.sections.list.count():
            self.sections.list.item(row).setData(Qt.ItemDataRole.UserRole, self.section_body.toPlainText())

    def _sections_edited(self) -> None:
        self._section_row = self.sections.list.currentRow()
        self._mark_dirty()

    # load / read ------------------------------------------------------------

    def set_plan(self, plan: Plan | None) -> None:
        self._loading = True
        self._plan = plan
        p = plan or Plan(period_start=dt.date.today().year)
        self.number.setText(p.number)
        self.status.setCurrentIndex(max(0, self.status.findData(p.status.value)))
        self.parent_body.setText(p.parent_body)
        self.issuer.setText(p.issuer)
        self.act_authority.setText(p.act_authority)
        self.place.setText(p.place)
        self.has_date.setChecked(p.issue_date is not None)
        self.issue_date.setEnabled(p.issue_date is not None)
        self.issue_date.setDate(p.issue_date or dt.date.today())  # never the date of the plan shown before
        self.period_start.setValue(p.period_start or dt.date.today().year)
        self.period_end.setValue(p.period_end or p.period_start or dt.date.today().year)
        self.title.setPlainText(p.title)
        self.signer_authority.setPlainText(p.signer_authority)
        self.signer_position.setText(p.signer_position)
        self.signer_name.setText(p.signer_name)
        self.proposer.setPlainText(p.proposer)
        self.legal_bases.setPlainText("\n".join(p.legal_bases))
        self.recipients.setPlainText("\n".join(p.recipients))
        self._section_row = -1
        self.sections.set_items([(s.heading, s.body) for s in p.sections])
        self.appendices.set_items(
            [(a.title, a.id) for a in p.appendices]
        )
        self._check_number(p.number)
        self._shown_period = (self.period_start.value(), self.period_end.value())
        self.setEnabled(plan is not None)
        self._loading = False
        self._show_signer_defaults()
        self._set_clean()

    @property
    def loaded_plan(self) -> Plan | None:
        """The plan as it was read into the form (what an edit is compared with on saving)."""
        return self._plan

    def plan(self) -> Plan:
        """The plan as the form shows it (not validated; the service does that)."""
        self._store_section_body()
        base = self._plan or Plan()
        appendices = []
        for title, aid in self.appendices.items():
            appendices.append(Appendix(id=aid if isinstance(aid, int) else None, plan_id=base.id, title=title))
        return replace(
            base,
            number=self.number.text(),
            status=PlanStatus(self.status.currentData()),
            parent_body=self.parent_body.text(),
            issuer=self.issuer.text(),
            act_authority=self.act_authority.text(),
            place=self.place.text(),
            issue_date=self.issue_date.value() if self.has_date.isChecked() else None,
            period_start=self.period_start.value(),
            period_end=self.period_end.value(),
            title=self.title.toPlainText(),
            signer_authority=self.signer_authority.toPlainText(),
            signer_position=self.signer_position.text(),
            signer_name=self.signer_name.text(),
            proposer=self.proposer.toPlainText(),
            legal_bases=_lines(self.legal_bases),
            recipients=_lines(self.recipients),
            sections=[Section(heading=h, body=str(b or "")) for h, b in self.sections.items()],
            appendices=appendices,
        )
