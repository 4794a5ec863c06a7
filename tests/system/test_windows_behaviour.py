"""What an office PC on Windows does differently, simulated here: Times New Roman in %WINDIR%\\Fonts,
a document open in Word or Excel, a console that is not UTF-8, paths longer than 260 characters."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop import cli
from cchc_desktop.documents.render import fonts
from cchc_desktop.errors import StorageError
from cchc_desktop.system import files, paths

ROOT = Path(__file__).resolve().parents[2]
# The same behaviour for real, through the Windows API: on Windows, and under Wine in CI
# (packaging/windows/wine_check.py runs this file there).
on_windows = pytest.mark.skipif(sys.platform != "win32", reason="the real Windows API: runs on Windows and under Wine")
WINDOWS_NAMES = ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")


# --- Times New Roman in %WINDIR%\Fonts --------------------------------------------------------------

def _fake_times(folder: Path, names: tuple[str, ...] = WINDOWS_NAMES) -> list[Path]:
    """Real TrueType files (the IBM Plex faces) under the names Windows gives Times New Roman."""
    plex = fonts.plex_dir()
    assert plex is not None, "fontpkg-ibm-plex-serif is a dependency"
    folder.mkdir(parents=True, exist_ok=True)
    faces = ("Regular", "Bold", "Italic", "BoldItalic")
    out = []
    for name, face in zip(names, faces, strict=True):
        shutil.copyfile(plex / f"IBMPlexSerif-{face}.ttf", folder / name)
        out.append(folder / name)
    return out


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """sys.platform is win32; %WINDIR% is a fake C:\\Windows in tmp_path; no per-user fonts."""
    windir = tmp_path / "Windows"
    windir.mkdir()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(windir))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    return windir


def test_times_new_roman_is_found_in_windir_fonts(windows: Path) -> None:
    expected = _fake_times(windows / "Fonts")
    assert fonts.system_font_dirs() == [windows / "Fonts"]
    name, display, files_found = fonts.find_family()
    assert (name, display) == ("TimesNewRoman", "Times New Roman")
    assert list(files_found) == expected


def test_font_file_names_are_matched_whatever_their_case(windows: Path) -> None:
    _fake_times(windows / "Fonts", tuple(n.upper() for n in WINDOWS_NAMES))
    assert fonts.find_family()[1] == "Times New Roman"


def test_systemroot_names_the_windows_folder_when_windir_is_missing(windows: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_times(windows / "Fonts")
    monkeypatch.delenv("WINDIR")
    monkeypatch.setenv("SystemRoot", str(windows))
    assert fonts.find_family()[1] == "Times New Roman"


def test_times_installed_for_one_user_only_is_found(windows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    local = tmp_path / "Nguyễn Văn A" / "AppData" / "Local"
    _fake_times(local / "Microsoft" / "Windows" / "Fonts")
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    assert fonts.find_family()[1] == "Times New Roman"


def test_without_all_four_faces_times_is_not_used(windows: Path) -> None:
    _fake_times(windows / "Fonts")
    (windows / "Fonts" / "timesbi.ttf").unlink()
    assert fonts.find_family()[1] != "Times New Roman"


# --- A document open in Word or Excel --------------------------------------------------------------

def _refuse_replacing(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """os.replace onto `target` fails as on Windows while Word or Excel holds the file open."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):  # noqa: ANN001, ANN202
        if Path(dst).resolve() == target.resolve():
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_saving_over_an_open_file_says_so_and_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "Báo cáo quý I.xlsx"
    target.write_bytes(b"old workbook")
    _refuse_replacing(monkeypatch, target)
    with pytest.raises(StorageError) as err:
        files.write_atomically(target, lambda tmp: Path(tmp).write_bytes(b"new workbook"))
    assert err.value.message.startswith("Tệp đang mở trong chương trình khác, hãy đóng tệp rồi thử lại")
    assert "Báo cáo quý I.xlsx" in err.value.message
    assert target.read_bytes() == b"old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Báo cáo quý I.xlsx"]  # no temporary file left


