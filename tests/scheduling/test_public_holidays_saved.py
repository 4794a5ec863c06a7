"""Viet Nam's public holidays are computed by the `holidays` package once and kept in the data
folder: the next process reads them back (identical) without importing the package, and a
changed package computes them again."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import holidays
import pytest

from cchc_desktop.scheduling import workdays
from cchc_desktop.scheduling.workdays import WorkCalendar

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workdays, "_public", {})


def _package(year: int) -> tuple[dict[dt.date, str], set[dt.date]]:
    vn = holidays.country_holidays("VN", years=year, language="vi")
    return dict(vn.items()), {d for d in vn.weekend_workdays if d.year == year}


def test_saved_holidays_are_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    years = (1999, 2016, 2020, 2024, 2025, 2026, 2035)
    for y in years:
        assert workdays._public_year(y) == _package(y)
    monkeypatch.setattr(workdays, "_public", {})
    monkeypatch.setattr(workdays, "_vietnam", lambda: pytest.fail("computed again"))
    for y in years:
        assert workdays._public_year(y) == _package(y)  # read back from the file
    cal = WorkCalendar(None)
    assert cal.holiday_name(dt.date(2025, 1, 29)) == _package(2025)[0][dt.date(2025, 1, 29)]
    assert cal.day_note(dt.date(2025, 4, 26)) == "Làm bù"


def test_a_changed_package_computes_again(monkeypatch: pytest.MonkeyPatch) -> None:
    workdays._public_year(2025)
    saved = workdays._public_path()
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["years"]["2025"] = [[["2025-03-03", "Ngày không có"]], []]
    saved.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(workdays, "_public", {})
    monkeypatch.setattr(workdays, "_package_key", lambda: ["another version"])
    assert workdays._public_year(2025) == _package(2025)


def test_a_second_process_does_not_import_the_package(tmp_path: Path) -> None:
    env = dict(os.environ, CCHC_DATA_DIR=str(tmp_path / "data"))
    code = ("import sys, datetime as dt; from cchc_desktop.scheduling.workdays import WorkCalendar; "
            "c = WorkCalendar(None); print(c.is_day_off(dt.date(2025, 9, 2)), 'holidays' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert runs == [["True", "True"], ["True", "False"]]
