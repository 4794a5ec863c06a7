"""The command line as a user runs it: a real process, a real database file."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cchc_desktop
from cchc_desktop.store.store import Store

PROJECT_ROOT = Path(cchc_desktop.__file__).resolve().parents[1]


def _run(db: Path, *args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["CCHC_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "cchc_desktop", "--db", str(db), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _user_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip(), "the error must be explained on stderr"
    return result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A database with the demo plan loaded through the `demo` command (shared, read only)."""
    folder = tmp_path_factory.mktemp("cli")
    db, data = folder / "cchc.sqlite3", folder / "data"
    out = _ok(_run(db, "demo", data_dir=data))
    assert "3060/QĐ-UBND" in out
    return db, data


@pytest.fixture
def writable_db(demo_db: tuple[Path, Path], tmp_path: Path) -> Path:
    db = tmp_path / "rw.sqlite3"
    shutil.copy(demo_db[0], db)
    return db


def test_plans_json(demo_db: tuple[Path, Path]) -> None:
    db, data = demo_db
    (plan,) = json.loads(_ok(_run(db, "plans", "--json", data_dir=data)))
    assert plan["id"] == 1
    assert plan["number"] == "3060/QĐ-UBND"
    assert plan["date"] == "2023-12-29"
    assert plan["period"] == "2024"
    assert plan["task_count"] == 14
    assert plan["signer"]["name"] == "Nguyễn Thị Quyên Thanh"
    assert plan["recipients"][-1] == "Lưu: VT. 107.PVHCC."


def test_tasks_json_carries_the_appendix_columns(demo_db: tuple[Path, Path]) -> None:
    db, data = demo_db
    tasks = json.loads(_ok(_run(db, "tasks", "--plan", "1", "--json", data_dir=data)))
    assert len(tasks) == 14
    for t in tasks:
        assert {"id", "plan_id", "content", "lead", "partners", "when"} <= set(t)
        assert t["plan_id"] == 1
        assert isinstance(t["lead"], list) and isinstance(t["partners"], list)
    second = tasks[1]
    assert second["content"] == "Triển khai tuyên truyền cổ động trực quan về CCHC, chính quyền điện tử, chuyển đổi số."
    assert second["lead"] == ["Sở Thông tin và Truyền thông"]
    assert second["partners"] == ["Sở Văn hóa, Thể thao và Du lịch", "các cơ quan, đơn vị liên quan"]
    assert second["when"] == "Quý I và II/2024"
    assert tasks[2]["when"] == "Trước ngày 16/01/2024"


def test_tasks_search_without_diacritics(demo_db: tuple[Path, Path]) -> None:
    db, data = demo_db
    tasks = json.loads(_ok(_run(db, "tasks", "--search", "so noi vu", "--json", data_dir=data)))
    # Sở Nội vụ: partner of task 5, lead of tasks 9 and 11.
    assert [t["stt"] for t in tasks] == [5, 9, 11]


def test_tasks_by_an_agency_alias(demo_db: tuple[Path, Path]) -> None:
    db, data = demo_db
    tasks = json.loads(_ok(_run(db, "tasks", "--agency", "Đài PT-TH", "--json", data_dir=data)))
    assert [t["id"] for t in tasks] == [12]
    assert tasks[0]["lead"] == ["Đài Phát thanh và Truyền hình Vĩnh Long"]


