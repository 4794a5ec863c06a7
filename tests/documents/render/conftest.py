"""Fixtures for printed documents: a plan with tricky text, and readers of the PDFs made from it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from cchc_desktop.store.domain import AgencyRef, Task

SPECIAL = "Nhiệm vụ thử: A&B <Phòng CCHC>\ndòng hai"
GROUP_TITLES = ("Văn phòng UBND tỉnh", "Sở Nội vụ")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def squash_text() -> Callable[[str], str]:
    """White space folded to single spaces (PDF text has line wraps where the source has none)."""
    return squash


@pytest.fixture
def tricky() -> SimpleNamespace:
    """The texts of `grouped_store`: the task that reportlab would mangle, the group titles."""
    return SimpleNamespace(special=SPECIAL, groups=GROUP_TITLES)


@pytest.fixture
def grouped_store(demo_store):
    """The demo plan plus two groups: the first with the tricky task, the second with two tasks."""
    plan = demo_store.plans.list()[0]
    appendix_id = plan.appendices[0].id
    g1 = demo_store.tasks.add_group(appendix_id, GROUP_TITLES[0])
    g2 = demo_store.tasks.add_group(appendix_id, GROUP_TITLES[1])
    demo_store.tasks.create_many([
        Task(plan_id=plan.id, appendix_id=appendix_id, group_id=g1.id, content=SPECIAL,
             lead=[AgencyRef("Văn phòng UBND tỉnh")], time_frame="Quý I/2024"),
        Task(plan_id=plan.id, appendix_id=appendix_id, group_id=g2.id, content="Tập huấn nghiệp vụ",
             lead=[AgencyRef("Sở Nội vụ")], time_frame="Quý II/2024"),
        Task(plan_id=plan.id, appendix_id=appendix_id, group_id=g2.id, content="Tổng kết năm",
             lead=[AgencyRef("Sở Nội vụ")], time_frame="Quý IV/2024"),
    ])
    return demo_store


@pytest.fixture
def plan_id(demo_store) -> int:
    return int(demo_store.plans.list()[0].id)


@pytest.fixture
def column_text() -> Callable[[Path, float, float], list[str]]:
    """Per page, the text of one table column (x0..x1 in points), from the header row's top down."""
    import pdfplumber

    def read(pdf_path: Path, x0: float, x1: float) -> list[str]:
        out = []
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                stt = [w for w in page.extract_words() if w["text"] == "STT"]
                top = stt[0]["top"] - 2 if stt else 0
                out.append(page.crop((x0, top, x1, page.height)).extract_text() or "")
        return out

    return read
