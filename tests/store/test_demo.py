"""The demo plan is the real Vĩnh Long 2024 plan, task for task and name for name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc_desktop.store.demo import load_demo
from cchc_desktop.store.domain import PlanStatus
from cchc_desktop.store.store import Store
from cchc_desktop.text.agencies import join_agency_parts

SAMPLE = "003_2be5e5626b2fea28.txt"


def _lines(samples_dir: Path) -> list[str]:
    return (samples_dir / SAMPLE).read_text(encoding="utf-8").splitlines()


def _appendix_rows(lines: list[str]) -> list[list[str]]:
    """The appendix table: one tab-indented line per cell, rows separated by blank lines."""
    start = max(i for i, line in enumerate(lines) if line.strip() == "PHỤ LỤC")
    rows: list[list[str]] = []
    current: list[str] = []
    for line in lines[start + 1:]:
        if line.startswith("\t") and line.strip():
            current.append(line.strip())
        elif current:
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    return rows


def _prefixed(lines: list[str], first: str, prefix: str) -> list[str]:
    """Consecutive lines starting with `prefix` from the first line that starts with `first`."""
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    out = []
    for line in lines[start:]:
        if not line.startswith(prefix):
            break
        out.append(line)
    return out


@pytest.fixture
def sample_rows(samples_dir: Path) -> list[list[str]]:
    header, *rows = _appendix_rows(_lines(samples_dir))
    assert header == ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    assert all(len(r) == 5 for r in rows)
    return rows


def test_demo_plan_metadata(demo_store: Store) -> None:
    (plan,) = demo_store.plans.list()
    assert plan.number == "3060/QĐ-UBND"
    assert plan.doc_type == "Quyết định"
    assert plan.issue_date == dt.date(2023, 12, 29)
    assert (plan.period_start, plan.period_end) == (2024, 2024)
    assert plan.place == "Vĩnh Long"
    assert plan.status is PlanStatus.ISSUED
    assert plan.title == "Tuyên truyền cải cách hành chính năm 2024 của tỉnh Vĩnh Long"
    assert (plan.signer_authority, plan.signer_position, plan.signer_name) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Quyên Thanh"
    )
    assert len(plan.legal_bases) == 4
    assert all(b.startswith("Căn cứ ") for b in plan.legal_bases)
    assert plan.recipients[0] == "Như Điều 3;"
    assert plan.recipients[-1] == "Lưu: VT. 107.PVHCC."
    assert [s.heading for s in plan.sections][:2] == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG TUYÊN TRUYỀN"]
    assert len(plan.appendices) == 1
    assert demo_store.plans.task_count(int(plan.id)) == 14


def test_demo_metadata_is_the_sample_text(demo_store: Store, samples_dir: Path) -> None:
    lines = _lines(samples_dir)
    (plan,) = demo_store.plans.list()
    assert plan.legal_bases == _prefixed(lines, "Căn cứ ", "Căn cứ ")
    assert plan.proposer == next(line for line in lines if line.startswith("Theo đề nghị"))
    recipients = _prefixed(lines, "- Như Điều 3", "- ")
    assert plan.recipients == [r.removeprefix("- ") for r in recipients]
    assert plan.signer_name in lines
    reference = next(line for line in lines if line.startswith("(Kèm theo Quyết định số"))
    assert f"số {plan.number} " in reference
    assert "ngày 29 tháng 12 năm 2023" in reference


def test_every_task_is_the_sample_row(demo_store: Store, sample_rows: list[list[str]]) -> None:
    rows = demo_store.tasks.rows()
    assert len(rows) == len(sample_rows) == 14
    for row, (stt, content, lead, partners, when) in zip(rows, sample_rows, strict=True):
        task = row.task
        assert str(row.stt) == stt.rstrip(".")
        assert task.content == content
        assert task.time_frame == when
        # The lists split into agencies and join back to the cell text exactly.
        assert join_agency_parts((r.separator, r.text) for r in task.lead) == lead
        assert join_agency_parts((r.separator, r.text) for r in task.partners) == partners


def test_demo_names_are_linked_to_the_registry(demo_store: Store) -> None:
    by_stt = {r.stt: r.task for r in demo_store.tasks.rows()}
    agencies = demo_store.agencies
    assert by_stt[12].lead[0].agency_id == agencies.match("Đài PT-TH tỉnh")
    assert by_stt[2].partners[0].text == "Sở Văn hóa, Thể thao và Du lịch"
    assert by_stt[2].partners[0].agency_id == agencies.match("SVHTTDL")
    assert by_stt[2].partners[1].agency_id is None  # "các cơ quan, đơn vị liên quan" stays a phrase
    assert by_stt[4].partners[0].agency_id == agencies.match("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")
    assert by_stt[13].lead[0].agency_id == agencies.match("Báo VL")
    assert by_stt[14].lead[0].agency_id == agencies.match("UBND các huyện, thị xã, thành phố")


def test_loading_the_demo_twice_adds_a_second_plan_without_duplicate_agencies(demo_store: Store) -> None:
    agencies_before = [(a.name, a.abbreviation, a.aliases) for a in demo_store.agencies.list()]
    second = load_demo(demo_store)
    assert len(demo_store.plans.list()) == 2
    assert demo_store.plans.task_count(int(second.id)) == 14
    assert [(a.name, a.abbreviation, a.aliases) for a in demo_store.agencies.list()] == agencies_before
