"""Phrases that name a class of bodies stay whole: every lead and partner cell of the three
sample plans, split as a reader of the plan would."""

from __future__ import annotations

import pytest

from cchc_desktop.store.store import Store
from cchc_desktop.text.agencies import DEFAULT_AGENCIES, is_vague_phrase, join_agency_parts, split_agency_parts

KNOWN = [name for entry in DEFAULT_AGENCIES for name in (entry[0], entry[1], *entry[2]) if name]

# (cell as written, the agencies or phrases it names)
SAMPLE_CELLS = [
    # Đắk Nông 2016-2020 (002)
    ("Các Sở, Ban, ngành; UBND cấp huyện; UBND cấp xã", ["Các Sở, Ban, ngành", "UBND cấp huyện", "UBND cấp xã"]),
    ("Các Sở, Ban, ngành; UBND cấp huyện, UBND cấp xã; các tổ chức đoàn thể; Đài PT-TH tỉnh; Báo Đắk Nông",
     ["Các Sở, Ban, ngành", "UBND cấp huyện", "UBND cấp xã", "các tổ chức đoàn thể", "Đài PT-TH tỉnh", "Báo Đắk Nông"]),
    ("UBND thị xã Gia Nghĩa (Phòng VH TT)", ["UBND thị xã Gia Nghĩa (Phòng VH TT)"]),
    ("Sở tư pháp và các cơ quan, đơn vị liên quan", ["Sở tư pháp", "các cơ quan, đơn vị liên quan"]),
    ("Trường Chính trị tỉnh; các cơ sở đào tạo của địa phương", ["Trường Chính trị tỉnh", "các cơ sở đào tạo của địa phương"]),
    ("Các sở, ban, ngành; UBND các huyện, thị xã", ["Các sở, ban, ngành", "UBND các huyện, thị xã"]),
    ("Các Sở, Ban, ngành; các cơ quan ngành dọc của Trung ương đóng trên địa bàn tỉnh; UBND các huyện, thị xã",
     ["Các Sở, Ban, ngành", "các cơ quan ngành dọc của Trung ương đóng trên địa bàn tỉnh", "UBND các huyện, thị xã"]),
    ("Các đơn vị liên quan", ["Các đơn vị liên quan"]),
    # Vĩnh Long 2024 (003)
    # two plurals joined by "và" name one class of bodies: one entry, counted once
    ("Các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan",
     ["Các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan"]),
    ("Sở Văn hóa, Thể thao và Du lịch và các cơ quan, đơn vị liên quan",
     ["Sở Văn hóa, Thể thao và Du lịch", "các cơ quan, đơn vị liên quan"]),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Vĩnh Long; Các tổ chức chính trị - xã hội",
     ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Vĩnh Long", "Các tổ chức chính trị - xã hội"]),
    ("Sở Nội vụ, các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan",
     ["Sở Nội vụ", "các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan"]),
    ("Sở Thông tin và Truyền thông, các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan",
     ["Sở Thông tin và Truyền thông", "các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan"]),
    ("Các sở, ban, ngành tỉnh", ["Các sở, ban, ngành tỉnh"]),
    ("Đài Phát thanh và Truyền hình Vĩnh Long", ["Đài Phát thanh và Truyền hình Vĩnh Long"]),
    ("Các sở, ban, ngành, đoàn thể tỉnh và UBND cấp huyện", ["Các sở, ban, ngành, đoàn thể tỉnh", "UBND cấp huyện"]),
    # Bình Định 2021 (004)
    ("Sở Thông tin và Truyền thông, Sở Nội vụ, Văn phòng Ủy ban nhân dân tỉnh và các cơ quan, đơn vị có liên quan",
     ["Sở Thông tin và Truyền thông", "Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh", "các cơ quan, đơn vị có liên quan"]),
    ("Ủy ban nhân dân cấp huyện, cấp xã", ["Ủy ban nhân dân cấp huyện, cấp xã"]),
    ("Các sở, ban, ngành; Ủy ban nhân dân cấp huyện và các cơ quan Trung ương trên địa bàn tỉnh (có Trang thông tin điện tử riêng)",
     ["Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện", "các cơ quan Trung ương trên địa bàn tỉnh (có Trang thông tin điện tử riêng)"]),
    ("Sở Kế hoạch và Đầu tư; Sở Công Thương; Ban Quản lý Khu kinh tế tỉnh và các cơ quan, đơn vị có liên quan đến lĩnh vực "
     "mà doanh nghiệp, người dân quan tâm",
     ["Sở Kế hoạch và Đầu tư", "Sở Công Thương", "Ban Quản lý Khu kinh tế tỉnh",
      "các cơ quan, đơn vị có liên quan đến lĩnh vực mà doanh nghiệp, người dân quan tâm"]),
    ("Các tổ chức Đảng, Hội, Đoàn thể tại các cơ quan, đơn vị; các tổ chức Đảng, Hội, Đoàn thể, thôn, khu phố tại địa bàn khu dân cư",
     ["Các tổ chức Đảng, Hội, Đoàn thể tại các cơ quan, đơn vị",
      "các tổ chức Đảng, Hội, Đoàn thể, thôn, khu phố tại địa bàn khu dân cư"]),
    ("Các Hội, Đoàn thể cấp tỉnh", ["Các Hội, Đoàn thể cấp tỉnh"]),
    ("Các cơ quan Trung ương trên địa bàn tỉnh; các Hội, Đoàn thể cấp tỉnh",
     ["Các cơ quan Trung ương trên địa bàn tỉnh", "các Hội, Đoàn thể cấp tỉnh"]),
]

