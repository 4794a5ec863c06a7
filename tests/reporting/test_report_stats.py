"""Report figures of the small plan (see conftest.py), worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.errors import ValidationError
from cchc_desktop.reporting import report as rp
from cchc_desktop.scheduling.schedule import CONTINUOUS, DONE_LATE, DONE_ON_TIME, IN_PROGRESS, OVERDUE

Q1_DAY = dt.date(2025, 4, 15)  # printed after the quarter: figures as they stood on 31/03


def _ids(plan, *keys: str) -> list[int]:
    return sorted(plan.ids[k] for k in keys)


def test_quarter_totals_in_the_four_official_states(small_plan) -> None:
    r = rp.build_report(small_plan.store, rp.parse_period("2025-Q1"), [small_plan.plan_id], today=Q1_DAY)
    t = r.totals
    assert r.as_of == dt.date(2025, 3, 31)
    assert {s: t.count(s) for s in rp.ALL_STATES} == {
        DONE_ON_TIME: 1, DONE_LATE: 2, IN_PROGRESS: 1, OVERDUE: 1, CONTINUOUS: 2,
    }
    assert t.total == 7
    assert sorted(t.ids[DONE_ON_TIME]) == _ids(small_plan, "A")
    assert sorted(t.ids[DONE_LATE]) == _ids(small_plan, "B", "F")  # F: February's round done on 05/03
    assert sorted(t.ids[IN_PROGRESS]) == _ids(small_plan, "C")  # due in Quý II
    assert sorted(t.ids[OVERDUE]) == _ids(small_plan, "D")
    assert sorted(t.ids[CONTINUOUS]) == _ids(small_plan, "E", "G")
    assert t.percent(DONE_LATE) == 28.6 and t.percent_text(DONE_LATE) == "28,6%"
    # Every round of the recurring task counts on its own in the per-occurrence figures.
    occ = r.occurrence_counts
    assert (occ.count(DONE_ON_TIME), occ.count(DONE_LATE), occ.count(IN_PROGRESS), occ.count(OVERDUE)) == (3, 2, 1, 1)


def test_next_quarter_carries_the_overdue_task_and_drops_finished_ones(small_plan) -> None:
    r = rp.build_report(small_plan.store, rp.parse_period("2025-Q2"), [small_plan.plan_id],
                        today=dt.date(2025, 7, 15))
    t = r.totals
    assert sorted(t.all_ids()) == _ids(small_plan, "C", "D", "E", "F", "G")  # A and B finished in Quý I
    assert sorted(t.ids[OVERDUE]) == _ids(small_plan, "D", "F")  # D still open; F's April-May rounds not done
    assert sorted(t.ids[IN_PROGRESS]) == _ids(small_plan, "C")  # due 30/06, the report is as of 30/06


def test_report_made_during_the_quarter_ignores_later_work(small_plan) -> None:
    r = rp.build_report(small_plan.store, rp.parse_period("2025-Q1"), today=dt.date(2025, 3, 10))
    assert r.as_of == dt.date(2025, 3, 10)
    assert r.task(small_plan.ids["A"]).state == IN_PROGRESS  # finished only on 20/03
    assert r.task(small_plan.ids["F"]).state == IN_PROGRESS  # March's round still open


def test_agency_written_under_two_aliases_is_one_row(small_plan) -> None:
    r = rp.build_report(small_plan.store, rp.parse_period("2025-Q1"), [small_plan.plan_id], today=Q1_DAY)
    by_name = {a.name: a for a in r.agencies}
    assert len(r.agencies) == 4
    dai = by_name["Đài Phát thanh và Truyền hình tỉnh"]  # written as the full name (A) and "Đài PT-TH tỉnh" (E)
    assert dai.counts.total == 2
    assert dai.counts.ids[DONE_ON_TIME] == [small_plan.ids["A"]]
    assert dai.counts.ids[CONTINUOUS] == [small_plan.ids["E"]]
    sttt = by_name["Sở Thông tin và Truyền thông"]  # "STTTT" on G
    assert sorted(sttt.counts.all_ids()) == _ids(small_plan, "F", "G")
    snv = by_name["Sở Nội vụ"]
    assert (snv.counts.count(DONE_LATE), snv.counts.count(OVERDUE)) == (1, 1)
    # Drill-down: the tasks behind one cell.
    assert r.drill(OVERDUE, snv.key) == [small_plan.ids["D"]]
    assert sorted(r.drill(None, snv.key)) == _ids(small_plan, "B", "D")


def test_quotas_target_and_achieved_per_task_and_agency(small_plan) -> None:
    r = rp.build_report(small_plan.store, rp.parse_period("2025-Q1"), today=Q1_DAY)
    q = {row.task_id: row for row in r.quotas}
    f, g = q[small_plan.ids["F"]], q[small_plan.ids["G"]]
    assert (f.target, f.achieved, f.unit) == (9, 9, "tin (bài)")  # 3 months x 3; 3 + 2 + 4
    assert (g.target, g.achieved) == (6, 3)  # 3 months x 2; 2 + 1
    rows = {(a.name, a.unit): a for a in r.agency_quotas}
    assert (rows[("Sở Thông tin và Truyền thông", "bài")].target, rows[("Sở Thông tin và Truyền thông", "bài")].achieved) == (6, 3)
    assert rows[("Sở Thông tin và Truyền thông", "tin (bài)")].percent == 100.0


@pytest.mark.parametrize(("period", "f_quota", "g_quota"), [
    ("2025-01-01:2025-01-31", (3, 3), (2, 2)),  # the 2 bài of 31/01 are January's
    # The 1 bài of 01/02 is February's; February's 2 tin were only reported on 05/03, after it.
    ("01/02/2025:28/02/2025", (3, 0), (2, 1)),
    ("2025-01-15:2025-02-14", (3, 3), (2, 3)),  # only January ends inside: one month's target
])
def test_monthly_quota_over_a_month_boundary(small_plan, period, f_quota, g_quota) -> None:
    r = rp.build_report(small_plan.store, rp.parse_period(period), today=Q1_DAY)
    q = {row.task_id: (row.target, row.achieved) for row in r.quotas}
    assert q[small_plan.ids["F"]] == f_quota
    assert q[small_plan.ids["G"]] == g_quota


def test_evidence_of_the_period(small_plan) -> None:
    r = rp.build_report(small_plan.store, rp.parse_period("2025-Q1"), today=Q1_DAY)
    assert set(r.evidence) == {small_plan.ids["A"], small_plan.ids["F"]}
    (a,) = r.evidence[small_plan.ids["A"]]
    assert (a.number, a.date) == ("Công văn số 12/ĐPTTH", dt.date(2025, 3, 21))
    assert r.evidence[small_plan.ids["F"]][0].link == "https://vinhlong.gov.vn/tin-thang-2"
    assert rp.build_report(small_plan.store, rp.parse_period("2025-Q2"), today=Q1_DAY).evidence == {}


def test_attached_files_are_copied_and_listed_as_evidence(small_plan, tmp_path) -> None:
    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService

    src = tmp_path / "Biên bản.pdf"
    src.write_bytes(b"%PDF-1.4 test")
    service = ProgressService(small_plan.store)
    entry = service.record(ProgressEntry(task_id=small_plan.ids["C"], state=TaskStatus.DOING,
                                         done_on=dt.date(2025, 3, 3)), files=[src])
    assert entry.attachments == ["Biên bản.pdf"]
    (att,) = service.attachments([int(entry.id)])
    assert att.path.read_bytes() == b"%PDF-1.4 test" and att.path.is_relative_to(tmp_path / "cchc-attachments")
    src.unlink()  # the copy stays when the original goes
    assert att.path.exists()
    r = rp.build_report(small_plan.store, rp.parse_period("2025-Q1"), today=Q1_DAY)
    assert r.evidence[small_plan.ids["C"]][0].attachments == ["Biên bản.pdf"]


def test_missing_attachment_changes_nothing(small_plan, tmp_path) -> None:
    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService

    service = ProgressService(small_plan.store)
    before = len(service.history(small_plan.ids["C"]))
    with pytest.raises(ValidationError, match="Không tìm thấy tệp"):
        service.record(ProgressEntry(task_id=small_plan.ids["C"], state=TaskStatus.DONE), files=[tmp_path / "x.pdf"])
    assert len(service.history(small_plan.ids["C"])) == before


@pytest.mark.parametrize(("text", "start", "end", "label"), [
    ("2025-Q1", (2025, 1, 1), (2025, 3, 31), "Quý I năm 2025"),
    ("2025-q4", (2025, 10, 1), (2025, 12, 31), "Quý IV năm 2025"),
    ("2025-H1", (2025, 1, 1), (2025, 6, 30), "6 tháng đầu năm 2025"),
    ("2025-9M", (2025, 1, 1), (2025, 9, 30), "9 tháng năm 2025"),
    ("2025", (2025, 1, 1), (2025, 12, 31), "năm 2025"),
    ("2024-01-15:2024-02-29", (2024, 1, 15), (2024, 2, 29), "từ ngày 15/01/2024 đến ngày 29/02/2024"),
    ("15/01/2025:14/02/2025", (2025, 1, 15), (2025, 2, 14), "từ ngày 15/01/2025 đến ngày 14/02/2025"),
])
def test_period_parsing(text, start, end, label) -> None:
    p = rp.parse_period(text)
    assert (p.start, p.end, p.label) == (dt.date(*start), dt.date(*end), label)
    assert rp.parse_period(p.code) == p


@pytest.mark.parametrize("text", ["2025-Q5", "Q1", "", "2025-02-30:2025-03-01", "2025-03-01:2025-02-01"])
def test_bad_periods_are_refused_in_vietnamese(text) -> None:
    with pytest.raises(ValidationError) as err:
        rp.parse_period(text)
    assert any(word in err.value.message for word in ("không hợp lệ", "không tồn tại", "phải sau"))


def test_officer_texts_are_kept_per_plan_and_period(small_plan) -> None:
    store = small_plan.store
    q1 = rp.build_report(store, rp.parse_period("2025-Q1"), [small_plan.plan_id], today=Q1_DAY)
    assert "tổng số nhiệm vụ được đánh giá là 7" in rp.report_texts(store, q1)["results"]
    rp.save_report_texts(store, q1, {"results": "Đã hoàn thành tốt", "shortcomings": "Còn chậm", "next_tasks": "Tiếp tục"})
    assert rp.report_texts(store, q1)["shortcomings"] == "Còn chậm"
    q2 = rp.build_report(store, rp.parse_period("2025-Q2"), [small_plan.plan_id], today=Q1_DAY)
    assert rp.report_texts(store, q2)["shortcomings"] == ""


def test_texts_for_every_plan_survive_a_new_plan(small_plan) -> None:
    from cchc_desktop.store.domain import Plan

    store = small_plan.store
    every = rp.build_report(store, rp.parse_period("2025-Q1"), today=Q1_DAY)
    rp.save_report_texts(store, every, {"results": "Chung cho mọi kế hoạch"})
    store.plans.create(Plan(title="Kế hoạch bổ sung", period_start=2025, period_end=2025))
    again = rp.build_report(store, rp.parse_period("2025-Q1"), today=Q1_DAY)
    assert len(again.plans) == 2
    assert rp.report_texts(store, again)["results"] == "Chung cho mọi kế hoạch"
    one = rp.build_report(store, rp.parse_period("2025-Q1"), [small_plan.plan_id], today=Q1_DAY)
    assert rp.report_texts(store, one)["results"].startswith("Trong quý I năm 2025")


@pytest.mark.parametrize(("code", "opening"), [
    ("2025-Q1", "Trong quý I năm 2025, tổng số nhiệm vụ"),
    ("2025-Q4", "Trong quý IV năm 2025, tổng số nhiệm vụ"),
    ("2025-H1", "Trong 6 tháng đầu năm 2025, tổng số nhiệm vụ"),
    ("2025-H2", "Trong 6 tháng cuối năm 2025, tổng số nhiệm vụ"),
    ("2025-9M", "Trong 9 tháng năm 2025, tổng số nhiệm vụ"),
    ("2025", "Trong năm 2025, tổng số nhiệm vụ"),
    ("2025-01-01:2025-12-31", "Từ ngày 01/01/2025 đến ngày 31/12/2025, tổng số nhiệm vụ"),
    ("15/01/2025:14/02/2025", "Từ ngày 15/01/2025 đến ngày 14/02/2025, tổng số nhiệm vụ"),
])
def test_results_text_opens_with_the_period_in_good_vietnamese(small_plan, code: str, opening: str) -> None:
    r = rp.build_report(small_plan.store, rp.parse_period(code), [small_plan.plan_id], today=Q1_DAY)
    results = rp.default_texts(r)["results"]
    assert results.startswith(opening)
    assert "Trong từ" not in results
