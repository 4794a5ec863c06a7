"""Plans written in layouts of our own (not copies of the samples or the outside plans): the
importer must read the anatomy of a Vietnamese plan, whatever the wording of one province.
Also: our own PDFs read back whatever typeface printed them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import text_to_docx
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.importer import read_document, read_text, recognize
from cchc_desktop.importer.prose import field_of_label, split_lead_sentence, subject_of

HEADER = """ỦY BAN NHÂN DÂN
HUYỆN MỸ XUYÊN
Số: 27/KH-UBND    Mỹ Xuyên, ngày  30/ 12 /2024

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
"""

# labels on their own lines, values below; "Thời hạn" and "Tiến độ" for the time
OWN_LINES = HEADER + """
I. MỤC ĐÍCH
Nâng cao nhận thức của cán bộ.
II. NHIỆM VỤ CỤ THỂ
1. Chuyên mục trên Cổng thông tin điện tử huyện
a) Nội dung công việc:
- Đăng tin, bài về cải cách thủ tục hành chính của huyện.
b) Trách nhiệm thực hiện:
- Cơ quan chủ trì: Văn phòng HĐND và UBND huyện.
- Cơ quan phối hợp: Phòng Nội vụ.
c) Thời hạn hoàn thành: Quý II/2025.
2. Tập huấn kỹ năng tuyên truyền
a) Nội dung công việc:
- Mở 02 lớp tập huấn cho công chức cấp xã.
b) Trách nhiệm thực hiện:
- Cơ quan chủ trì: Phòng Nội vụ.
c) Tiến độ: Tháng 6/2025.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa và Thông tin
- Hướng dẫn các xã treo băng rôn, khẩu hiệu.
- Tổng hợp tin, bài gửi Cổng thông tin điện tử huyện.
2. Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Nội vụ bố trí kinh phí thực hiện Kế hoạch.
IV. THỜI GIAN THỰC HIỆN
Năm 2025.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lý Văn Năm
"""

# content first, then labels inline, two bullets sharing one set of labels; "X chủ trì, phối hợp với Y"
INLINE = HEADER + """
I. NHIỆM VỤ, GIẢI PHÁP
1. Đổi mới hình thức tuyên truyền
- Xây dựng video ngắn về dịch vụ công trực tuyến.
- Phát trên mạng xã hội của huyện.
Đơn vị chủ trì tham mưu thực hiện: Phòng Văn hóa và Thông tin.
Thời gian hoàn thành: Tháng 9/2025.
- Tổ chức hội thi tìm hiểu cải cách hành chính.
Cơ quan/Đơn vị thực hiện: Phòng Nội vụ chủ trì, phối hợp với Huyện đoàn và các xã, thị trấn.
Thời gian dự kiến hoàn thành: Quý III/2025.
II. TỔ CHỨC THỰC HIỆN
Các xã, thị trấn báo cáo kết quả về Phòng Nội vụ trước ngày 15/12/2025.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""


def _tasks(result) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(t.content.split("\n")[0][:30], t.lead, t.time_frame) for t in result.tasks]


def test_labels_on_their_own_lines_and_duties_per_agency() -> None:
    result = recognize(read_text(OWN_LINES))
    assert _tasks(result) == [
        ("Đăng tin, bài về cải cách thủ ", "Văn phòng HĐND và UBND huyện", "Quý II/2025"),
        ("Mở 02 lớp tập huấn cho công ch", "Phòng Nội vụ", "Tháng 6/2025"),
    ]
    assert result.tasks[0].partners == "Phòng Nội vụ"
    assert not result.tasks[0].derived
    # "Tổ chức thực hiện": duties under an agency heading inherit its lead and the plan-wide time
    offered = [(a.content[:30], a.lead, a.time_frame, sorted(a.derived)) for a in result.assignments]
    assert offered == [
        ("Hướng dẫn các xã treo băng rôn", "Phòng Văn hóa và Thông tin", "Năm 2025", ["lead", "time_frame"]),
        ("Tổng hợp tin, bài gửi Cổng thô", "Phòng Văn hóa và Thông tin", "Năm 2025", ["lead", "time_frame"]),
        ("Phòng Tài chính - Kế hoạch chủ", "Phòng Tài chính - Kế hoạch", "Năm 2025", ["lead", "time_frame"]),
    ]
    assert result.assignments[2].partners == "Phòng Nội vụ"
    assert not any(a.include for a in result.assignments), "offered, not ticked, beside the plan's tasks"
    assert all(a.source for a in result.assignments)
    plan = result.plan
    # "Số: ..." and the date with spaces on one line
    assert (plan.number, plan.issue_date, plan.place) == ("27/KH-UBND", dt.date(2024, 12, 30), "Mỹ Xuyên")
    assert (plan.signer_authority, plan.signer_position, plan.signer_name) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lý Văn Năm")


