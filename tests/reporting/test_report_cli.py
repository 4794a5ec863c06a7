"""`progress` and `report` on the command line, against a real database file."""

from __future__ import annotations

import datetime as dt
import json

from cchc_desktop.cli import main
from cchc_desktop.store.progress import ProgressService
from cchc_desktop.store.store import Store


def _json(capsys, *argv: str) -> dict:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_report_json_has_the_state_counts_and_agency_rows(plan_file, db_path, capsys) -> None:
    data = _json(capsys, "--db", str(db_path), "report", "--plan", str(plan_file.plan_id), "--period", "2025-Q1",
                 "--on", "15/04/2025", "--json")
    assert {k: data[k] for k in ("done_on_time", "done_late", "in_progress", "overdue", "continuous", "total")} == {
        "done_on_time": 1, "done_late": 2, "in_progress": 1, "overdue": 1, "continuous": 2, "total": 7,
    }
    assert data["period"]["label"] == "Quý I năm 2025"
    rows = {row["name"]: row for row in data["agencies"]}
    dai = rows["Đài Phát thanh và Truyền hình tỉnh"]
    assert {k: dai[k] for k in ("done_on_time", "done_late", "in_progress", "overdue", "continuous")} == {
        "done_on_time": 1, "done_late": 0, "in_progress": 0, "overdue": 0, "continuous": 1,
    }
    assert sum(r["total"] for r in data["agencies"]) == 7  # each task has one lead agency here
    assert sorted(data["task_ids"]["overdue"]) == [plan_file.ids["D"]]


def test_progress_records_a_task_and_an_occurrence(plan_file, db_path, capsys) -> None:
    c = plan_file.ids["C"]
    entry = _json(capsys, "--db", str(db_path), "progress", str(c), "--state", "done", "--date", "2025-04-02",
                  "--note", "Đã tổ chức hội nghị", "--officer", "Trần Thị C", "--evidence", "45/BC-STP", "--json")
    assert (entry["task_id"], entry["state"], entry["done_on"], entry["officer"]) == (c, "done", "2025-04-02", "Trần Thị C")
    f = plan_file.ids["F"]
    entry = _json(capsys, "--db", str(db_path), "progress", str(f), "--state", "done", "--occurrence", "Tháng 4/2025",
                  "--date", "30/04/2025", "--count", "3", "--json")
    assert (entry["occurrence_due"], entry["count"]) == ("2025-04-30", 3)
    store = Store.open(db_path)
    try:
        latest = ProgressService(store).latest_by_occurrence([f])
        assert latest[(f, dt.date(2025, 4, 30))].count == 3
        assert store.tasks.get(c).completed_on == dt.date(2025, 4, 2)
    finally:
        store.close()


def test_recurring_task_needs_its_occurrence(plan_file, db_path, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(db_path), "progress", str(plan_file.ids["F"]), "--state", "done"]) == 2
    err = capsys.readouterr().err
    assert "--occurrence" in err and "Tháng 1/2025" in err
    assert main(["--db", str(db_path), "progress", str(plan_file.ids["F"]), "--state", "done",
                 "--occurrence", "15/01/2025"]) == 2
    assert "không có lần thực hiện" in capsys.readouterr().err


def test_report_text_output_and_bad_period(plan_file, db_path, capsys) -> None:
    capsys.readouterr()
    assert main(["--db", str(db_path), "report", "--period", "2025-H1", "--on", "2025-07-10"]) == 0
    out = capsys.readouterr().out
    assert "6 tháng đầu năm 2025" in out and "Quá hạn chưa hoàn thành" in out and "Sở Nội vụ" in out
    assert main(["--db", str(db_path), "report", "--period", "2025-Q7"]) == 2
    assert "Kỳ báo cáo không hợp lệ" in capsys.readouterr().err


def test_a_day_before_the_period_is_refused_in_vietnamese(plan_file, db_path, capsys) -> None:
    for command in ("report", "evidence"):
        capsys.readouterr()
        assert main(["--db", str(db_path), command, "--period", "2025-Q2", "--on", "2025-03-31", "--json"]) == 2
        err = capsys.readouterr().err
        assert "trước kỳ báo cáo" in err and "01/04/2025" in err


_SUMMARY_PROBE = """
import gc, sys
from cchc_desktop.cli import main
sys.argv = ["cchc-desktop", "--db", sys.argv[1], "report", "--period", "2025-Q1", "--on", "15/04/2025"]
code = main()
print("|".join([str(code), str("getpass" in sys.modules), str(gc.isenabled()), str(gc.get_freeze_count() > 0)]))
"""


def test_the_summary_as_its_own_process_leaves_its_objects_out_of_the_collections(plan_file, db_path, tmp_path) -> None:
    """The command line's summary, run as the process's command: the cycle collector is paused while
    it counts and what it made stays out of the collection at exit; reading the progress entries does
    not load the user-name module (only writing one does)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root), CCHC_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", _SUMMARY_PROBE, str(db_path)], cwd=root, env=env, text=True,
                         capture_output=True, check=True, encoding="utf-8").stdout
    assert "Báo cáo Quý I năm 2025" in out
    # exit code | user-name module loaded | collector on | objects kept out of the collections
    assert out.strip().splitlines()[-1] == "0|False|True|True"


def test_the_summary_called_in_a_process_leaves_the_collector_as_it_was(plan_file, db_path, capsys) -> None:
    import gc

    frozen = gc.get_freeze_count()
    assert main(["--db", str(db_path), "report", "--period", "2025-Q1", "--on", "15/04/2025"]) == 0
    assert "Báo cáo Quý I năm 2025" in capsys.readouterr().out
    assert gc.isenabled() and gc.get_freeze_count() == frozen
