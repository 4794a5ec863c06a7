"""Free-text search of tasks: words in any order, punctuation and diacritics ignored, words
standing together (one agency name, one field, one clause of the content)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from cchc_desktop.store.domain import Appendix, Plan, Task
from cchc_desktop.store.tasks import filter_rows
from cchc_desktop.text.search import Query, narrows

ROOT = Path(__file__).resolve().parents[2]
SVHTTDL = "Sở Văn hóa, Thể thao và Du lịch"


@pytest.fixture
def office(store):
    """Three tasks naming the department of culture (as lead, as partner, in the content) and
    tasks that hold the same words apart."""
    plan = store.plans.create(Plan(number="05/KH-UBND", title="Tuyên truyền CCHC năm 2025", period_start=2025,
                                   appendices=[Appendix(title="Nhiệm vụ")]))
    resolve = store.agencies.resolve
    appendix = plan.appendices[0].id
    tasks = [
        Task(content="Tổ chức hội thi tìm hiểu CCHC.", lead=resolve(SVHTTDL), time_frame="Quý II/2025"),
        Task(content="Treo băng rôn, khẩu hiệu.", lead=resolve("Sở Nội vụ"), partners=resolve(SVHTTDL)),
        Task(content=f"Phối hợp với {SVHTTDL} xây dựng chuyên mục.", lead=resolve("Sở Tư pháp")),
        # the same words, apart
        Task(content="Trung tâm Văn hóa, Thông tin và Thể thao huyện; phát triển sản phẩm du lịch cộng đồng.", lead=resolve("Sở Tư pháp")),
        Task(content="Bồi dưỡng về nội dung, kế hoạch thực hiện nhiệm vụ; lưu trữ hồ sơ điện tử.",
             lead=resolve("Sở Tư pháp")),
        Task(content="Cập nhật thủ tục hành chính.", lead=resolve("Sở Nội vụ")),
    ]
    store.tasks.create_many([replace(t, plan_id=plan.id, appendix_id=appendix) for t in tasks])
    return store


def _found(store, text: str) -> list[int]:
    rows = store.tasks.rows()
    return [rows[i].stt for i in filter_rows(rows, text=text)]


@pytest.mark.parametrize("text", [
    "van hoa the thao", "the thao du lich", "Sở Văn hóa Thể thao", "so van hoa, the thao",
    "SỞ VĂN HÓA THỂ THAO VÀ DU LỊCH", "văn hoá thể thao", "the thao du l",
])
def test_the_department_is_found_punctuation_and_diacritics_ignored(office, text: str) -> None:
    assert _found(office, text) == [1, 2, 3]


def test_words_in_any_order(office) -> None:
    assert _found(office, "thao the hoa van") == [1, 2, 3]
    # an agency name in any order; in the content of 3 these words stand six apart
    assert _found(office, "du lich van hoa") == [1, 2]


def test_words_apart_do_not_match(office) -> None:
    assert _found(office, "so noi vu") == [2, 6]  # lead of 2 and 6; task 5 has số / nội dung / nhiệm vụ apart
    assert _found(office, "thong tin the thao") == [4]  # "Thông tin và Thể thao huyện"
    assert _found(office, "van hoa du lich") == [1, 2]  # 3 and 4 name them too far apart
    assert _found(office, "the thao huyen thong tin") == [4]


def test_a_single_word_or_part_of_one_still_finds(office) -> None:
    assert _found(office, "bang ron") == [2]
    assert _found(office, "hanh chinh") == [6]
    assert _found(office, "CCHC") == [1]
    assert _found(office, "") == [1, 2, 3, 4, 5, 6]


def test_the_command_line_searches_the_same_way(office, db_path: Path, tmp_path: Path) -> None:
    office.close()
    env = dict(os.environ, CCHC_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-m", "cchc_desktop", "--db", str(db_path), "tasks", "--search",
                          "the thao du lich", "--json"], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True).stdout
    assert [t["stt"] for t in json.loads(out)] == [1, 2, 3]


@pytest.mark.parametrize("text", ["van hoa the thao", "so noi vu", "the thao du l", "quy ii/2025 | so", "noi dung"])
def test_typing_on_finds_what_the_whole_text_finds(office, text: str) -> None:
    """At each key the search looks only at the tasks holding every word of the text (found
    among those holding every word of the text before it), or, where the key `narrows` the
    text, at the tasks the text before it found; either way, the same tasks as a search of the
    whole text. "van hoa the t" finds the content of 4 ("Văn hóa, Thông tin và Thể thao"),
    which "van hoa the" does not (three words stand within five, four within six)."""
    rows = office.tasks.rows()
    keys = [r.search_key for r in rows]
    holding: list[int] | None = None
    found: list[int] = []
    for n in range(1, len(text) + 1):
        typed, before = text[:n], text[:n - 1]
        whole = filter_rows(rows, text=typed)
        query = Query(typed)
        holding = query.holding(keys, holding, Query(before).words) if holding is not None else query.holding(keys)
        assert set(whole) <= set(holding)
        assert filter_rows(rows, text=typed, within=holding, within_text=typed) == whole, typed
        if narrows(before, typed):
            assert filter_rows(rows, text=typed, within=found, within_text=before) == whole, typed
        found = whole
    assert not narrows("van hoa the", "van hoa the t")
    assert filter_rows(rows, text="van hoa the") == [0, 1, 2]
    assert filter_rows(rows, text="van hoa the t") == [0, 1, 2, 3]