def test_content_before_inline_labels_and_a_lead_written_as_a_sentence(tmp_path: Path) -> None:
    for doc in (read_text(INLINE), read_document(text_to_docx(INLINE, tmp_path / "inline.docx"))):
        result = recognize(doc)
        assert _tasks(result) == [
            ("Xây dựng video ngắn về dịch vụ", "Phòng Văn hóa và Thông tin", "Tháng 9/2025"),
            ("Tổ chức hội thi tìm hiểu cải c", "Phòng Nội vụ", "Quý III/2025"),
        ]
        # two bullets before one set of labels are one task
        assert "Phát trên mạng xã hội" in result.tasks[0].content
        assert result.tasks[1].partners == "Huyện đoàn và các xã, thị trấn"
        # the reporting duty takes the subject of its sentence as lead
        (duty,) = result.duties
        assert (duty.lead, duty.time_frame, duty.include) == ("Các xã, thị trấn", "Trước ngày 15/12/2025", False)
        # no name under the signature: the signer stays empty, never a heading
        assert result.plan.signer_name == ""
        assert result.plan.signer_position == "PHÓ CHỦ TỊCH"


@pytest.mark.parametrize(("label", "field"), [
    ("Đơn vị chủ trì (tham mưu) thực hiện", "lead"), ("Cơ quan/Đơn vị thực hiện", "lead"), ("Chủ trì thực hiện", "lead"),
    ("Đơn vị phối hợp thực hiện", "partners"), ("Cơ quan, đơn vị phối hợp", "partners"),
    ("Thời gian dự kiến hoàn thành", "time_frame"), ("Thời hạn", "time_frame"), ("Tiến độ thực hiện", "time_frame"),
    ("Tên nhiệm vụ", "content"), ("Hoạt động", "content"), ("Nội dung", "content"),
    ("Mục đích", None), ("Lưu ý", None), ("Đối tượng", None),
])
def test_label_synonyms(label: str, field: str | None) -> None:
    assert field_of_label(label) == field


def test_subjects_and_lead_sentences() -> None:
    assert subject_of("Giao Sở Tư pháp theo dõi, đôn đốc các cơ quan.") == "Sở Tư pháp"
    assert subject_of("UBND các xã, phường tăng cường công tác lãnh đạo.") == "UBND các xã, phường"
    assert subject_of("Các cơ quan, tổ chức có liên quan phối hợp thực hiện.") == "Các cơ quan, tổ chức có liên quan"
    assert subject_of("Tăng cường công tác tuyên truyền.") == ""
    assert split_lead_sentence("Sở Y tế chủ trì, phối hợp với các sở, ngành.") == ("Sở Y tế", "các sở, ngành")
    assert split_lead_sentence("Sở Tư pháp; các cơ quan, đơn vị liên quan") == ("Sở Tư pháp; các cơ quan, đơn vị liên quan", "")


def test_own_plan_pdf_reads_back_in_ibm_plex(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without Times New Roman and Liberation Serif the PDFs use IBM Plex Serif, which is wider:
    the plan's title then fills the line and the "(Kèm theo ...)" line must not run on into it."""
    from cchc_desktop.documents.render import fonts
    from cchc_desktop.documents.render.plan_doc import render_plan_pdf
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.store import Store

    find = fonts.find_family
    monkeypatch.setattr(fonts, "find_family", lambda dirs=None, include_package=True: find([], include_package=True))
    fonts.document_font.cache_clear()
    try:
        assert fonts.document_font().display_name == "IBM Plex Serif"
        store = Store.memory()
        load_demo(store)
        plan = store.plans.list()[0]
        path = tmp_path / "plex.pdf"
        render_plan_pdf(store, plan.id, path)
        result = recognize(read_document(path), store)
        assert result.plan.title == plan.title
        assert (result.plan.number, result.plan.issue_date) == (plan.number, plan.issue_date)
        assert len(result.tasks) == 14
        store.close()
    finally:
        monkeypatch.undo()
        fonts.document_font.cache_clear()


def _docx_with_table(path: Path, rows: list[list[list[str]]]) -> Path:
    """A .docx with the plan's heading and one task table; each cell a list of paragraphs."""
    import docx

    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Số: 12/KH-UBND", "An Giang, ngày 05 tháng 01 năm 2025", "KẾ HOẠCH",
                 "Truyền thông cải cách hành chính năm 2025", "PHỤ LỤC", "NHIỆM VỤ NĂM 2025"):
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        cells = table.add_row().cells
        for cell, paragraphs in zip(cells, row, strict=True):
            cell.text = paragraphs[0] if paragraphs else ""
            for extra in paragraphs[1:]:
                cell.add_paragraph(extra)
    document.save(path)
    return path


