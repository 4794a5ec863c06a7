"""An officer's working day, done as a person does it: the window is driven only with clicks on
what it shows (found by its Vietnamese text), typing, keys and drop-down lists; what it did is
read back from the screen and from the files it prints and saves."""

from __future__ import annotations

from pathlib import Path

import pytest
from person import Person
from PySide6.QtCore import Qt as Qt_
from PySide6.QtWidgets import QComboBox as QComboBox_
from PySide6.QtWidgets import QSpinBox as QSpinBox_

OFFICE = {
    "Cơ quan chủ quản": "UBND TỈNH VĨNH LONG",
    "Tên cơ quan ban hành": "SỞ NỘI VỤ",
    "Tên viết tắt": "SNV",
    "Địa danh ghi ngày tháng": "Vĩnh Long",
    "Quyền hạn ký": "KT. GIÁM ĐỐC",
    "Chức vụ người ký": "PHÓ GIÁM ĐỐC",
    "Họ tên người ký": "Nguyễn Văn Bình",
}


def fill_office(person: Person) -> None:
    for label, value in OFFICE.items():
        person.fill(label, value)
    person.click("Lưu")


def test_first_start_asks_for_the_office_once_and_remembers_it(office) -> None:
    person = office.start()
    person.expect("Thông tin cơ quan", fill_office)
    person.done()
    assert person.sees("Đã lưu thông tin cơ quan")

    def check(dialog: Person) -> None:
        for label, value in OFFICE.items():
            assert dialog.field(label).text() == value, label
        dialog.click("Hủy")

    person.expect("Thông tin cơ quan", check)
    person.menu("Danh mục", "Thông tin cơ quan...")
    person.done()

    person.menu("Tệp", "Thoát")
    office.closed()
    person = office.start()  # the second start does not ask again
    person.settle(300)
    person.done()


# ---------------------------------------------------------------------------- a plan and its appendix