def test_the_command_line_reports_the_open_file_in_vietnamese(demo_store, db_path: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    plan_id = demo_store.plans.list()[0].id
    demo_store.close()
    target = tmp_path / "Phụ lục.xlsx"
    target.write_bytes(b"opened in Excel")
    _refuse_replacing(monkeypatch, target)
    code = cli.main(["--db", str(db_path), "appendix", str(plan_id), "--xlsx", str(target)])
    assert code == cli.EXIT_USER_ERROR
    assert "Tệp đang mở trong chương trình khác, hãy đóng tệp rồi thử lại" in capsys.readouterr().err
    assert target.read_bytes() == b"opened in Excel"


@on_windows
def test_a_file_held_open_is_not_replaced_for_real(tmp_path: Path) -> None:
    target = tmp_path / "Báo cáo quý I.xlsx"
    target.write_bytes(b"old workbook")
    with open(target, "rb"):  # open without FILE_SHARE_DELETE, as Excel holds a workbook
        with pytest.raises(StorageError) as err:
            files.write_atomically(target, lambda tmp: Path(tmp).write_bytes(b"new workbook"))
    assert err.value.message.startswith("Tệp đang mở trong chương trình khác, hãy đóng tệp rồi thử lại")
    assert target.read_bytes() == b"old workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Báo cáo quý I.xlsx"]  # no temporary file left


# --- A console that is not UTF-8 -------------------------------------------------------------------

def _cli(args: list[str], env_extra: dict[str, str], shell_prefix: str = "") -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **env_extra)
    env.pop("PYTHONUTF8", None)
    cmd = [sys.executable, "-m", "cchc_desktop", *args]
    if shell_prefix:
        cmd = ["sh", "-c", f'{shell_prefix} exec "$@"', "sh", *cmd]
    return subprocess.run(cmd, env=env, capture_output=True, timeout=120, cwd=ROOT)


def test_vietnamese_output_on_a_console_in_a_windows_code_page(tmp_path: Path) -> None:
    # cp1258 (Vietnamese Windows) and cp437 (an English cmd.exe) cannot encode "Quý" as written.
    for code_page in ("cp1258", "cp437"):
        proc = _cli(["timeframe", "Quý I và II/2024", "--year", "2024"], {"PYTHONIOENCODING": f"{code_page}:strict"})
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        assert "Quý I và II/2024" in proc.stdout.decode("utf-8")


def test_errors_reach_a_non_utf8_console_in_vietnamese(tmp_path: Path) -> None:
    proc = _cli(["--db", str(tmp_path / "x.sqlite3"), "plan-doc", "999", "--pdf", str(tmp_path / "x.pdf")],
                {"PYTHONIOENCODING": "cp437:strict"})
    assert proc.returncode == cli.EXIT_USER_ERROR
    assert proc.stderr.decode("utf-8").startswith("Lỗi: ")


@on_windows
def test_vietnamese_output_on_a_pipe_in_the_windows_code_page_for_real() -> None:
    # No PYTHONIOENCODING: the pipe gets Windows' own ANSI code page (cp1252 under an English
    # Windows, cp1258 under a Vietnamese one), which has no "ă", "ầ" or "ể" as written here.
    proc = _cli(["timeframe", "6 tháng đầu năm 2024", "--year", "2024"], {"PYTHONIOENCODING": ""})
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = proc.stdout.decode("utf-8")
    assert "Văn bản: 6 tháng đầu năm 2024" in out and "Hiểu là: Hạn 30/06/2024" in out


@pytest.mark.skipif(sys.platform == "win32", reason="closes the error stream with a POSIX shell")
def test_a_closed_error_stream_does_not_stop_the_command(tmp_path: Path) -> None:
    proc = _cli(["timeframe", "Quý I/2024", "--year", "2024"], {}, shell_prefix="exec 2>&-;")
    assert proc.returncode == 0
    assert "Quý I/2024" in proc.stdout.decode("utf-8")


class _FixedEncodingStream(io.TextIOWrapper):
    """A console stream whose encoding cannot be changed (as some terminals' wrappers behave)."""

    def reconfigure(self, **kwargs) -> None:  # noqa: ANN003
        if "encoding" in kwargs:
            raise io.UnsupportedOperation("the encoding of this stream is fixed")
        super().reconfigure(**kwargs)


def test_a_stream_that_keeps_its_code_page_prints_question_marks_instead_of_failing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stream = _FixedEncodingStream(raw, encoding="cp437")
    monkeypatch.setattr(sys, "stdout", stream)
    cli.utf8_console()
    print("Kế hoạch số 3060")
    stream.flush()
    assert raw.getvalue().decode("cp437").strip() == "K? ho?ch s? 3060"


# --- Paths longer than 260 characters ----------------------------------------------------------------