def test_merged_sub_rows_and_parallel_paragraphs_of_a_word_table(tmp_path: Path) -> None:
    header = [["TT"], ["Nhiệm vụ, giải pháp"], ["Đơn vị thực hiện"], ["Cơ quan phối hợp"], ["Thời gian dự kiến hoàn thành"],
              ["Kết quả dự kiến"], ["Nguồn kinh phí"]]
    rows = [
        header,
        [["I"], ["Hạ tầng"], [], [], [], [], []],
        [["1"], ["Nâng cấp phòng máy chủ"], ["Trung tâm Chuyển đổi số"], ["Sở Tài chính"], ["Quý III/2025"], ["Phòng máy"], ["Ngân sách tỉnh"]],
        # the number, partners, time, result and funding cells merged with the row above
        [["Mua thiết bị sao lưu dự phòng"], ["Sở Khoa học và Công nghệ"], [], [], [], [], []],
        # one row, two tasks written as parallel paragraphs
        [["2"], ["Bố trí cán bộ vận hành hệ thống", "Bố trí cán bộ quản trị dữ liệu"], ["Sở Nội vụ", "Sở Tài chính"],
         ["Các sở, ngành", "Sở Nội vụ"], ["Năm 2025"], [], []],
    ]
    result = recognize(read_document(_docx_with_table(tmp_path / "bang.docx", rows)))
    got = [(t.content, t.lead, t.partners, t.time_frame, t.funding, t.group, sorted(t.derived)) for t in result.tasks]
    assert got == [
        ("Nâng cấp phòng máy chủ", "Trung tâm Chuyển đổi số", "Sở Tài chính", "Quý III/2025", "Ngân sách tỉnh", "Hạ tầng", []),
        ("Mua thiết bị sao lưu dự phòng", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Quý III/2025", "Ngân sách tỉnh", "Hạ tầng",
         ["funding", "output", "partners", "time_frame"]),
        ("Bố trí cán bộ vận hành hệ thống", "Sở Nội vụ", "Các sở, ngành", "Năm 2025", "", "Hạ tầng", []),
        ("Bố trí cán bộ quản trị dữ liệu", "Sở Tài chính", "Sở Nội vụ", "Năm 2025", "", "Hạ tầng", ["time_frame"]),
    ]
    assert result.tasks[1].output == "Phòng máy"


def test_a_name_that_holds_a_verb_is_a_whole_subject() -> None:
    assert subject_of("Sở Xây dựng đăng tải thông điệp trên bảng quang báo.") == "Sở Xây dựng"
    assert subject_of("Ban Chỉ đạo cải cách hành chính tỉnh chủ trì, phối hợp với các sở.") == "Ban Chỉ đạo cải cách hành chính tỉnh"


def test_time_found_in_the_text_and_a_condition_to_wait_for() -> None:
    text = HEADER + """
I. NHIỆM VỤ
1. Rà soát quy chế phối hợp
- Cơ quan chủ trì: Phòng Tư pháp.
- Thời gian thực hiện: Quý I/2025.
2. Triển khai quy chế mới
- Cơ quan chủ trì: Phòng Tư pháp.
Thời gian thực hiện sau khi quy chế mới được ban hành.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Tài chính - Kế hoạch bố trí kinh phí trong dự toán ngân sách hằng năm của huyện.
"""
    result = recognize(read_text(text))
    assert [(t.content, t.time_frame) for t in result.tasks] == [
        ("Rà soát quy chế phối hợp", "Quý I/2025"),
        ("Triển khai quy chế mới", "sau khi quy chế mới được ban hành"),
    ]
    assert not result.tasks[1].schedule_understood  # kept as written, for the officer to date
    # the budget's yearly cycle is not the duty's time frame
    (duty,) = result.assignments
    assert (duty.lead, duty.time_frame) == ("Phòng Tài chính - Kế hoạch", "")


