"""Each sample document imported end to end: plan metadata and every task, checked against
expectations written by hand from the documents (and, for Vĩnh Long 2024, the shipped demo)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.importer import read_document, recognize
from cchc_desktop.store.demo import demo_data
from cchc_desktop.store.store import Store

OTHERS = ["Các cơ quan, đơn vị liên quan"]

# (group, start of the content, lead names, partner names, time frame as written)
DAK_NONG_TASKS = [
    ("Văn phòng UBND tỉnh", "Xây dựng và duy trì hoạt động các chuyên mục “Cải cách hành chính”", ["Văn phòng UBND tỉnh"], OTHERS, "Năm 2017 và các năm tiếp theo"),
    ("Sở Nội vụ", "Xây dựng các cụm pa nô, áp phích tuyên truyền, cô đọng", ["Sở Nội vụ"], ["UBND thị xã Gia Nghĩa (Phòng VH TT)"], "Quý IV/2016 (đã thực hiện)"),
    ("Sở Nội vụ", "Tổ chức các lớp tập huấn, bồi dưỡng", ["Sở Nội vụ"], ["Các Sở, Ban, ngành", "UBND cấp huyện", "UBND cấp xã"], "Định kỳ hàng năm"),
    ("Sở Nội vụ", "Tổ chức các cuộc thi, hội thi, diễn đàn", ["Sở Nội vụ"],
     ["Các Sở, Ban, ngành", "UBND cấp huyện", "UBND cấp xã", "các tổ chức đoàn thể", "Đài PT-TH tỉnh", "Báo Đắk Nông"], "Định kỳ hàng năm"),
    ("Sở Nội vụ", "Xây dựng các ấn phẩm tuyên truyền", ["Sở Nội vụ"], OTHERS, "Định kỳ hàng năm"),
    ("Sở Nội vụ", "Phát động các phong trào thi đua", ["Sở Nội vụ"], OTHERS, "Định kỳ hàng năm"),
    ("Sở Tư pháp", "Tổ chức tuyên truyền xử lý phản ánh, kiến nghị", ["Sở Tư pháp"], OTHERS, "Định kỳ hàng năm"),
    ("Sở Tư pháp", "Lồng ghép nội dung cải cách hành chính trong Kế hoạch tuyên truyền", ["Sở Tư pháp"], OTHERS, "Định kỳ hàng năm"),
    ("Sở Tư pháp", "Tổ chức tuyên truyền về thủ tục hành chính trên Đài phát thanh", ["Sở Tư pháp"], OTHERS, "Định kỳ hàng năm"),
    ("Sở Thông tin và Truyền thông", "Tuyên truyền, hướng dẫn người dân, doanh nghiệp thực hiện các dịch vụ công", ["Sở Thông tin và Truyền thông"],
     ["Văn phòng UBND tỉnh", "các cơ quan, đơn vị liên quan"], "Định kỳ hàng năm"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Xây dựng các cụm pa nô, áp phích, xe tuyên truyền lưu động", ["Sở Văn hóa, Thể thao và Du lịch"],
     ["Sở Nội vụ", "các cơ quan, đơn vị liên quan"], "Định kỳ hàng năm"),
    ("Đài Phát thanh và Truyền hình", "Xây dựng và thực hiện Chuyên mục cải cách hành chính trên sóng", ["Đài Phát thanh và Truyền hình"], OTHERS, "01 bản tin/ tuần"),
    ("Đài Phát thanh và Truyền hình", "Xây dựng và phát sóng các chương trình đối thoại", ["Đài phát thanh và truyền hình"],
     ["Sở tư pháp", "các cơ quan, đơn vị liên quan"], "Năm 2017 và các năm tiếp theo"),
    ("Báo Đắk Nông", "Xây dựng và thực hiện Chuyên trang cải cách hành chính trên Báo Đắk Nông", ["Báo Đắk Nông"], OTHERS, "01 chuyên trang/tháng"),
    ("Báo Đắk Nông", "Mở hòm thư tiếp nhận phản ánh", ["Báo Đắk Nông"], ["Sở tư pháp", "các cơ quan, đơn vị liên quan"], "Năm 2017 và các năm tiếp theo"),
    ("Trường Chính trị và các cơ sở đào tạo", "Lồng ghép nội dung cải cách hành chính vào chương trình đào tạo",
     ["Trường Chính trị tỉnh", "các cơ sở đào tạo của địa phương"], ["Sở Nội vụ", "các cơ quan, đơn vị liên quan"], "Định kỳ hàng năm"),
    ("Các Sở, Ban, ngành; UBND các huyện, thị xã", "Quán triệt nội dung CCHC", ["Các sở, ban, ngành", "UBND các huyện, thị xã"], ["Các đơn vị liên quan"], "Định kỳ hàng năm"),
    ("Các Sở, Ban, ngành; UBND các huyện, thị xã", "Xây dựng và duy trì hoạt động các chuyên mục “Cải cách hành chính”",
     ["Các sở, ban, ngành", "UBND các huyện, thị xã"], [], "Năm 2017 và các năm tiếp theo"),
    ("Các Sở, Ban, ngành; UBND các huyện, thị xã", "Xây dựng các cụm panô tuyên truyền về CCHC", ["Các sở, ban, ngành", "UBND các huyện, thị xã"],
     ["Các đơn vị liên quan"], "Định kỳ hàng năm"),
    ("Các Sở, Ban, ngành; UBND các huyện, thị xã", "Xây dựng các khẩu hiệu về thực hiện cơ chế một cửa", ["Các sở, ban, ngành", "UBND các huyện, thị xã"],
     ["Các đơn vị liên quan"], "Năm 2017 và các năm tiếp theo"),
]

PARTNERS_4 = ["Sở Thông tin và Truyền thông", "Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh", "các cơ quan, đơn vị có liên quan"]
BINH_DINH_TASKS = [
    ("", "Duy trì chuyên mục phát sóng định kỳ về cải cách hành chính nhà nước mỗi tháng một lần", ["Đài Phát thanh và Truyền hình tỉnh"],
     PARTNERS_4, "mỗi tháng một lần"),
    ("", "Duy trì chuyên trang cải cách hành chính nhà nước 03 tin (bài)/tháng.", ["Báo Bình Định"], PARTNERS_4, "03 tin (bài)/tháng"),
    ("", "Tuyên truyền các nội dung, chương trình cải cách hành chính của tỉnh, địa phương trong năm 2021", ["Ủy ban nhân dân cấp huyện, cấp xã"], [], "Thường xuyên trong năm"),
    ("", "Thực hiện tuyên truyền ít nhất 10 tin, bài trên mỗi Trang thông tin điện tử",
     ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện", "các cơ quan Trung ương trên địa bàn tỉnh (có Trang thông tin điện tử riêng)"], [], "Thường xuyên trong năm"),
    ("", "Cung cấp thông tin về các cơ chế, chính sách liên quan đến lĩnh vực đầu tư, kinh doanh",
     ["Sở Kế hoạch và Đầu tư", "Sở Công Thương", "Ban Quản lý Khu kinh tế tỉnh", "các cơ quan, đơn vị có liên quan đến lĩnh vực mà doanh nghiệp, người dân quan tâm"],
     [], "Định kỳ 3 tháng/lần"),
    ("", "Lồng ghép thông tin tuyên truyền các nội dung cải cách hành chính tại các buổi họp",
     ["Các tổ chức Đảng, Hội, Đoàn thể tại các cơ quan, đơn vị", "các tổ chức Đảng, Hội, Đoàn thể, thôn, khu phố tại địa bàn khu dân cư"],
     [], "Thường xuyên trong năm"),
    ("", "Tổ chức các cuộc thi tìm hiểu về cải cách hành chính", [], [], ""),
]


@pytest.fixture
def registry() -> Store:
    store = Store.memory()
    yield store
    store.close()


def _check_tasks(result, expected) -> None:  # noqa: ANN001
    assert len(result.tasks) == len(expected)
    for task, (group, content, lead, partners, when) in zip(result.tasks, expected, strict=True):
        assert task.group == group, task.content
        assert task.content.startswith(content), (task.content, content)
        if lead is not None:
            assert task.lead_names == lead, task.content
        assert task.partner_names == partners, task.content
        assert task.time_frame == when, task.content
        assert task.source, "every task says where it came from"


def test_dak_nong_2016_appendix_table_with_groups(sample, registry) -> None:
    result = recognize(read_document(sample("dak_nong_2016")), registry)
    plan = result.plan
    assert plan.number == "52/QĐ-UBND"
    assert plan.issue_date == dt.date(2017, 1, 11)
    assert plan.place == "Đắk Nông"
    assert plan.issuer == "Ủy ban nhân dân tỉnh Đắk Nông"
    assert plan.title == "Tăng cường thông tin, tuyên truyền cải cách hành chính trên địa bàn tỉnh Đắk Nông giai đoạn 2016-2020"
    assert (plan.period_start, plan.period_end) == (2016, 2020)
    assert (plan.signer_authority, plan.signer_position, plan.signer_name) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Cao Huy")
    assert len(plan.legal_bases) == 4 and plan.legal_bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015")
    assert plan.proposer.startswith("Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 571/TTr-SNV")
    assert plan.recipients[0] == "Như Điều 3;" and plan.recipients[-1] == "Lưu: VT, NC-Ph." and len(plan.recipients) == 12
    assert [s.heading.split(".")[0] for s in plan.sections] == ["I", "II", "III", "IV", "V", "VI"]
    assert plan.sections[5].heading == "VI. TỔ CHỨC THỰC HIỆN"
    assert [a.title for a in plan.appendices] == [
        "Kế hoạch triển khai các hoạt động thông tin, tuyên truyền cải cách hành chính giai đoạn 2016-2020"
    ]
    _check_tasks(result, DAK_NONG_TASKS)
    # the row wrapped onto a second line (238 and 240) is one task, its content whole
    wrapped = result.tasks[17]
    assert wrapped.source == [238, 240]
    assert wrapped.content.endswith("“Hòm thư tiếp nhận kiến nghị, phản ánh của cá nhân, tổ chức” trên Trang thông tin điện tử của các cơ quan, đơn vị trên địa bàn tỉnh.")
    # the corrupted date of the plan's subtitle is shown, not skipped
    assert any("ngày M tháng 01 năm 2017" in p for p in result.problems)
    assert "Báo Đắk Nông" in result.new_agencies
    assert [d.time_frame for d in result.duties] == ["Định kỳ quý, 06 tháng, năm", "Định kỳ quý, 06 tháng, năm"]
    assert result.duties[1].lead_names == ["Sở Nội vụ"]
    assert not result.unrecognised


def test_vinh_long_2024_gives_the_demo_plan(sample, registry) -> None:
    demo = demo_data()
    result = recognize(read_document(sample("vinh_long_2024")), registry)
    plan = result.plan
    for name in ("number", "issuer", "act_authority", "place", "title", "signer_authority", "signer_position",
                 "signer_name", "proposer", "legal_bases", "recipients", "period_start", "period_end"):
        assert getattr(plan, name) == demo[name], name
    assert plan.issue_date == dt.date.fromisoformat(demo["issue_date"])
    assert plan.status.value == demo["status"]
    assert [s["heading"] for s in demo["sections"]] == [s.heading for s in plan.sections]
    assert [a.title for a in plan.appendices] == [a["title"] for a in demo["appendices"]]
    demo_tasks = demo["appendices"][0]["tasks"]
    assert len(result.tasks) == len(demo_tasks) == 14
    for task, expected in zip(result.tasks, demo_tasks, strict=True):
        assert task.content == expected["content"]
        assert task.lead_names == [r.text for r in registry.agencies.resolve(expected["lead"])]
        assert task.partner_names == [r.text for r in registry.agencies.resolve(expected["partners"])]
        assert task.time_frame == expected["when"]
        assert task.group == ""
    assert result.tasks[0].source == [128, 129, 130, 131, 132]
    assert not result.problems
    whens = [d.time_frame for d in result.duties]
    assert "Trước ngày 16/01/2024" in whens and "Định kỳ quý, 06 tháng, một năm" in whens
    assert all(not d.include for d in result.duties), "duties are offered, not imposed"
    # the footnote after the table is shown as not recognised, not dropped
    assert [f.source for f in result.unrecognised] == [[216]]


def test_binh_dinh_2021_tasks_written_as_prose(sample, registry) -> None:
    result = recognize(read_document(sample("binh_dinh_2021")), registry)
    plan = result.plan
    assert plan.number == "/KH-UBND"
    assert plan.issue_date is None
    assert plan.place == "Bình Định"
    assert plan.issuer == "Ủy ban nhân dân tỉnh Bình Định"
    assert plan.title == "Tuyên truyền công tác cải cách hành chính tỉnh Bình Định năm 2021"
    assert (plan.period_start, plan.period_end) == (2021, 2021)
    assert plan.signer_authority == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    assert (plan.signer_position, plan.signer_name) == ("PHÓ CHỦ TỊCH", "Lâm Hải Giang")
    assert plan.legal_bases == []
    assert plan.recipients[0] == "Vụ Cải cách hành chính (b/c);" and plan.recipients[-1] == "Lưu: VT, KSTT."
    assert len(plan.sections) == 5 and plan.sections[2].heading == "III. NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM"
    assert plan.status.value == "draft"
    _check_tasks(result, BINH_DINH_TASKS)
    # the paragraph after "- Nhiệm vụ:" belongs to the task, not lost
    assert "Định kỳ hàng quý gửi tin, bài" in result.tasks[3].content
    # what the recogniser is unsure of is said, per task
    # no "Thời gian" line: the frequency written in the task is taken, and said so
    assert any("lấy từ nội dung" in p for p in result.tasks[0].problems)
    assert result.tasks[0].schedule_understood
    assert any("không có dòng" in p for p in result.tasks[6].problems)
    assert result.tasks[6].source[0] == 149
    assert any("chưa có số" in p for p in result.problems)
    assert any("ngày ban hành" in p for p in result.problems)
    assert {"Báo Bình Định", "Ban Quản lý Khu kinh tế tỉnh"} <= set(result.new_agencies)
    assert [d.time_frame for d in result.duties] == ["Định kỳ", "Định kỳ 6 tháng, hàng năm"]


@pytest.mark.parametrize("name", ["dak_nong_2016", "vinh_long_2024", "binh_dinh_2021"])
def test_time_frames_are_kept_verbatim_and_checked(sample, registry, name: str) -> None:
    text = sample(name).read_text(encoding="utf-8")
    result = recognize(read_document(sample(name)), registry)
    for task in result.tasks:
        if task.time_frame:
            assert task.time_frame in text  # as written, never rewritten
        if not task.schedule_understood and task.time_frame:
            assert any(task.time_frame in p for p in task.problems)
    assert result.to_json()["plan"]["title"] == result.plan.title
