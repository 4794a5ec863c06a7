"""The command line speaks Vietnamese all the way: argparse's own texts (usage, options, help,
errors), the system's reasons a file cannot be used, a database that is not there, and a
time frame naming a day that does not exist."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.cli import main
from cchc_desktop.errors import os_error_text
from cchc_desktop.scheduling.timeframe import describe, parse_time_frame

ENGLISH = ("usage:", "options:", "show this help message and exit", "positional arguments",
           "show program's version number and exit", "error:", "the following arguments are required",
           "unrecognized arguments", "invalid choice", "expected one argument", "argument ")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cchc_desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


@pytest.mark.parametrize("args", [("--help",), ("plans", "--help"), ("tasks", "--help"), ("timeframe", "-h")])
def test_help_is_vietnamese(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 0, done.stderr
    assert "cách dùng:" in done.stdout and "hiện hướng dẫn này rồi thoát" in done.stdout
    assert not [e for e in ENGLISH if e in done.stdout], done.stdout


@pytest.mark.parametrize("args", [("khong-co-lenh",), ("plans", "--khong-co"), ("timeframe",), ("tasks", "--plan")])
def test_usage_errors_are_vietnamese(args: tuple[str, ...], capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "cách dùng:" in err and "Lỗi:" in err
    assert not [e for e in ENGLISH if e in err], err


def test_a_folder_given_as_the_database_is_named_in_vietnamese(tmp_path: Path, capsys) -> None:
    assert main(["--db", str(tmp_path), "demo"]) == 2
    err = capsys.readouterr().err
    assert "là một thư mục" in err and "Is a directory" not in err


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EACCES, errno.EISDIR, errno.ENOSPC, errno.EROFS, errno.ENOTDIR])
def test_system_reasons_are_vietnamese(code: int) -> None:
    import os

    text = os_error_text(OSError(code, os.strerror(code)))
    assert text and os.strerror(code) not in text


@pytest.mark.parametrize("command", [["plans"], ["tasks"], ["agencies"], ["reminders"]])
def test_reading_a_database_in_a_missing_folder_creates_nothing(tmp_path: Path, capsys, command) -> None:
    db = tmp_path / "khong-co" / "cchc.sqlite3"
    assert main(["--db", str(db), *command]) == 2
    err = capsys.readouterr().err
    assert "không tồn tại" in err and str(db) in err
    assert not (tmp_path / "khong-co").exists()
    # the same for a file not there in a folder that is
    assert main(["--db", str(tmp_path / "chua-co.sqlite3"), *command]) == 2
    assert not (tmp_path / "chua-co.sqlite3").exists()


def test_a_command_that_writes_says_it_creates_the_database(tmp_path: Path, capsys) -> None:
    db = tmp_path / "moi" / "cchc.sqlite3"
    assert main(["--db", str(db), "demo"]) == 0
    assert db.is_file() and "tạo cơ sở dữ liệu mới" in capsys.readouterr().err


def test_a_day_that_does_not_exist_in_a_time_frame_is_named() -> None:
    tf = parse_time_frame("trước ngày 31/02/2025", 2025)
    assert not tf.understood
    assert "31/02/2025" in describe(tf) and "chỉ có 28 ngày" in describe(tf)
    assert parse_time_frame("Trước ngày 29/02/2024", 2024).understood  # a leap year has it


def test_the_timeframe_command_gives_the_hint(capsys) -> None:
    assert main(["timeframe", "trước ngày 31/02/2025"]) == 1
    assert "tháng 2 năm 2025 chỉ có 28 ngày" in capsys.readouterr().out