# Phrases as an officer types them: bare generic words do not start an agency.
TYPED = [
    ("Các tổ chức Đảng, Hội, Đoàn thể", ["Các tổ chức Đảng, Hội, Đoàn thể"]),
    ("Các sở, ban, ngành, đoàn thể", ["Các sở, ban, ngành, đoàn thể"]),
    ("Các Sở, Ban ngành tỉnh", ["Các Sở, Ban ngành tỉnh"]),
    ("Các phòng, ban chuyên môn cấp huyện", ["Các phòng, ban chuyên môn cấp huyện"]),
    ("Sở Nội vụ, Sở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
    ("SNV, STP", ["SNV", "STP"]),
    ("Sở Nội vụ và Hội Nông dân tỉnh", ["Sở Nội vụ", "Hội Nông dân tỉnh"]),
    ("Các sở, ban, ngành, Hội Cựu chiến binh tỉnh", ["Các sở, ban, ngành", "Hội Cựu chiến binh tỉnh"]),
    ("Các sở, ban, ngành tỉnh; UBND cấp huyện", ["Các sở, ban, ngành tỉnh", "UBND cấp huyện"]),
    ("Các sở, ban, ngành, UBND cấp huyện", ["Các sở, ban, ngành", "UBND cấp huyện"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    # A secretariat serving several bodies is one office; the locality closes its name.
    ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", ["Văn phòng Đoàn ĐBQH và HĐND tỉnh"]),
    ("Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", ["Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh"]),
    ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Long Hồ, Phòng Nội vụ",
     ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Long Hồ", "Phòng Nội vụ"]),
    ("Văn phòng UBND tỉnh và UBND cấp huyện", ["Văn phòng UBND tỉnh", "UBND cấp huyện"]),
    ("Văn phòng HĐND và Sở Nội vụ", ["Văn phòng HĐND", "Sở Nội vụ"]),
    ("Sở Lao động - Thương binh và Xã hội", ["Sở Lao động - Thương binh và Xã hội"]),
    ("Sở Nội vụ và Sở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
]


@pytest.mark.parametrize("known", [(), KNOWN], ids=["no-registry", "registry"])
@pytest.mark.parametrize("text, names", SAMPLE_CELLS + TYPED)
def test_a_phrase_that_is_not_one_agency_is_kept_as_written(text: str, names: list[str], known: list[str]) -> None:
    parts = split_agency_parts(text, known)
    assert [name for _, name in parts] == names
    assert join_agency_parts(parts) == text


def test_typed_in_the_task_editor_no_fake_agency_appears() -> None:
    store = Store.memory()
    store.agencies.ensure_defaults()
    refs = store.agencies.resolve("Các tổ chức Đảng, Hội, Đoàn thể tại các cơ quan, đơn vị")
    assert [(r.text, r.agency_id) for r in refs] == [("Các tổ chức Đảng, Hội, Đoàn thể tại các cơ quan, đơn vị", None)]
    refs = store.agencies.resolve("Sở Nội vụ, Sở Tư pháp, các tổ chức Đảng, Hội, Đoàn thể")
    assert [r.text for r in refs] == ["Sở Nội vụ", "Sở Tư pháp", "các tổ chức Đảng, Hội, Đoàn thể"]
    assert [r.agency_id for r in refs[:2]] == [store.agencies.match("Sở Nội vụ"), store.agencies.match("Sở Tư pháp")]
    store.close()


@pytest.mark.parametrize("name", [
    "Các tổ chức Đảng, Hội, Đoàn thể tại các cơ quan, đơn vị",
    "Các Hội, Đoàn thể cấp tỉnh",
    "Đoàn thể tỉnh",
])
def test_class_phrases_are_vague(name: str) -> None:
    assert is_vague_phrase(name)


@pytest.mark.parametrize("name", ["Hội Nông dân tỉnh", "Đoàn Thanh niên", "Sở Nội vụ", "Ban Quản lý Khu kinh tế tỉnh"])
def test_named_bodies_are_not_vague(name: str) -> None:
    assert not is_vague_phrase(name)
