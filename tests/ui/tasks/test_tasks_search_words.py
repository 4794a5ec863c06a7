"""Typing in the Nhiệm vụ tab's search box finds an agency by its words in any order."""

from __future__ import annotations

import pytest


def _task_rows(tab):
    return [tab.model.task_at(r) for r in range(tab.model.rowCount()) if tab.model.task_at(r)]


@pytest.mark.parametrize("text", ["van hoa the thao", "the thao du lich", "Sở Văn hóa Thể thao", "du lich van hoa"])
def test_search_box_finds_an_agency_by_its_words(window, qtbot, type_text, text: str) -> None:
    window.tabs.setCurrentWidget(window.tasks_tab)
    tab = window.tasks_tab
    type_text(tab.search, text)
    found = _task_rows(tab)
    assert [t.id for t in found] and all(
        "Sở Văn hóa, Thể thao và Du lịch" in t.lead_names + t.partner_names for t in found)
    assert tab.count_label.text() == f"{len(found)}/14 nhiệm vụ"
