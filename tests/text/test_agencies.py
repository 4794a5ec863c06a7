"""Splitting typed agency lists without breaking names that contain commas or "và"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.text.agencies import (
    DEFAULT_AGENCIES,
    is_vague_phrase,
    join_agency_parts,
    split_agency_list,
    split_agency_parts,
)
from cchc_desktop.text.textnorm import fold

KNOWN = [name for entry in DEFAULT_AGENCIES for name in (entry[0], entry[1], *entry[2]) if name]

# Lead and partner cells of the Vĩnh Long 2024 appendix and the Đắk Nông 2016-2020 one.
SAMPLE_CELLS = [
    "Văn phòng UBND tỉnh",
    "Các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan",
    "Sở Văn hóa, Thể thao và Du lịch và các cơ quan, đơn vị liên quan",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Vĩnh Long; Các tổ chức chính trị - xã hội",
    "Sở Nội vụ, các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan",
    "Sở Thông tin và Truyền thông, các cơ quan, đơn vị, địa phương và các cơ quan, đơn vị liên quan",
    "Đài Phát thanh và Truyền hình Vĩnh Long",
    "Các Sở, Ban, ngành; UBND cấp huyện; UBND cấp xã.",
    "Các Sở, Ban, ngành; UBND cấp huyện, UBND cấp xã; các tổ chức đoàn thể; Đài PT-TH tỉnh",
    "UBND thị xã Gia Nghĩa (Phòng VH TT)",
    "Sở Nội vụ; các cơ quan, đơn vị liên quan",
    "Trường Chính trị tỉnh; các cơ sở đào tạo của địa phương",
    "Sở tư pháp và các cơ quan, đơn vị liên quan",
    "Các sở, ban, ngành; UBND các huyện, thị xã",
    "Sở Nội vụ\nSở Tư pháp",  # one agency per line in a Word cell
]


@pytest.mark.parametrize("known", [(), KNOWN], ids=["no-registry", "registry"])
@pytest.mark.parametrize("text", SAMPLE_CELLS)
def test_split_then_join_gives_back_the_text_exactly(text: str, known: list[str]) -> None:
    assert join_agency_parts(split_agency_parts(text, known)) == text


@pytest.mark.parametrize("known", [(), KNOWN], ids=["no-registry", "registry"])
@pytest.mark.parametrize(
    "text, names",
    [
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        (
            "Sở Văn hóa, Thể thao và Du lịch và các cơ quan, đơn vị liên quan",
            ["Sở Văn hóa, Thể thao và Du lịch", "các cơ quan, đơn vị liên quan"],
        ),
        (
            "Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch, Sở Tư pháp",
            ["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Tư pháp"],
        ),
        ("UBND các huyện, thị xã, thành phố", ["UBND các huyện, thị xã, thành phố"]),
        ("Sở Kế hoạch và Đầu tư, Sở Tài chính", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]),
        ("Sở Thông tin và Truyền thông", ["Sở Thông tin và Truyền thông"]),
        ("Sở Giáo dục và Đào tạo và Tỉnh đoàn", ["Sở Giáo dục và Đào tạo", "Tỉnh đoàn"]),
        ("Sở Nội vụ; Sở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
        ("Sở Nội vụ\nSở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
        ("Sở Nội vụ\nCác cơ quan, đơn vị liên quan", ["Sở Nội vụ", "Các cơ quan, đơn vị liên quan"]),
        ("Trung tâm Văn hóa - Thông tin và Thể thao cấp huyện", ["Trung tâm Văn hóa - Thông tin và Thể thao cấp huyện"]),
    ],
)
def test_lists_split_only_where_a_new_agency_starts(text: str, names: list[str], known: list[str]) -> None:
    assert split_agency_list(text, known) == names


def test_registry_names_are_never_split() -> None:
    # A registry name whose second half looks like another agency ("Sở ...") stays whole.
    known = ["Ban Quản lý dự án, Sở Xây dựng cũ"]
    assert split_agency_list("Ban Quản lý dự án, Sở Xây dựng cũ", known) == ["Ban Quản lý dự án, Sở Xây dựng cũ"]
    assert split_agency_list("Ban Quản lý dự án, Sở Xây dựng cũ", ()) == ["Ban Quản lý dự án", "Sở Xây dựng cũ"]


def test_a_line_break_inside_a_known_name_does_not_split_it() -> None:
    text = "Sở Văn hóa,\nThể thao và Du lịch"
    assert split_agency_list(text, KNOWN) == [text]
    assert join_agency_parts(split_agency_parts(text, KNOWN)) == text


def test_separators_are_what_was_written() -> None:
    parts = split_agency_parts("Sở Nội vụ, Sở Tư pháp; Tỉnh đoàn và các cơ quan liên quan", KNOWN)
    assert parts == [
        ("", "Sở Nội vụ"),
        (", ", "Sở Tư pháp"),
        ("; ", "Tỉnh đoàn"),
        (" và ", "các cơ quan liên quan"),
    ]


def test_join_without_separator_uses_semicolons() -> None:
    assert join_agency_parts([("", "Sở Nội vụ"), ("", "Sở Tư pháp")]) == "Sở Nội vụ; Sở Tư pháp"
    assert join_agency_parts([]) == ""


@pytest.mark.parametrize("text", ["", "   ", " ; , ", None])
def test_empty_input_gives_no_names(text: str | None) -> None:
    assert split_agency_parts(text) == []  # type: ignore[arg-type]


def test_vague_phrases() -> None:
    assert is_vague_phrase("Các cơ quan, đơn vị liên quan")
    assert is_vague_phrase("các đơn vị có liên quan")
    assert is_vague_phrase("Cơ quan, đơn vị, địa phương")
    assert not is_vague_phrase("Sở Nội vụ")
    assert not is_vague_phrase("UBND cấp huyện")


NAMES = [entry[0] for entry in DEFAULT_AGENCIES] + ["Các cơ quan, đơn vị liên quan", "Báo Vĩnh Long"]


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=5),
    st.lists(st.sampled_from([", ", "; ", " và ", "\n", ",\n"]), min_size=4, max_size=4),
)
def test_any_list_of_registry_names_splits_back_into_those_names(names: list[str], seps: list[str]) -> None:
    text = names[0] + "".join(sep + name for sep, name in zip(seps, names[1:], strict=False))
    parts = split_agency_parts(text, KNOWN)
    assert [name for _, name in parts] == names
    assert join_agency_parts(parts) == text


def test_default_agencies_are_distinct() -> None:
    # the registry of a new database is filled without looking up each name among those added
    # before it: no name, other name or abbreviation of one default agency is another's
    owner: dict[str, str] = {}
    for name, abbreviation, aliases in DEFAULT_AGENCIES:
        for written in {fold(n) for n in (name, abbreviation, *aliases) if n}:
            assert owner.setdefault(written, name) == name, f"«{written}»: {owner[written]} / {name}"
