"""First run: an empty database offers "Thông tin cơ quan" once the window is up, without
blocking the window; filled in or skipped, it is not offered again; it is reached later
from Danh mục → Thông tin cơ quan... and writes the office's document settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.store.store import Store
from ui.office.office_dialog import OfficeInfoDialog, needs_office_info
from ui.shell.app import open_window

FIELDS = ("parent_body", "office_name", "abbreviation", "place", "signer_authority", "signer_position", "signer_name")


@pytest.fixture
def opened(qtbot, qsettings, vietnamese_qt, errors):
    """open_window as the program starts it, closed again after the test."""
    windows = []

    def open_(store: Store, demo: bool = False):  # noqa: ANN202
        window = open_window(store, demo, qsettings)
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield open_
    for window in windows:
        window.plans_tab.editor.set_plan(None)


def _office_dialog(qtbot, window) -> OfficeInfoDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: getattr(window, "office_dialog", None) is not None and window.office_dialog.isVisible())
    return window.office_dialog


def test_an_empty_database_offers_the_office_step_and_stores_what_is_typed(qtbot, store, opened):
    assert needs_office_info(store)
    window = opened(store)
    assert window.isVisible()  # the window came first; the call returned with the step open
    dialog = _office_dialog(qtbot, window)
    assert dialog.windowTitle() == "Thông tin cơ quan"
    assert dialog.windowModality() != Qt.WindowModality.NonModal and dialog.parent() is window
    assert [dialog.edits[key].text() for key in FIELDS] == [""] * len(FIELDS)
    typed = {
        "parent_body": "UBND TỈNH AN GIANG",
        "office_name": "Sở <Nội vụ> & Tư pháp",  # markup characters are stored as typed
        "abbreviation": "SNV",
        "place": "  Long Xuyên ",
        "signer_authority": "KT. GIÁM ĐỐC",
        "signer_position": "PHÓ GIÁM ĐỐC",
        "signer_name": "",  # empty is allowed
    }
    for key, value in typed.items():
        dialog.edits[key].setText(value)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    saved = doc_settings.load(store)
    assert {key: getattr(saved, key) for key in FIELDS} == {**typed, "place": "Long Xuyên"}
    assert not needs_office_info(store)
    assert "thông tin cơ quan" in window.statusBar().currentMessage().lower()

    again = opened(store)
    qtbot.wait(50)
    assert getattr(again, "office_dialog", None) is None  # asked once


def test_skipping_is_remembered_and_writes_no_office(qtbot, store, opened):
    window = opened(store)
    dialog = _office_dialog(qtbot, window)
    assert dialog.skip_button.text() == "Bỏ qua, nhập sau"
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert doc_settings.load(store) == doc_settings.DocumentSettings()
    assert not needs_office_info(store)
    again = opened(store)
    qtbot.wait(50)
    assert getattr(again, "office_dialog", None) is None


def test_escape_on_the_untouched_step_skips_it(qtbot, store, opened):
    window = opened(store)
    dialog = _office_dialog(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not needs_office_info(store)


def test_the_step_appears_with_the_demo_on_an_empty_database(qtbot, store, opened):
    window = opened(store, demo=True)
    assert len(store.plans.list()) == 1  # the demo plan was loaded
    dialog = _office_dialog(qtbot, window)
    assert dialog.first_run
    dialog.reject()
    assert not needs_office_info(store)


def test_a_database_in_use_is_not_asked(qtbot, demo_store, opened):
    doc_settings.save(demo_store, doc_settings.DocumentSettings())  # no office, but plans
    window = opened(demo_store)
    qtbot.wait(50)
    assert getattr(window, "office_dialog", None) is None


def test_the_menu_opens_it_later_with_the_stored_values(qtbot, store, opened):
    doc_settings.save(store, doc_settings.DocumentSettings(office_name="Sở Tư pháp", place="Cần Thơ"))
    window = opened(store)
    qtbot.wait(50)
    assert getattr(window, "office_dialog", None) is None
    assert window.office_action.text() == "Thông tin cơ quan..."
    assert window.office_action in window.data_menu.actions()
    window.office_action.trigger()
    dialog = _office_dialog(qtbot, window)
    assert not dialog.first_run and dialog.skip_button.text() == "Hủy"
    assert dialog.edits["office_name"].text() == "Sở Tư pháp" and dialog.edits["place"].text() == "Cần Thơ"
    dialog.edits["signer_name"].setText("Trần Văn B")
    dialog.accept()
    saved = doc_settings.load(store)
    assert (saved.office_name, saved.place, saved.signer_name) == ("Sở Tư pháp", "Cần Thơ", "Trần Văn B")
    assert saved.margin_left_mm == 30  # the page settings are left as they were
