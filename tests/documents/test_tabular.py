"""Tables copied to and pasted from Word and Excel."""

from __future__ import annotations

import pytest

from cchc_desktop.documents.tabular import (
    guess_mapping,
    parse_clipboard,
    parse_html_table,
    parse_tsv,
    rows_to_items,
    to_html,
    to_tsv,
)
from cchc_desktop.errors import ValidationError
from cchc_desktop.store.checks import check_text

HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]

# What Word puts on the clipboard for two rows of an appendix table (trimmed, same shape).
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8">
<style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=VI>
<!--StartFragment-->
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>
 <tr style='mso-yfti-irow:0'>
  <td width=48 valign=top><p class=MsoNormal align=center><b><span lang=VI>STT<o:p></o:p></span></b></p></td>
  <td width=300 valign=top><p class=MsoNormal align=center><b><span lang=VI>Nội dung<o:p></o:p></span></b></p></td>
  <td width=120 valign=top><p class=MsoNormal align=center><b><span lang=VI>Cơ quan chủ trì<o:p></o:p></span></b></p></td>
  <td width=120 valign=top><p class=MsoNormal align=center><b><span lang=VI>Cơ quan phối hợp<o:p></o:p></span></b></p></td>
  <td width=90 valign=top><p class=MsoNormal align=center><b><span lang=VI>Thời gian thực
  hiện<o:p></o:p></span></b></p></td>
 </tr>
 <tr style='mso-yfti-irow:1'>
  <td width=48 valign=top><p class=MsoNormal align=center><span lang=VI>1.<o:p></o:p></span></p></td>
  <td width=300 valign=top><p class=MsoNormal><span lang=VI>Tổ chức hội thi &#8220;Tuyên truyền ứng dụng
  công nghệ thông tin trong CCHC&#8221;.<o:p></o:p></span></p>
  <p class=MsoNormal><span lang=VI>Sản phẩm: 01 hội thi &amp; 05 giải<o:p></o:p></span></p></td>
  <td width=120 valign=top><p class=MsoNormal><span lang=VI>Sở Thông tin và Truyền thông<o:p></o:p></span></p></td>
  <td width=120 valign=top><p class=MsoNormal><span lang=VI>Sở Nội vụ,&nbsp;các cơ quan, đơn vị liên quan<o:p></o:p></span></p></td>
  <td width=90 valign=top><p class=MsoNormal><span lang=VI>Quý IV/2024<o:p></o:p></span></p></td>
 </tr>
</table>
<!--EndFragment-->
</body></html>"""


def test_word_html_table() -> None:
    rows = parse_html_table(WORD_HTML)
    assert rows == [
        HEADER,
        [
            "1.",
            "Tổ chức hội thi “Tuyên truyền ứng dụng công nghệ thông tin trong CCHC”.\nSản phẩm: 01 hội thi & 05 giải",
            "Sở Thông tin và Truyền thông",
            "Sở Nội vụ, các cơ quan, đơn vị liên quan",
            "Quý IV/2024",
        ],
    ]


def test_html_prefers_the_outer_table_and_ignores_nested_ones() -> None:
    markup = "<table><tr><td>Ngoài<table><tr><td>Trong</td></tr></table></td><td>B</td></tr></table>"
    assert parse_html_table(markup) == [["Ngoài", "B"]]
    assert parse_html_table("<p>Không có bảng</p>") == []


def test_excel_tsv_with_quoted_multi_line_cells() -> None:
    text = (
        "STT\tNội dung\tCơ quan chủ trì\r\n"
        '1\t"Dòng một\r\nDòng hai"\tSở Nội vụ\r\n'
        '2\t"Hội thi ""Tìm hiểu CCHC"""\tSở Tư pháp\r\n'
        "\t\t\r\n"
    )
    assert parse_tsv(text) == [
        ["STT", "Nội dung", "Cơ quan chủ trì"],
        ["1", "Dòng một\nDòng hai", "Sở Nội vụ"],
        ["2", 'Hội thi "Tìm hiểu CCHC"', "Sở Tư pháp"],
    ]


def test_clipboard_prefers_html_and_pads_short_rows() -> None:
    assert parse_clipboard(text="x\ty", markup=WORD_HTML)[0] == HEADER
    assert parse_clipboard(text="1\tLàm A\tSở Nội vụ\n2\tLàm B\n") == [
        ["1", "Làm A", "Sở Nội vụ"],
        ["2", "Làm B", ""],
    ]
    assert parse_clipboard() == []