DEPARTMENT_PLAN = """UBND TỈNH HẬU GIANG
SỞ NỘI VỤ
Số: 45/KH-SNV	Hậu Giang, ngày 14 tháng 01 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025 của Sở Nội vụ

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của công chức về cải cách hành chính.
II. CHỈ TIÊU
STT	Chỉ tiêu	Năm 2025
1	Tỷ lệ hồ sơ trực tuyến	80%
III. NHIỆM VỤ CỤ THỂ
1. Tuyên truyền trên Trang thông tin điện tử của Sở
- Tên nhiệm vụ: Đăng tải ít nhất 02 tin, bài/tháng về cải cách hành chính.
- Đơn vị chủ trì: Văn phòng Sở.
- Đơn vị phối hợp: Các phòng chuyên môn.
- Thời hạn: Hằng tháng.
2. Tổ chức hội nghị đối thoại
- Tên nhiệm vụ: Tổ chức 01 hội nghị đối thoại với doanh nghiệp.
- Đơn vị chủ trì: Phòng Cải cách hành chính.
- Thời hạn: Quý III/2025.
IV. TỔ CHỨC THỰC HIỆN
1. Văn phòng Sở: Theo dõi, tổng hợp, báo cáo Giám đốc Sở định kỳ hằng quý, trước ngày 15 của tháng cuối quý.
2. Các phòng chuyên môn
a) Phối hợp cung cấp thông tin cho Văn phòng Sở.
b) Cử công chức tham gia hội nghị.
Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2025 của Sở Nội vụ./.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
GIÁM ĐỐC
Nguyễn Thị Hoa
"""


def test_a_department_plan_with_an_indicator_table_and_lettered_duties() -> None:
    from cchc_desktop.store.store import Store

    store = Store.memory()  # the registry gives the issuer's name as written in it
    result = recognize(read_text(DEPARTMENT_PLAN), store)
    store.close()
    assert (result.plan.number, result.plan.issue_date, result.plan.issuer) == ("45/KH-SNV", dt.date(2025, 1, 14), "Sở Nội vụ")
    assert (result.plan.signer_position, result.plan.signer_name) == ("GIÁM ĐỐC", "Nguyễn Thị Hoa")
    # the indicator table is not a task table; "Tên nhiệm vụ" and "Thời hạn" are labels
    assert [(t.content[:30], t.lead, t.partners, t.time_frame) for t in result.tasks] == [
        ("Đăng tải ít nhất 02 tin, bài/t", "Văn phòng Sở", "Các phòng chuyên môn", "Hằng tháng"),
        ("Tổ chức 01 hội nghị đối thoại ", "Phòng Cải cách hành chính", "", "Quý III/2025"),
    ]
    # "1. Văn phòng Sở: ..." and "2. Các phòng chuyên môn" › "a) ..." › "b) ...": duties per agency;
    # the closing "Trên đây là Kế hoạch ..." is none
    offered = [(a.lead, a.content) for a in result.assignments]
    assert [lead for lead, _ in offered] == ["Văn phòng Sở", "Các phòng chuyên môn", "Các phòng chuyên môn"]
    assert [content.split(",")[0].split(" cho ")[0] for _, content in offered] == [
        "Theo dõi", "Phối hợp cung cấp thông tin", "Cử công chức tham gia hội nghị."]
    assert [d.time_frame for d in result.duties] == ["Định kỳ hằng quý, trước ngày 15 của tháng cuối quý"]


def test_header_name_wrapped_in_its_column_and_a_title_naming_acts() -> None:
    text = """UỶ BAN NHÂN
DÂN
TỈNH KIÊN GIANG
--------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 88/KH-UBND
Kiên Giang, ngày 02 tháng 3 năm 2025

KẾ HOẠCH
TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ TRÊN ĐỊA BÀN TỈNH KIÊN GIANG NĂM 2025

I. NHIỆM VỤ
1. Cập nhật dữ liệu dân cư
- Cơ quan chủ trì: Công an tỉnh.
- Thời gian thực hiện: Quý II/2025.
"""
    plan = recognize(read_text(text)).plan
    assert (plan.issuer, plan.parent_body) == ("Ủy ban nhân dân tỉnh Kiên Giang", "")
    assert plan.title == "Triển khai Quyết định số 06/QĐ-TTg của Thủ tướng Chính phủ trên địa bàn tỉnh Kiên Giang năm 2025"


