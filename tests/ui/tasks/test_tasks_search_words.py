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


def test_typing_key_by_key_finds_what_pasting_the_text_finds(window, qtbot, type_text, demo_store) -> None:
    """Typing on searches only what the text before found, where that is right: "van hoa the t"
    finds a content naming "Văn hóa, Thông tin và Thể thao", which "van hoa the" does not (its
    three words must stand within five, four words within six)."""
    from dataclasses import replace

    from cchc_desktop.store.domain import Task

    plan = demo_store.plans.list()[0]
    demo_store.tasks.create(replace(Task(content="Trung tâm Văn hóa, Thông tin và Thể thao huyện; phát triển du lịch."),
                                    plan_id=plan.id, appendix_id=plan.appendices[0].id))
    window.tabs.setCurrentWidget(window.tasks_tab)
    tab = window.tasks_tab
    tab.reload()
    type_text(tab.search, "van hoa the t")
    typed = {t.id for t in _task_rows(tab)}
    tab.search.clear()
    tab.search.setText("van hoa the t")  # pasted at once
    pasted = {t.id for t in _task_rows(tab)}
    assert typed == pasted
    assert any(t.content.startswith("Trung tâm Văn hóa") for t in _task_rows(tab))
