"""The Báo cáo tab shows what it reports on: the greyed dates are the chosen period's, and the
agency chart names agencies as the table (and the printed report) name them."""

from __future__ import annotations

import datetime as dt

import pdfplumber
from PySide6.QtCharts import QBarCategoryAxis

from cchc_desktop.documents import report_docs
from cchc_desktop.reporting import report as rp


def test_the_greyed_dates_are_the_chosen_periods(window, person):
    person.click_tab(window, "Báo cáo")
    tab = window.reports_tab
    year = tab.year_spin.value()
    person.choose(tab.period_combo, "Quý II")
    assert not tab.from_date.isEnabled()
    assert (tab.from_date.text(), tab.to_date.text()) == (f"01/04/{year}", f"30/06/{year}")
    person.choose(tab.period_combo, "6 tháng đầu năm")
    assert (tab.from_date.text(), tab.to_date.text()) == (f"01/01/{year}", f"30/06/{year}")
    # a range of one's own starts from the period shown
    person.choose(tab.period_combo, "Khoảng thời gian khác")
    assert tab.from_date.isEnabled()
    assert (tab.from_date.text(), tab.to_date.text()) == (f"01/01/{year}", f"30/06/{year}")
    assert f"từ 01/01/{year} đến 30/06/{year}" in tab.period_label.text()


def test_the_agency_chart_names_agencies_as_the_table_does(window, qtbot, person):
    person.click_tab(window, "Báo cáo")
    tab = window.reports_tab
    qtbot.waitUntil(lambda: tab.report is not None)  # computed once the tab is on screen
    tab.pages.setCurrentIndex(tab.pages.indexOf(tab.agency_view.parentWidget().parentWidget()))
    table = {tab.agency_proxy.index(r, 0).data() for r in range(tab.agency_proxy.rowCount())}
    axis = next(a for a in tab.agency_chart.chart().axes() if isinstance(a, QBarCategoryAxis))
    assert set(axis.categories()) == table
    assert "Sở Nội vụ" in table and "SNV" not in axis.categories()


def test_the_printed_agency_chart_names_agencies_in_full(demo_store, tmp_path):
    plan = demo_store.plans.list()[0]
    report = rp.build_report(demo_store, rp.parse_period("2024"), [int(plan.id)], today=dt.date(2024, 12, 31))
    out = tmp_path / "bao-cao.pdf"
    report_docs.write_pdf(demo_store, report, out, rp.report_texts(demo_store, report), dt.date(2025, 1, 3))
    with pdfplumber.open(out) as pdf:
        page = next(p for p in pdf.pages if "Số nhiệm vụ theo cơ quan chủ trì" in
                    [line.strip() for line in (p.extract_text() or "").splitlines()])  # the chart's title
        text = " ".join((page.extract_text() or "").split())
    for row in report.agencies:
        assert " ".join(report_docs.agency_chart_label(row.name).split()) in text
    assert "SNV" not in text.split() and "STTTT" not in text.split()


def test_a_very_long_agency_name_is_cut_only_beyond_three_lines():
    name = "Ban Chỉ đạo " + "công tác cải cách hành chính và chuyển đổi số " * 4 + "tỉnh"
    label = report_docs.agency_chart_label(name)
    assert label.count("\n") == 2 and label.endswith("…")
    assert report_docs.agency_chart_label("Sở Văn hóa, Thể thao và Du lịch").replace("\n", " ") == \
        "Sở Văn hóa, Thể thao và Du lịch"


def test_the_charts_write_counts_as_vietnamese_does_with_room_for_the_highest(window, qtbot, person):
    from PySide6.QtCharts import QAbstractBarSeries, QValueAxis

    person.click_tab(window, "Báo cáo")
    tab = window.reports_tab
    person.choose(tab.period_combo, "Cả năm")
    qtbot.waitUntil(lambda: tab.report is not None and tab.report.totals.total > 0)
    for view in (tab.states_chart, tab.agency_chart):
        chart = view.chart()
        assert chart.localizeNumbers() and chart.locale().toString(1500) == "1.500"  # as the printed report
        axis = next(a for a in chart.axes() if isinstance(a, QValueAxis))
        assert axis.labelFormat() == "%.0f"
    highest = max(tab.report.totals.count(s) for s in rp.ALL_STATES)
    series = tab.states_chart.chart().series()[0]
    axis = next(a for a in tab.states_chart.chart().axes() if isinstance(a, QValueAxis))
    assert axis.max() > highest  # the highest bar's count is written above it, inside the chart
    assert series.labelsPosition() == QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd


