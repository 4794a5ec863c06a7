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


def test_pasted_rows_are_stored_in_order_with_their_group_headings(store) -> None:  # noqa: ANN001
    from cchc_desktop.documents.tabular import save_pasted
    from cchc_desktop.store.domain import Appendix, Plan

    plan = store.plans.create(Plan(title="Kế hoạch tuyên truyền CCHC năm 2025", period_start=2025,
                                   appendices=[Appendix(title="Phụ lục I")]))
    appendix_id = int(plan.appendices[0].id)
    target = store.tasks.add_group(appendix_id, "I. TUYÊN TRUYỀN TRỰC TIẾP")
    rows = parse_clipboard(text="STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\r\n"
                                "1\tHội nghị triển khai\tSở Nội vụ\tQuý I/2025\r\n"
                                "II\tTUYÊN TRUYỀN TRÊN BÁO CHÍ\t\t\r\n"
                                "1\tViết tin, bài về CCHC\tBáo Vĩnh Long\t03 tin/tháng\r\n"
                                "2\tPhóng sự truyền hình\tĐài PT-TH tỉnh\tQuý II/2025\r\n"
                                "III\tTUYÊN TRUYỀN TRỰC TUYẾN\t\t\r\n"
                                "1\tChuyên mục trên Cổng thông tin\tVăn phòng UBND tỉnh\tThường xuyên\r\n")
    mapping, header = guess_mapping(rows)
    ids = save_pasted(store, int(plan.id), appendix_id, int(target.id), rows_to_items(rows, mapping, header))
    listed = [(r.task.id, r.group_title, r.stt, r.task.content, r.task.lead_names, r.task.time_frame)
              for r in store.tasks.rows(int(plan.id))]
    assert listed == [
        (ids[0], "I. TUYÊN TRUYỀN TRỰC TIẾP", 1, "Hội nghị triển khai", ["Sở Nội vụ"], "Quý I/2025"),
        (ids[1], "TUYÊN TRUYỀN TRÊN BÁO CHÍ", 1, "Viết tin, bài về CCHC", ["Báo Vĩnh Long"], "03 tin/tháng"),
        (ids[2], "TUYÊN TRUYỀN TRÊN BÁO CHÍ", 2, "Phóng sự truyền hình", ["Đài PT-TH tỉnh"], "Quý II/2025"),
        (ids[3], "TUYÊN TRUYỀN TRỰC TUYẾN", 1, "Chuyên mục trên Cổng thông tin", ["Văn phòng UBND tỉnh"], "Thường xuyên"),
    ]
    assert store.tasks.get(ids[0]).lead[0].agency_id == store.agencies.match("Sở Nội vụ") is not None

    # a row the store refuses: nothing of the paste is kept, its groups included
    bad = parse_clipboard(text="IV\tNHÓM MỚI\t\t\r\n1\tNội dung\x00 hỏng\tSở Nội vụ\tQuý III/2025\r\n")
    mapping, header = guess_mapping(bad)
    with pytest.raises(ValidationError):
        save_pasted(store, int(plan.id), appendix_id, None, rows_to_items(bad, mapping, header))
    assert [g.title for g in store.tasks.groups(appendix_id)] == [
        "I. TUYÊN TRUYỀN TRỰC TIẾP", "TUYÊN TRUYỀN TRÊN BÁO CHÍ", "TUYÊN TRUYỀN TRỰC TUYẾN"]
    assert len(store.tasks.rows(int(plan.id))) == 4