GROUPS = ("Sở Nội vụ", "Sở Thông tin và Truyền thông", "Các sở, ban, ngành; UBND cấp huyện")
# (group, content, lead, partners, time frame, product), as officers write them
TASKS = (
    (0, "Xây dựng và ban hành Kế hoạch tuyên truyền CCHC năm 2026", "Sở Nội vụ", "", "Trước ngày 16/01/2026", "Kế hoạch"),
    (0, "Tổng hợp, báo cáo kết quả tuyên truyền CCHC định kỳ", "Sở Nội vụ", "Các sở, ban, ngành tỉnh",
     "Định kỳ hàng quý (trước ngày 15 của tháng cuối quý)", "Báo cáo quý"),
    (0, "Tổ chức Hội thi tìm hiểu về cải cách hành chính", "Sở Nội vụ", "Sở Tư pháp; Đài Phát thanh và Truyền hình tỉnh",
     "Quý III/2026", "01 hội thi"),
    (1, "Đăng tải tin, bài về CCHC trên Cổng thông tin điện tử tỉnh", "Sở Thông tin và Truyền thông", "Sở Nội vụ",
     "Thường xuyên", "03 tin (bài)/tháng"),
    (1, "Hướng dẫn các cơ quan báo chí tuyên truyền CCHC", "Sở Thông tin và Truyền thông", "",
     "Quý I và II/2026", "Văn bản hướng dẫn"),
    (1, "Phát hành bản tin CCHC", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh", "6 tháng đầu năm", "02 số"),
    (2, "Tuyên truyền CCHC trong hội nghị, sinh hoạt chi bộ", "Các sở, ban, ngành tỉnh", "", "Thường xuyên", ""),
    (2, "Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa", "UBND cấp huyện",
     "Các cơ quan, đơn vị liên quan", "Từ tháng 4 đến tháng 6/2026", ""),
    (2, "Xây dựng chuyên mục CCHC trên trang thông tin điện tử", "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ",
     "Trước ngày 30/9/2026", "01 chuyên mục"),
    (2, "Báo cáo kết quả thực hiện năm", "Sở Lao động - Thương binh và Xã hội", "", "Trước ngày 05/11 hàng năm",
     "Báo cáo năm"),
)
PLAN_NUMBER = "25/KH-SNV"
PLAN_TITLE = "Tuyên truyền cải cách hành chính năm 2026"


def tasks_view(person: Person):  # noqa: ANN201 - the task table on the Nhiệm vụ tab
    from PySide6.QtWidgets import QTableView

    return max((v for v in person.widgets(QTableView)), key=lambda v: v.model().rowCount())


def column(view, name: str) -> int:  # noqa: ANN001
    from PySide6.QtCore import Qt

    model = view.model()
    for c in range(model.columnCount()):
        if model.headerData(c, Qt.Orientation.Horizontal) == name:
            return c
    raise AssertionError(f"no column «{name}»")


def rows(view, name: str) -> list[str]:  # noqa: ANN001
    c = column(view, name)
    model = view.model()
    return [str(model.index(r, c).data() or "") for r in range(model.rowCount())]


def write_plan(person: Person) -> None:
    """Kế hoạch → Thêm kế hoạch, its metadata typed in, Lưu kế hoạch."""
    person.tab("Kế hoạch")
    person.click("Thêm kế hoạch")
    person.fill("Số, ký hiệu", PLAN_NUMBER)
    person.choose("Trạng thái", "Đã ban hành")
    person.fill("Cơ quan chủ quản", "UBND TỈNH VĨNH LONG")
    person.fill("Cơ quan ban hành", "Sở Nội vụ")
    person.fill("Địa danh", "Vĩnh Long")
    person.fill("Kỳ kế hoạch", "2026")
    person.fill("Trích yếu", PLAN_TITLE)
    person.fill("Quyền hạn ký", "KT. GIÁM ĐỐC")
    person.fill("Chức vụ", "PHÓ GIÁM ĐỐC")
    person.fill("Họ và tên", "Nguyễn Văn Bình")
    person.fill("Căn cứ", "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
                          "Kế hoạch số 100/KH-UBND ngày 20/12/2025 của UBND tỉnh;")
    person.fill("Nơi nhận", "Bộ Nội vụ;\nUBND tỉnh;\nLưu: VT, CCHC.")
    person.click("Lưu kế hoạch")


def write_appendix(person: Person) -> None:
    """Nhiệm vụ: three groups, then ten tasks typed into the form, each under its group's heading."""
    person.tab("Nhiệm vụ")
    for title in GROUPS:
        def name_group(dialog: Person, title: str = title) -> None:
            dialog.type(title)
            dialog.click("OK") if dialog.sees("OK") else dialog.keys("Return")

        person.expect("Thêm nhóm", name_group)
        person.click("Thêm nhóm")
        person.done()
    view = tasks_view(person)
    for group, content, lead, partners, time_frame, product in TASKS:
        heading = GROUPS[group]
        person.click_cell(view, heading)  # a click on the group's heading: the new task goes under it

        def form(dialog: Person, values=(content, lead, partners, time_frame, product)) -> None:  # noqa: ANN001
            content_, lead_, partners_, time_frame_, product_ = values
            dialog.fill("Nội dung", content_)
            dialog.fill("Cơ quan chủ trì", lead_)
            dialog.keys("Tab")
            if partners_:
                dialog.fill("Cơ quan phối hợp", partners_)
                dialog.keys("Tab")
            dialog.fill("Thời gian thực hiện", time_frame_)
            if product_:
                dialog.fill("Sản phẩm / chỉ tiêu", product_)
            dialog.click("OK") if dialog.sees("OK") else dialog.click("Lưu")

        person.expect("Thêm nhiệm vụ", form)
        person.keys("Insert", view)
        person.done()


def test_a_plan_with_its_metadata_and_an_appendix_of_ten_tasks(office) -> None:
    person = office.start()
    person.expect("Thông tin cơ quan", fill_office)
    person.done()
    write_plan(person)
    assert person.sees("Đã lưu kế hoạch") or not person.sees("Có thay đổi chưa lưu")
    write_appendix(person)
    view = tasks_view(person)
    contents = rows(view, "Nội dung")
    for title in GROUPS:
        assert any(title in c for c in contents), title
    # each task under its group's heading, in the order typed, numbered again in each group
    for group, content, _lead, _p, _time_frame, _o in TASKS:
        at = contents.index(content)
        heading = max(i for i, c in enumerate(contents[:at]) if any(g in c for g in GROUPS))
        assert GROUPS[group] in contents[heading], (content, contents[heading])
    assert rows(view, "Thời gian thực hiện")[contents.index(TASKS[0][1])] == "Trước ngày 16/01/2026"
    due = rows(view, "Hạn")
    assert "15/01/2026" in due[contents.index(TASKS[0][1])]  # "trước ngày 16/01" means by the 15th
    leads = rows(view, "Cơ quan chủ trì")
    assert leads[contents.index(TASKS[8][1])] == "Sở Văn hóa, Thể thao và Du lịch"  # one agency, not split
    assert leads[contents.index(TASKS[9][1])] == "Sở Lao động - Thương binh và Xã hội"


# ---------------------------------------------------------------------------- printing

def save_pdf_as(path):  # noqa: ANN001, ANN201 - the answer to the preview: Lưu PDF..., a file name, Lưu
    def answer(preview: Person) -> None:
        def name_it(files: Person) -> None:
            files.fill("Tên tệp", str(path))
            files.click("Lưu")

        preview.expect("Lưu PDF", name_it)
        preview.click("Lưu PDF...")
        preview.done()
        preview.click("Đóng")

    return answer


def print_to_file(path):  # noqa: ANN001, ANN201 - the answer to the preview: In..., "In ra tệp (PDF)", In
    def answer(preview: Person) -> None:
        def print_it(dialog: Person) -> None:
            dialog.choose("Tên", "In ra tệp (PDF)")
            dialog.fill("Tệp in ra", str(path))
            dialog.click("In")

        preview.expect("In tài liệu", print_it)
        preview.click("In...")
        preview.done(timeout=60_000)
        preview.click("Đóng")

    return answer


def print_reminder_list_of_2026(person: Person, path: Path) -> None:
    """Tệp → In danh sách nhắc việc..., the 365 days from 01/01/2026, saved from the preview as PDF."""

    def options(dialog: Person) -> None:
        dialog.choose("Khoảng thời gian", "Tùy chọn")
        dialog.type_date("Từ ngày", "01/01/2026")
        dialog.fill("Số ngày", "365")
        dialog.expect("Danh sách nhắc việc", save_pdf_as(path))
        dialog.click("Xem trước")

    person.expect("In danh sách nhắc việc", options)
    person.menu("Tệp", "In danh sách nhắc việc...")
    person.done()


def pdf(path) -> dict:  # noqa: ANN001
    """What the printed file holds: page sizes (points), text, and how much of it is pictures."""
    import pdfplumber

    assert path.is_file() and path.stat().st_size > 0, f"nothing was printed to {path}"
    with pdfplumber.open(path) as doc:
        return {"sizes": [(round(p.width), round(p.height)) for p in doc.pages],
                "text": "\n".join(p.extract_text() or "" for p in doc.pages),
                "images": sum(len(p.images) for p in doc.pages),
                "bytes": path.stat().st_size}


A4 = (595, 842)
A4_LANDSCAPE = (842, 595)


@pytest.fixture
def plan_day(office):  # noqa: ANN001, ANN201
    """The morning's work: office details, the plan and its appendix of ten tasks."""
    person = office.start()
    person.expect("Thông tin cơ quan", fill_office)
    person.done()
    write_plan(person)
    write_appendix(person)
    return person


def test_printing_each_document_gives_the_plan_on_its_pages(plan_day: Person, tmp_path) -> None:
    person = plan_day
    person.tab("Kế hoạch")
    appendix = tmp_path / "phu-luc.pdf"
    person.expect("Phụ lục", save_pdf_as(appendix))
    person.menu("Tệp", "In phụ lục...")
    person.done()
    got = pdf(appendix)
    assert set(got["sizes"]) == {A4_LANDSCAPE}
    flat = " ".join(got["text"].split())
    assert "PHỤ LỤC" in flat.upper() and PLAN_NUMBER in flat
    for _g, content, *_rest in TASKS:
        assert " ".join(content.split()[:5]) in flat, content

    whole = tmp_path / "ke-hoach.pdf"
    person.expect("Toàn văn kế hoạch", save_pdf_as(whole))
    person.menu("Tệp", "In toàn văn kế hoạch...")
    person.done()
    got = pdf(whole)
    assert got["sizes"][0] == A4
    flat = " ".join(got["text"].split())
    assert "KẾ HOẠCH" in flat and PLAN_NUMBER in flat and "Nguyễn Văn Bình" in flat
    assert "Nghị quyết số 76/NQ-CP" in flat

    reminders = tmp_path / "nhac-viec.pdf"

    print_reminder_list_of_2026(person, reminders)
    got = pdf(reminders)
    flat = " ".join(got["text"].split())
    assert "01/01/2026" in flat  # the day typed is the day printed from
    assert "Xây dựng và ban hành" in flat and "15/01/2026" in flat


def test_the_print_dialog_prints_the_appendix_landscape_as_text(plan_day: Person, tmp_path) -> None:
    person = plan_day
    printed = tmp_path / "in-ra-tep.pdf"
    person.expect("Phụ lục", print_to_file(printed))
    person.menu("Tệp", "In phụ lục...")
    person.done(timeout=60_000)
    got = pdf(printed)
    assert set(got["sizes"]) == {A4_LANDSCAPE}, got["sizes"]
    flat = " ".join(got["text"].split())  # cells wrap, so a long content is checked by its first words
    assert PLAN_NUMBER in flat and TASKS[0][1][:20] in flat, flat[:300]


# ---------------------------------------------------------------------------- the rest of the day

def search_for(person: Person, text: str) -> list[str]:
    """Type into the task list's search field; the contents of the task rows it leaves."""
    person.fill("Tìm nhiệm vụ (không cần dấu): so noi vu, dai phat thanh", text)
    person.settle(400)
    view = tasks_view(person)
    return [c for c in rows(view, "Nội dung") if c and not any(g in c for g in GROUPS)]


def test_editing_undo_search_progress_calendar_backup_and_reopening(plan_day: Person, office, tmp_path) -> None:
    person = plan_day
    view = tasks_view(person)
    first = TASKS[3][1]
    # an edit in place: F2 on the content, type over it, Tab to leave the cell
    person.click_cell(view, first, column(view, "Nội dung"))
    person.keys("F2", view)
    person.keys("Ctrl+A")
    person.type("Đăng tin, bài về CCHC trên Cổng thông tin điện tử tỉnh")
    person.keys("Tab")
    contents = rows(view, "Nội dung")
    assert "Đăng tin, bài về CCHC trên Cổng thông tin điện tử tỉnh" in contents and first not in contents
    person.menu("Sửa", "Hoàn tác")
    assert first in rows(view, "Nội dung")
    person.menu("Sửa", "Làm lại")
    assert "Đăng tin, bài về CCHC trên Cổng thông tin điện tử tỉnh" in rows(view, "Nội dung")
    person.keys("Ctrl+Z", view)
    assert first in rows(view, "Nội dung")

    # search without diacritics
    found = search_for(person, "so van hoa")
    assert found == [TASKS[8][1]], found
    found = search_for(person, "hoi thi")
    assert found == [TASKS[2][1]], found
    search_for(person, "")

    # progress: the task is done (on the day offered), its state shows it
    person.click_cell(view, TASKS[4][1], column(view, "Nội dung"))

    def progress(dialog: Person) -> None:
        dialog.choose("Tình trạng", "Hoàn thành")
        dialog.type_date("Ngày thực hiện", "15/01/2026")
        dialog.fill("Kết quả thực hiện", "Đã ban hành Công văn số 12/STTTT-TTBCXB")
        dialog.fill("Người thực hiện", "Trần Thị Lan")
        dialog.click("Ghi tiến độ")

    person.expect("Ghi tiến độ thực hiện", progress)
    person.keys("Ctrl+T", view)
    person.done()
    at = rows(view, "Nội dung").index(TASKS[4][1])
    assert rows(view, "Trạng thái")[at] == "Hoàn thành"
    assert rows(view, "Tình trạng hạn")[at].startswith("Hoàn thành")
    person.click_cell(view, TASKS[4][1], column(view, "Nội dung"))
    assert person.sees("15/01/2026")  # the details under the table: done on the day typed

    # Lịch: the month of the first deadline shows it; an own reminder is added with Ctrl+N
    person.tab("Lịch")
    year = next(s for s in person.widgets(QSpinBox_) if s.value() > 1900)  # the year beside the month
    person.click(year)
    person.keys("Ctrl+A", year)
    person.type("2026", year)
    person.choose(month_combo(person), "Tháng 1")
    assert person.sees("Tháng 1 năm 2026") or person.sees("tháng 01 năm 2026") or person.sees("Tháng 01/2026"), person.texts()
    person.choose("Danh sách", "Cả tháng")
    agenda = agenda_view(person)
    assert any(TASKS[0][1] in str(agenda.model().index(r, c).data() or "")
               for r in range(agenda.model().rowCount()) for c in range(agenda.model().columnCount()))

    def reminder(dialog: Person) -> None:
        dialog.fill("Nội dung", "Gọi Sở Tư pháp về hội thi")
        dialog.click("Lưu")

    person.expect("Thêm nhắc việc", reminder)
    person.click("Thêm nhắc việc...")
    person.done()
    assert any("Gọi Sở Tư pháp về hội thi" in str(agenda.model().index(r, c).data() or "")
               for r in range(agenda.model().rowCount()) for c in range(agenda.model().columnCount()))
    # the printed reminder list carries it too, beside the plan's deadlines
    printed = tmp_path / "nhac-viec-co-nhac-rieng.pdf"

    print_reminder_list_of_2026(person, printed)
    flat = " ".join(pdf(printed)["text"].split())
    assert "Gọi Sở Tư pháp về hội thi" in flat and "Xây dựng và ban hành" in flat

    # February 2027: Tết Đinh Mùi falls on 06/02, the days before it are still Bính Ngọ
    person.click(year)
    person.keys("Ctrl+A", year)
    person.type("2027", year)
    person.choose(month_combo(person), "Tháng 2")
    assert person.sees("Âm lịch: năm Bính Ngọ (đến 05/02/2027), năm Đinh Mùi (từ 06/02/2027)"), person.texts()

    # backup now, then a plan deleted by mistake, then restored from that backup
    def back_up(dialog: Person) -> None:
        dialog.expect("Đã sao lưu", lambda box: box.click("Đóng"))
        dialog.click("Sao lưu ngay")
        dialog.done()
        dialog.click("Đóng")

    person.expect("Sao lưu / Khôi phục", back_up)
    person.menu("Tệp", "Sao lưu / Khôi phục...")
    person.done()

    person.tab("Kế hoạch")
    plans = plans_view(person)
    person.click_cell(plans, PLAN_NUMBER)
    person.expect("Xác nhận", lambda box: box.click("Xóa kế hoạch"))
    person.click("Xóa", near="Thêm kế hoạch")
    person.done()
    assert not any(PLAN_NUMBER in str(plans.model().index(r, c).data() or "")
                   for r in range(plans.model().rowCount()) for c in range(plans.model().columnCount()))

    def restore(dialog: Person) -> None:
        from PySide6.QtWidgets import QTableWidget

        table = dialog.widgets(QTableWidget)[0]
        dialog.click(table.viewport(), table.visualItemRect(table.item(0, 0)).center())
        dialog.expect("Xác nhận", lambda box: box.click("Khôi phục"))
        dialog.expect("Đã khôi phục", lambda box: box.click("Đóng"))
        dialog.click("Khôi phục bản đã chọn...")
        dialog.done()
        dialog.click("Đóng")

    person.expect("Sao lưu / Khôi phục", restore)
    person.menu("Tệp", "Sao lưu / Khôi phục...")
    person.done()
    assert any(PLAN_NUMBER in str(plans.model().index(r, c).data() or "")
               for r in range(plans.model().rowCount()) for c in range(plans.model().columnCount()))

    # closing and starting again: the plan, its tasks and the progress are there
    person.tab("Nhiệm vụ")
    person.menu("Tệp", "Thoát")
    office.closed()
    person = office.start()
    person.settle(200)
    person.done()
    person.tab("Nhiệm vụ")
    view = tasks_view(person)
    contents = rows(view, "Nội dung")
    assert all(task[1] in contents for task in TASKS), contents
    assert rows(view, "Trạng thái")[contents.index(TASKS[4][1])] == "Hoàn thành"


def plans_view(person: Person):  # noqa: ANN201
    from PySide6.QtWidgets import QTableView

    return next(v for v in person.widgets(QTableView) if any(
        v.model().headerData(c, Qt_.Orientation.Horizontal) == "Trích yếu" for c in range(v.model().columnCount())))


def agenda_view(person: Person):  # noqa: ANN201
    from PySide6.QtWidgets import QTableView

    return next(v for v in person.widgets(QTableView) if any(
        v.model().headerData(c, Qt_.Orientation.Horizontal) == "Nhiệm vụ / nhắc việc" for c in range(v.model().columnCount())))


def month_combo(person: Person):  # noqa: ANN201 - the month picker: the list that offers "Tháng 1" … "Tháng 12"
    return next(c for c in person.widgets(QComboBox_) if c.count() == 12 and c.itemText(0) == "Tháng 1")


# ---------------------------------------------------------------------------- what a new user met

def start_with_demo(office) -> Person:  # noqa: ANN001 - `cchc-desktop-gui --demo`, the office step skipped
    person = office.start(demo=True)
    person.expect("Thông tin cơ quan", lambda dialog: dialog.click("Bỏ qua, nhập sau"))
    person.done()
    return person


def test_printing_from_the_task_list_prints_the_plan_shown_there(office, tmp_path) -> None:
    person = start_with_demo(office)
    write_plan(person)  # a second plan beside the demo plan
    plans = plans_view(person)
    person.click_cell(plans, "3060/QĐ-UBND")  # the demo plan chosen on Kế hoạch ...
    person.tab("Nhiệm vụ")
    person.choose("Kế hoạch", PLAN_NUMBER)  # ... and the new one looked at on Nhiệm vụ
    printed = tmp_path / "phu-luc.pdf"
    person.expect("Phụ lục", save_pdf_as(printed))
    person.keys("Ctrl+P")
    person.done()
    text = " ".join(pdf(printed)["text"].split())
    assert PLAN_NUMBER in text and "3060" not in text


def test_the_group_chosen_in_the_task_form_is_the_group_saved(office) -> None:
    person = start_with_demo(office)
    person.tab("Nhiệm vụ")
    person.choose("Kế hoạch", "3060/QĐ-UBND")
    for title in ("Nhóm thứ nhất", "Nhóm thứ hai"):
        person.expect("Thêm nhóm", lambda dialog, title=title: (dialog.type(title), dialog.keys("Return")))
        person.click("Thêm nhóm")
        person.done()
    view = tasks_view(person)
    person.click_cell(view, "Nhóm thứ nhất")

    def first(dialog: Person) -> None:
        dialog.fill("Nội dung", "Việc của nhóm thứ nhất")
        dialog.fill("Thời gian thực hiện", "Quý I/2024")
        dialog.click("Lưu")

    person.expect("Thêm nhiệm vụ", first)
    person.keys("Insert", view)
    person.done()
    person.click_cell(view, "Việc của nhóm thứ nhất", column(view, "Nội dung"))  # a task of group I selected

    def form(dialog: Person) -> None:
        dialog.fill("Nội dung", "Việc của nhóm thứ hai")
        dialog.choose("Nhóm", "II. Nhóm thứ hai")
        dialog.fill("Thời gian thực hiện", "Quý II/2024")
        dialog.click("Lưu")

    person.expect("Thêm nhiệm vụ", form)
    person.keys("Insert", view)
    person.done()
    contents = rows(view, "Nội dung")
    at = contents.index("Việc của nhóm thứ hai")
    assert contents.index("Nhóm thứ hai") < at, contents


def test_a_new_plans_title_does_not_repeat_the_kind_of_document(office) -> None:
    person = start_with_demo(office)
    person.click("Thêm kế hoạch")
    title = person.field("Trích yếu").toPlainText()
    assert title and not title.lower().startswith("kế hoạch"), title


def test_ctrl_y_redoes_what_ctrl_z_undid(office) -> None:
    person = start_with_demo(office)
    person.tab("Nhiệm vụ")
    person.choose("Kế hoạch", "3060/QĐ-UBND")
    view = tasks_view(person)
    before = next(c for c in rows(view, "Nội dung") if c.startswith("Cập nhật công khai TTHC"))
    person.click_cell(view, before, column(view, "Nội dung"))
    person.keys("F2", view)
    person.keys("Ctrl+A")
    person.type("Cập nhật TTHC trên Cổng dịch vụ công")
    person.keys("Tab")
    person.keys("Ctrl+Z", view)
    assert before in rows(view, "Nội dung")
    person.keys("Ctrl+Y", view)
    assert "Cập nhật TTHC trên Cổng dịch vụ công" in rows(view, "Nội dung")


def test_search_finds_words_in_any_order_without_punctuation(plan_day: Person) -> None:
    for words in ("van hoa the thao", "the thao du lich", "Sở Văn hóa Thể thao"):
        assert search_for(plan_day, words) == [TASKS[8][1]], words


# ---------------------------------------------------------------------------- a received document

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"  # ../shared/samples beside the checkout


def test_a_received_plan_is_imported_from_its_file(office) -> None:
    sample = SAMPLES / "002_13bd29d423fdda34.txt"  # Đắk Nông, QĐ 52/QĐ-UBND, appendix of 20 tasks
    if not sample.is_file():
        pytest.skip(f"sample documents not found at {SAMPLES} (they live in ../shared/samples beside the project)")
    person = start_with_demo(office)

    def choose_file(files: Person) -> None:
        files.fill("Tên tệp", str(sample))
        files.click("Mở")

    def check_and_import(preview: Person) -> None:
        assert preview.field("Số, ký hiệu").text() == "52/QĐ-UBND"
        preview.click("Nhập")

    person.expect("Nhập kế hoạch từ văn bản", choose_file)
    person.expect("Nhập kế hoạch từ văn bản –", check_and_import)
    person.menu("Tệp", "Nhập kế hoạch từ văn bản...")
    person.done(timeout=60_000)
    person.tab("Kế hoạch")
    plans = plans_view(person)
    numbers = [str(plans.model().index(r, 0).data()) for r in range(plans.model().rowCount())]
    assert "52/QĐ-UBND" in numbers, numbers
    person.click_cell(plans, "52/QĐ-UBND")
    person.click("Xem nhiệm vụ")
    contents = rows(tasks_view(person), "Nội dung")
    assert any(c.startswith("Xây dựng các cụm pa nô, áp phích tuyên truyền") for c in contents), contents