def test_the_tables_write_counts_as_vietnamese_does(window, qtbot, person):
    # the models keep numbers (sorting, drilling down); the tables show them as the printed report
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QStyleOptionViewItem

    from cchc_desktop.store.domain import AgencyRef, Task

    store = window.store
    plan = store.plans.list()[0]
    store.tasks.create_many([Task(plan_id=plan.id, content=f"Tin bài {i + 1}", time_frame="Quý IV/2024",
                                  lead=[AgencyRef(text="Sở Nội vụ")]) for i in range(1_200)])
    window.controller.notify("tasks")
    person.click_tab(window, "Báo cáo")
    tab = window.reports_tab
    person.choose(tab.period_combo, "Cả năm")
    tab.year_spin.setValue(2024)
    qtbot.waitUntil(lambda: tab.report is not None and tab.report.totals.total > 1_000)

    def shown(view, row: int, column: int) -> str:  # noqa: ANN001 - the text the view paints in that cell
        option = QStyleOptionViewItem()
        option.locale = view.locale()  # as Qt's item views paint: their locale without thousands separators
        option.locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
        view.itemDelegate().initStyleOption(option, view.model().index(row, column))
        return option.text

    total = tab.report.totals.total
    assert shown(tab.totals_view, tab.totals_model.rowCount() - 1, 1) == f"{total:,}".replace(",", ".")
    assert tab.totals_model.index(tab.totals_model.rowCount() - 1, 1).data() == total  # a number underneath
    proxy = tab.agency_proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "Sở Nội vụ")
    assert shown(tab.agency_view, row, proxy.columnCount() - 1).startswith("1.2")
    assert shown(tab.agency_view, row, 0) == "Sở Nội vụ"


def test_every_agency_of_the_chart_is_named_in_a_small_window_and_the_chart_scrolls(window, qtbot, person):
    """Qt Charts writes "..." in place of a category's name (or nothing) when the category has
    less than a line of the label's font and 4 px above and below it: with twenty-five lead
    agencies in a window of the smallest size (the tests' screen), the chart is made tall enough
    for every name and scrolls within its part of the tab."""
    from PySide6.QtCharts import QBarCategoryAxis
    from PySide6.QtGui import QFontMetricsF

    from cchc_desktop.store.domain import AgencyRef, Task

    store = window.store
    plan = store.plans.list()[0]
    store.tasks.create_many([Task(plan_id=plan.id, content=f"Tin bài {i + 1}", time_frame="Quý IV/2024",
                                  lead=[AgencyRef(text=f"Phòng Văn hóa và Thông tin huyện số {i + 1}")])
                             for i in range(25)])
    window.controller.notify("tasks")
    window.resize(window.minimumSizeHint())
    person.click_tab(window, "Báo cáo")
    tab = window.reports_tab
    person.choose(tab.period_combo, "Cả năm")
    tab.year_spin.setValue(2024)
    qtbot.waitUntil(lambda: tab.report is not None and len(tab.report.agencies) > 25)
    person.click_tab(tab.pages, "Theo cơ quan chủ trì")
    area = tab.agency_chart_area
    qtbot.waitUntil(lambda: area.isVisible() and tab.agency_chart.chart().plotArea().height() > 0)
    chart = tab.agency_chart.chart()
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.count() == 25  # the chart's first 25 agencies
    room = chart.plotArea().height() / axis.count() - 2 * 4  # Qt Charts' label padding, above and below
    assert room >= QFontMetricsF(axis.labelsFont()).height()
    assert area.viewport().height() < tab.agency_chart.height()  # taller than its part: it scrolls
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    bottom = tab.agency_chart.mapTo(area.viewport(), tab.agency_chart.rect().bottomLeft()).y()
    assert bottom <= area.viewport().height()  # the count axis below the bars can be reached