_PIECES = ["I. NHIỆM VỤ", "II. TỔ CHỨC THỰC HIỆN", "III. THỜI GIAN THỰC HIỆN", "1. Sở Nội vụ", "1.1. Tuyên truyền",
           "a) Nhiệm vụ:", "b) Cơ quan thực hiện:", "- Cơ quan chủ trì: Sở Tư pháp.", "- Đơn vị phối hợp:", "+ Sở Y tế chủ trì,",
           "Thời gian thực hiện:", "Thời gian thực hiện sau khi", "- Tăng cường tuyên truyền.", "Căn cứ tình hình, các xã thực hiện các hoạt động sau:",
           "Năm 2025.", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KẾ HOẠCH", "Số:", "(Kèm theo Quyết định số 1/QĐ-UBND)", "", ":", "-", "a)"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=30)), max_size=40))
def test_any_arrangement_of_plan_lines_is_read_without_error(lines: list[str]) -> None:
    result = recognize(read_text("\n".join(lines) + "\nx"))
    for task in [*result.tasks, *result.duties, *result.assignments]:
        assert isinstance(task.content, str) and all(isinstance(n, int) for n in task.source)


def test_our_plans_printed_by_libreoffice_read_as_their_text(tmp_path: Path) -> None:
    """The same plans as .docx printed to PDF: lines wrapped by the page, the header's cells side
    by side ("Số: ..." and the date on one line, "KẾ HOẠCH" right under it)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    plans = {"own_lines": OWN_LINES, "inline": INLINE, "department": DEPARTMENT_PLAN}
    files = [str(text_to_docx(text, tmp_path / f"{name}.docx")) for name, text in plans.items()]
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *files], check=True, capture_output=True, timeout=300)

    def reading(result) -> tuple:  # noqa: ANN001
        plan = result.plan
        tasks = [(t.content[:25], t.lead, t.time_frame) for t in [*result.tasks, *result.duties, *result.assignments]]
        return tasks, (plan.number, plan.issue_date, plan.title, plan.signer_name)

    for name, text in plans.items():
        assert reading(recognize(read_document(tmp_path / f"{name}.pdf"))) == reading(recognize(read_text(text))), name


@pytest.mark.parametrize(("title", "organisation"), [
    ("TỔ CHỨC THỰC HIỆN", True), ("CHẾ ĐỘ BÁO CÁO", True), ("TRÁCH NHIỆM THỰC HIỆN", True), ("PHÂN CÔNG NHIỆM VỤ", True),
    ("NHIỆM VỤ VÀ TRÁCH NHIỆM THỰC HIỆN", False), ("NỘI DUNG VÀ TỔ CHỨC THỰC HIỆN CÁC HOẠT ĐỘNG", False), ("KINH PHÍ", False),
])
def test_sections_that_assign_duties_per_agency(title: str, organisation: bool) -> None:
    from cchc_desktop.importer.prose import is_organisation_section

    assert is_organisation_section(title) == organisation


def test_import_command_adds_duties_per_agency_only_when_asked(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from cchc_desktop.cli import main
    from cchc_desktop.store.store import Store

    source = tmp_path / "ke_hoach.txt"
    source.write_text(OWN_LINES, encoding="utf-8")
    assert main(["--db", str(tmp_path / "dry.sqlite3"), "import", str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Phân công thực hiện theo cơ quan (thêm bằng --with-assignments): 3" in out
    assert "[kế thừa: lead, time_frame]" in out
    counts = []
    for extra in ([], ["--with-assignments"]):
        db = tmp_path / f"db{len(extra)}.sqlite3"
        assert main(["--db", str(db), "import", str(source), *extra]) == 0
        store = Store.open(db)
        (plan,) = store.plans.list()
        rows = store.tasks.rows(plan.id)
        counts.append(len(rows))
        if extra:
            assert {r.group_title for r in rows} >= {"Phòng Văn hóa và Thông tin"}
        store.close()
    assert counts == [2, 5]


@pytest.mark.parametrize(("duty", "partners"), [
    ("Chủ trì, phối hợp với các sở, ban, ngành và đơn vị có liên quan rà soát nhân sự.", "các sở, ban, ngành và đơn vị có liên quan"),
    ("Căn cứ chức năng, nhiệm vụ, phối hợp với các cơ quan, đơn vị liên quan triển khai Kế hoạch.", "các cơ quan, đơn vị liên quan"),
    ("Chủ trì, phối hợp với Sở Nội vụ và các đơn vị có liên quan thẩm định, tham mưu bố trí kinh phí.", "Sở Nội vụ và các đơn vị có liên quan"),
    ("Phối hợp với Bộ Công an trong việc bảo đảm an toàn thông tin.", "Bộ Công an"),
    ("Phối hợp chặt chẽ trong quá trình triển khai.", ""),
])
def test_partners_named_in_a_duty(duty: str, partners: str) -> None:
    from cchc_desktop.importer.prose import partners_in_text

    assert partners_in_text(duty) == partners


# A notice saved from a library page: the page is one layout table, so the header's names are cut
# after their first word ("SỞ" › "THÔNG TIN ...", "CỘNG" › "HÒA XÃ HỘI ..."), and a table's last row
# runs on into the next heading and the next table's header; the second table reports the results
# of earlier tasks, its "Tiến độ" beside "Thời hạn" the progress, not the time.
RUN_ON = """SỞ
THÔNG TIN VÀ TRUYỀN THÔNG
-------
CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 41/TB-STTTT
Cà Mau, ngày 05 tháng 3 năm 2025