LONG_NAME = "Báo cáo kết quả thực hiện công tác tuyên truyền cải cách hành chính quý I năm 2025 của Sở Nội vụ"


def test_a_long_windows_path_gets_the_extended_prefix() -> None:
    folder = "C:\\Users\\Nguyễn Văn A\\Tài liệu\\Minh chứng CCHC năm 2025\\Quý I"
    path = f"{folder}\\{LONG_NAME} (bản ký số) {LONG_NAME}.docx"
    assert len(path) > 260
    assert paths.long_path(path, windows=True) == "\\\\?\\" + path
    assert paths.long_path(path.replace("\\", "/"), windows=True) == "\\\\?\\" + path
    share = f"\\\\may-chu\\Chung\\{LONG_NAME}\\{LONG_NAME}\\{LONG_NAME}.pdf"
    assert paths.long_path(share, windows=True) == "\\\\?\\UNC\\" + share[2:]


def test_short_relative_and_prefixed_paths_stay_as_they_are() -> None:
    short = "C:\\Users\\Nguyễn Văn A\\Tài liệu\\báo cáo.docx"
    assert paths.long_path(short, windows=True) == short
    relative = "Tài liệu\\" + LONG_NAME * 3
    assert paths.long_path(relative, windows=True) == relative
    prefixed = "\\\\?\\C:\\" + LONG_NAME * 3
    assert paths.long_path(prefixed, windows=True) == prefixed
    posix = "/home/nguyen/" + LONG_NAME * 3
    assert paths.long_path(posix, windows=False) == posix


def test_fit_name_shortens_the_stem_and_keeps_the_extension(tmp_path: Path) -> None:
    folder = "C:\\Users\\Nguyễn Văn A\\AppData\\Local\\CCHCDesktop\\attachments\\task-12"
    name = f"7-{LONG_NAME} {LONG_NAME}.docx"
    fitted = paths.fit_name(name, folder)
    assert len(folder) + 1 + len(fitted) <= paths.SAFE_PATH_LENGTH
    assert fitted.endswith("….docx") and fitted.startswith("7-Báo cáo kết quả")
    assert paths.fit_name("7-báo cáo.pdf", folder) == "7-báo cáo.pdf"


def test_an_attachment_with_a_long_vietnamese_name_is_kept_under_the_windows_limit(tmp_path: Path) -> None:
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService, attachment_path
    from cchc_desktop.store.store import Store

    deep = tmp_path / "Dữ liệu phòng Cải cách hành chính" / "Kế hoạch tuyên truyền năm 2025" / "Sở Nội vụ tỉnh"
    deep.mkdir(parents=True)
    source_folder = tmp_path / "Tài liệu nhận từ các sở, ban, ngành" / "Minh chứng thực hiện nhiệm vụ quý I"
    source_folder.mkdir(parents=True)
    source = source_folder / f"{LONG_NAME[:80]}.docx"  # 80 Vietnamese letters: within 255 bytes on Linux
    source.write_bytes(b"evidence " * 100)
    assert len(str(source)) + len(str(deep)) > 260

    store = Store.open(deep / "cchc.sqlite3")
    try:
        load_demo(store)
        task = store.tasks.rows()[0].task
        service = ProgressService(store)
        entry = service.record(ProgressEntry(task_id=int(task.id), state=TaskStatus.DONE), files=[source])
        (attached,) = service.attachments([int(entry.id)])
        stored = attachment_path(store, attached.stored_path)
        assert attached.file_name == source.name  # the list shows the name as the officer gave it
        assert len(str(stored)) <= paths.SAFE_PATH_LENGTH
        assert stored.suffix == ".docx" and stored.read_bytes() == source.read_bytes()
    finally:
        store.close()


@on_windows
def test_a_path_longer_than_260_characters_opens_for_real_with_the_prefix(tmp_path: Path) -> None:
    """What long_path promises: the OS opens the path whatever its length (create, write,
    replace in one step, read, list)."""
    folder = tmp_path / LONG_NAME / LONG_NAME
    os.makedirs(paths.long_path(folder))
    target = folder / f"{LONG_NAME}.docx"
    staged = folder / f"{LONG_NAME}.tmp"
    assert len(str(target)) > 260
    Path(paths.long_path(staged)).write_bytes("biên bản".encode())
    os.replace(paths.long_path(staged), paths.long_path(target))
    assert Path(paths.long_path(target)).read_bytes().decode() == "biên bản"
    assert os.listdir(paths.long_path(folder)) == [target.name]