def test_task_add_with_several_agencies(writable_db: Path, tmp_path: Path) -> None:
    result = _run(
        writable_db, "task-add", "--plan", "1", "--content", "Tổ chức tọa đàm về CCHC & chuyển đổi số <2024>",
        "--lead", "Sở Nội vụ", "--lead", "Sở Thông tin và Truyền thông",
        "--partner", "Sở Văn hóa, Thể thao và Du lịch", "--when", "Quý II/2024", "--json",
        data_dir=tmp_path / "data",
    )
    added = json.loads(_ok(result))
    assert added["lead"] == ["Sở Nội vụ", "Sở Thông tin và Truyền thông"]
    assert added["partners"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert added["when"] == "Quý II/2024"
    store = Store.open(writable_db)
    try:
        task = store.tasks.get(int(added["id"]))
        assert task.content == "Tổ chức tọa đàm về CCHC & chuyển đổi số <2024>"
        assert [r.agency_id for r in task.lead] == [store.agencies.match("SNV"), store.agencies.match("STTTT")]
        assert store.plans.task_count(1) == 15
    finally:
        store.close()


def test_unknown_plan_is_a_vietnamese_error(demo_db: tuple[Path, Path]) -> None:
    db, data = demo_db
    result = _run(db, "tasks", "--plan", "99", "--json", data_dir=data)
    assert "Không tìm thấy kế hoạch" in _user_error(result)
    assert result.stdout == ""


def test_empty_content_is_refused_and_nothing_is_added(writable_db: Path, tmp_path: Path) -> None:
    result = _run(writable_db, "task-add", "--plan", "1", "--content", "   ", data_dir=tmp_path / "data")
    assert "không được để trống" in _user_error(result)
    store = Store.open(writable_db)
    try:
        assert store.plans.task_count(1) == 14
    finally:
        store.close()


def test_missing_option_value_is_a_vietnamese_usage_error(demo_db: tuple[Path, Path]) -> None:
    db, data = demo_db
    stderr = _user_error(_run(db, "task-add", "--content", "Nhiệm vụ", "--plan", data_dir=data))
    assert "cần một giá trị" in stderr
    assert "--plan" in stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell pipeline; the next test is the Windows one")
def test_output_cut_short_by_the_reader_is_not_an_error(demo_db) -> None:
    """`cchc-desktop tasks --json | head -2` ends quietly, with exit code 0."""
    cmd = f'"{sys.executable}" -m cchc_desktop --db "{demo_db[0]}" tasks --json | head -2'
    done = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Lỗi" not in done.stderr


def test_output_to_a_reader_that_has_gone_is_not_an_error(demo_db) -> None:
    """The reader of the pipe closes it before the command writes anything (`| more` quit at
    once on Windows, where the write fails with EINVAL or EPIPE): quiet, with exit code 0."""
    proc = subprocess.Popen([sys.executable, "-m", "cchc_desktop", "--db", str(demo_db[0]), "tasks", "--json"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, CCHC_DATA_DIR=str(demo_db[1])))
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # long before the interpreter has started and the tasks are read
    stderr = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == 0, stderr
    assert "Traceback" not in stderr and "Lỗi" not in stderr


class _WindowsPipeEnd(io.FileIO):
    """The write end of a pipe as Windows reports it once the reader has gone: EINVAL, not EPIPE."""

    def write(self, data) -> int:  # noqa: ANN001
        raise OSError(errno.EINVAL, "Invalid argument")


def test_windows_einval_from_a_pipe_without_reader_ends_quietly(monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from cchc_desktop import cli

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone
    raw = _WindowsPipeEnd(write_end, "w")
    stream = io.TextIOWrapper(io.BufferedWriter(raw, buffer_size=1), encoding="utf-8", write_through=True)
    monkeypatch.setattr(sys, "stdout", stream)
    try:
        assert cli.main(["timeframe", "6 tháng đầu năm 2024", "--year", "2024"]) == 0
        assert capsys.readouterr().err == ""
    finally:
        raw.close()


def test_another_einval_is_still_reported(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An EINVAL that is not stdout's (a file name Windows refuses) is an error, said so."""
    from cchc_desktop import cli
    from cchc_desktop.scheduling import timeframe

    def refuse(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(timeframe, "parse_time_frame", refuse)
    assert cli.main(["timeframe", "6 tháng đầu năm 2024", "--year", "2024"]) == cli.EXIT_BUG
    assert "Invalid argument" in capsys.readouterr().err