THÔNG BÁO
Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 2 năm 2025

PHỤ LỤC I
NHIỆM VỤ QUÁ HẠN
STT\tNhiệm vụ\tVăn bản giao nhiệm vụ\tCơ quan chủ trì thực hiện\tThời hạn hoàn thành
1.\tCập nhật danh mục dịch vụ công trực tuyến toàn trình\tKế hoạch số 12/KH-STTTT\tPhòng Bưu chính, Viễn thông\t31/01/2025
2.\tSố hóa hồ sơ lưu trữ năm 2024\tKế hoạch số 12/KH-STTTT\tVăn phòng Sở\t15/02/2025\tPHỤ LỤC II KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 01\tSTT\tTên nhiệm vụ\tĐơn vị chủ trì\tThời hạn\tKết quả thực hiện\tTiến độ
1\tTổ chức hội nghị tập huấn chuyển đổi số cấp xã\tTrung tâm Công nghệ thông tin và Truyền thông\t28/02/2025\tĐã tổ chức 02 lớp\tĐã hoàn thành
2\tRà soát hạ tầng mạng của các xã\tPhòng Bưu chính, Viễn thông\t31/03/2025\t\tĐang thực hiện
3\tCập nhật cơ sở dữ liệu cán bộ\tVăn phòng Sở\t31/03/2025
"""


def test_a_row_running_on_into_the_next_table_and_a_header_cut_after_a_word(tmp_path: Path) -> None:
    import docx

    path = text_to_docx(RUN_ON, tmp_path / "run_on.docx")
    document = docx.Document(str(path))
    document.tables[-1].add_row().cells[0].text = "Chưa hoàn thành"  # the last row's progress cut onto a row of its own
    document.save(str(path))
    result = recognize(read_document(path))
    assert [(t.content, t.lead, t.time_frame) for t in result.tasks] == [
        ("Cập nhật danh mục dịch vụ công trực tuyến toàn trình", "Phòng Bưu chính, Viễn thông", "31/01/2025"),
        ("Số hóa hồ sơ lưu trữ năm 2024", "Văn phòng Sở", "15/02/2025"),
        ("Tổ chức hội nghị tập huấn chuyển đổi số cấp xã", "Trung tâm Công nghệ thông tin và Truyền thông", "28/02/2025"),
        ("Rà soát hạ tầng mạng của các xã", "Phòng Bưu chính, Viễn thông", "31/03/2025"),
        ("Cập nhật cơ sở dữ liệu cán bộ", "Văn phòng Sở", "31/03/2025"),
    ]
    # the progress beside a deadline, and a row's progress cut onto a line of its own, are notes
    assert "Đang thực hiện" in result.tasks[3].notes and "Chưa hoàn thành" in result.tasks[4].notes
    assert (result.plan.issuer, result.plan.parent_body) == ("Sở Thông tin và Truyền thông", "")
