"""The register's "Số nhiệm vụ" column: the window paints the register without counting every
task of every plan (most of reading ten years of plans); the numbers of the rows shown are
counted as they are painted, a block of rows at a time, and are the plans' real numbers, as are
all of them once the register is sorted by that column or scrolled to its end."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from cchc_desktop.store.domain import Appendix, Plan, Task
from ui.plans.plan_table_model import COLUMNS, COUNT_BLOCK

PLANS = 150


def _counts_of(store) -> dict[int, int]:  # noqa: ANN001
    """A register of many plans whose numbers of tasks all differ from their neighbours'."""
    for i in range(PLANS):
        plan = store.plans.create(Plan(number=f"{i + 1}/KH-UBND", title=f"Kế hoạch {i + 1}", period_start=2026,
                                       period_end=2026, appendices=[Appendix(title="Phụ lục")]))
        store.tasks.create_many([Task(plan_id=plan.id, appendix_id=plan.appendices[0].id, content=f"Nhiệm vụ {k}")
                                 for k in range(i % 11)])
    return {p.id: p.task_count for p in store.plans.register()}


def test_the_register_paints_counting_only_the_rows_near_those_shown(qtbot, store, qsettings, vietnamese_qt,
                                                                    errors) -> None:
    real = _counts_of(store)
    asked: list[list[int] | None] = []
    count_of = store.plans.task_counts

    def counting(plan_ids=None):  # noqa: ANN001, ANN202
        asked.append(None if plan_ids is None else list(plan_ids))
        return count_of(plan_ids)

    store.plans.task_counts = counting
    from ui.shell.main_window import MainWindow

    window = MainWindow(store, qsettings)
    window.resize(1600, 800)
    window.show()
    qtbot.waitExposed(window)
    tab = window.plans_tab
    view, model = tab.view, tab.model
    column = COLUMNS.index("tasks")
    view.horizontalHeader().resizeSection(column, 80)
    view.scrollTo(model.index(0, column))
    qtbot.wait(20)
    assert model.rowCount() == PLANS
    # painting the register counted the plans of a block of rows, not the whole database
    assert asked and None not in asked
    assert len({pid for ids in asked for pid in ids}) <= COUNT_BLOCK + COUNT_BLOCK // 4
    shown = [model.index(row, column) for row in range(model.rowCount())
             if view.visualRect(model.index(row, column)).intersects(view.viewport().rect())]
    assert len(shown) >= 10
    for index in shown:
        assert index.data() == str(real[index.data(Qt.ItemDataRole.UserRole + 1)])

    # scrolled to its end: the rows there are counted when painted, and right
    view.scrollToBottom()
    qtbot.wait(20)
    last = model.index(model.rowCount() - 1, column)
    assert last.data() == str(real[last.data(Qt.ItemDataRole.UserRole + 1)])

    # sorted by the number of tasks: every plan counted, in the order of their real numbers
    header = view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, column))
    listed = [(int(model.index(r, column).data()), model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1))
              for r in range(model.rowCount())]
    assert [n for n, _ in listed] == sorted(n for n, _ in listed) or [n for n, _ in listed] == sorted(
        (n for n, _ in listed), reverse=True)
    assert {pid: n for n, pid in listed} == real
    window.plans_tab.editor.set_plan(None)
    window.close()


def _section_centre(header, column: int) -> QPoint:  # noqa: ANN001
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
