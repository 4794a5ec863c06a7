"""Font choice, document settings and the escaping every document relies on."""

from __future__ import annotations

import shutil
import string
import unicodedata

import pytest

from cchc_desktop.documents.render import fonts, layout
from cchc_desktop.documents.render import settings as doc_settings
from cchc_desktop.errors import ValidationError

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)


def _fake_fonts(folder, names):
    plex = fonts.plex_dir()
    assert plex is not None, "IBM Plex Serif (a declared dependency) must be installed"
    faces = ["Regular", "Bold", "Italic", "BoldItalic"]
    folder.mkdir()
    for name, face in zip(names, faces, strict=True):
        shutil.copy(plex / f"IBMPlexSerif-{face}.ttf", folder / name)
    return folder


def test_times_new_roman_wins_then_liberation_then_the_python_package(tmp_path):
    times = _fake_fonts(tmp_path / "win", ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"])
    liberation = _fake_fonts(tmp_path / "lib", ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                                                "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"])
    assert fonts.find_family([liberation, times])[1] == "Times New Roman"
    assert fonts.find_family([liberation])[1] == "Liberation Serif"
    assert fonts.find_family([tmp_path / "empty"])[1] == "IBM Plex Serif"
    # three faces of Times are not enough: all four are registered or none
    (times / "timesbi.ttf").unlink()
    assert fonts.find_family([times])[1] == "IBM Plex Serif"


def test_no_vietnamese_letter_prints_as_a_box():
    text = VIETNAMESE + VIETNAMESE.upper() + string.digits + "–“”‘’…/-()&<>;:,."
    fam = fonts.document_font()
    for face in (fam.name, fam.bold, fam.italic, fam.bold_italic):
        assert fonts.missing_glyphs(text, face) == set()
    assert fonts.font_display_name() in ("Times New Roman", "Liberation Serif", "IBM Plex Serif")


def test_settings_default_to_the_decree_sample_values(store):
    s = doc_settings.load(store)
    assert (s.margin_top_mm, s.margin_bottom_mm, s.margin_left_mm, s.margin_right_mm) == (20, 20, 30, 15)
    assert s.body_font_size == 14 and s.appendix_orientation == "landscape"
    assert s.appendix_columns == ["stt", "content", "lead", "partners", "time_frame"]


def test_settings_round_trip_and_out_of_range_values_change_nothing(store):
    s = doc_settings.load(store)
    s.office_name = "Sở Nội vụ"
    s.margin_left_mm = 35
    doc_settings.save(store, s)
    assert doc_settings.load(store).office_name == "Sở Nội vụ"
    bad = doc_settings.load(store)
    bad.margin_left_mm = 40
    with pytest.raises(ValidationError, match="Lề trái"):
        doc_settings.save(store, bad)
    bad = doc_settings.load(store)
    bad.body_font_size = 12
    with pytest.raises(ValidationError, match="13 đến 14"):
        doc_settings.save(store, bad)
    bad = doc_settings.load(store)
    bad.appendix_columns = ["stt", "lead"]
    with pytest.raises(ValidationError, match="Nội dung"):
        doc_settings.save(store, bad)
    assert doc_settings.load(store).margin_left_mm == 35


def test_broken_stored_values_fall_back_to_defaults(store):
    store.settings.set(doc_settings.SETTINGS_KEY, {"margin_top_mm": 99, "place": "Vĩnh Long", "junk": 1})
    s = doc_settings.load(store)
    assert s.margin_top_mm == 20 and s.place == "Vĩnh Long"


def test_user_text_is_escaped_for_reportlab():
    assert layout.escape("A&B <Phòng CCHC>\ndòng hai") == "A&amp;B &lt;Phòng CCHC&gt;<br/>dòng hai"
    assert layout.escape(unicodedata.normalize("NFD", "Cộng hòa")) == unicodedata.normalize("NFC", "Cộng hòa")
    assert layout.number_line("5/KH-STTTT") == "Số: 05/KH-STTTT"
    assert layout.number_line("123/KH-UBND") == "Số: 123/KH-UBND"
    assert layout.number_line("/KH-UBND").startswith("Số: ") and layout.number_line("/KH-UBND").endswith(" /KH-UBND")
