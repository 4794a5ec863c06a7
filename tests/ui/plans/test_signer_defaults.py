"""The plan form's empty signer fields say what the printed plan puts there: the office's signer
(Thông tin cơ quan) when the plan names none, not a fixed example."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cchc_desktop.documents.render import settings as doc_settings


def test_signer_placeholders_show_the_signer_the_plan_prints(window, qtbot, person):
    store = window.store
    doc_settings.save(store, doc_settings.DocumentSettings(
        parent_body="UBND TỈNH VĨNH LONG", office_name="SỞ NỘI VỤ", abbreviation="SNV", place="Vĩnh Long",
        signer_authority="KT. GIÁM ĐỐC", signer_position="PHÓ GIÁM ĐỐC", signer_name="Trần Văn Bình"))
    window.controller.notify("settings")
    person.click_tab(window, "Kế hoạch")
    person.click(person.button(window.plans_tab, "Thêm kế hoạch"))
    editor = window.plans_tab.editor
    assert (editor.signer_authority.toPlainText(), editor.signer_position.text(), editor.signer_name.text()) == \
        ("", "", "")
    shown = (editor.signer_authority.placeholderText(), editor.signer_position.placeholderText(),
             editor.signer_name.placeholderText())
    assert shown == ("Để trống thì in: KT. GIÁM ĐỐC", "Để trống thì in: PHÓ GIÁM ĐỐC",
                     "Để trống thì in: Trần Văn Bình")

    # and the printed plan signs so
    seen: list[str] = []
    person.read_preview(seen)
    qtbot.keyClick(window.plans_tab.view, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in seen[0] and "Trần Văn Bình" in seen[0]

    # a signer typed in the form is what prints; the other empty fields follow it
    editor.signer_name.setFocus()
    qtbot.keyClicks(editor.signer_name, "Le Van C")
    assert editor.signer_position.placeholderText() == "Để trống thì in: GIÁM ĐỐC"  # the head of a Sở