def test_mapping_from_a_header_row() -> None:
    mapping, header = guess_mapping([HEADER, ["1", "Làm A", "Sở Nội vụ", "", "Quý I/2024"]])
    assert header is True
    assert mapping == ["stt", "content", "lead", "partners", "time_frame"]


def test_mapping_from_header_words_written_differently() -> None:
    row = ["TT", "NỘI DUNG NHIỆM VỤ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Sản phẩm", "Ghi chú", "Cột lạ"]
    mapping, header = guess_mapping([row])
    assert header is True
    assert mapping == ["stt", "content", "lead", "partners", "time_frame", "output", "notes", "skip"]


def test_mapping_from_position_when_there_is_no_header() -> None:
    numbered = [["1", "Làm A", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2024"], ["II", "Sở Tư pháp", "", "", ""]]
    assert guess_mapping(numbered) == (["stt", "content", "lead", "partners", "time_frame"], False)
    unnumbered = [["Làm A", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2024"]]
    assert guess_mapping(unnumbered) == (["content", "lead", "partners", "time_frame"], False)
    assert guess_mapping([]) == ([], False)


def test_roman_numeral_rows_become_groups() -> None:
    rows = [
        HEADER,
        ["I", "Văn phòng UBND tỉnh", "", "", ""],
        ["1", "Xây dựng chuyên mục CCHC", "Văn phòng UBND tỉnh", "", "Thường xuyên"],
        ["", "", "", "", ""],
        ["II.", "Sở Nội vụ", "", "", ""],
        ["1", "Tổ chức tập huấn", "Sở Nội vụ", "Các cơ quan, đơn vị liên quan", "Định kỳ hàng năm"],
    ]
    mapping, header = guess_mapping(rows)
    items = rows_to_items(rows, mapping, header)
    assert [(i.kind, i.source_row) for i in items] == [("group", 1), ("task", 2), ("group", 4), ("task", 5)]
    assert items[0].values == {"title": "Văn phòng UBND tỉnh"}
    assert items[2].values == {"title": "Sở Nội vụ"}
    assert items[3].values == {
        "stt": "1",
        "content": "Tổ chức tập huấn",
        "lead": "Sở Nội vụ",
        "partners": "Các cơ quan, đơn vị liên quan",
        "time_frame": "Định kỳ hàng năm",
    }


def test_two_columns_mapped_to_one_field_are_joined_by_a_line() -> None:
    items = rows_to_items([["1", "Làm A", "Ghi thêm"]], ["stt", "content", "content"], False)
    assert items[0].values["content"] == "Làm A\nGhi thêm"


ROWS = [
    ["1", "A&B <Phòng CCHC>\nDòng hai", "Sở Văn hóa, Thể thao và Du lịch", 'Nói "có"', "Quý I và II/2024"],
    ["I", "Sở Nội vụ", "", "", ""],
    ["2", "Cột\tcó tab", "Sở Nội vụ", "", "Trước ngày 16/01/2024"],
]


def test_tsv_round_trip() -> None:
    text = to_tsv([HEADER, *ROWS])
    assert text.endswith("\r\n")
    assert parse_tsv(text) == [HEADER, *ROWS]


def test_html_round_trip_keeps_markup_characters_as_text() -> None:
    rows = [r for r in ROWS if "\t" not in "".join(r)]
    markup = to_html(HEADER, rows, bold_rows=[1])
    assert "<Phòng CCHC>" not in markup  # escaped, so Word shows it as text
    assert "<b>Sở Nội vụ</b>" in markup
    assert parse_html_table(markup) == [HEADER, *rows]


@pytest.mark.parametrize("text, markup", [("", ""), ("\t\t\t\r\n\r\n", ""), ("", "<table><tr></table>"),
                                          ("", "<<<>>>"), ("", "<table><tr><td> </td></tr></table>")])
def test_empty_or_broken_clipboard_gives_nothing_to_paste(text: str, markup: str) -> None:
    rows = parse_clipboard(text=text, markup=markup)
    mapping, header = guess_mapping(rows)
    assert rows_to_items(rows, mapping, header) == []


def test_pasted_control_characters_reach_the_store_check() -> None:
    rows = parse_clipboard(text="1\tNội dung\x00\x01 hỏng\tSở Nội vụ")
    mapping, header = guess_mapping(rows)
    (item,) = rows_to_items(rows, mapping, header)
    with pytest.raises(ValidationError):
        check_text("Nội dung nhiệm vụ", item.values["content"])
