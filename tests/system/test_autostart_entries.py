"""The start-at-login entry of the reminder agent: what is written, read back by independent parsers."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from cchc_desktop.system import autostart, paths
from cchc_desktop.system.winlnk import shell_link

LnkParse3 = pytest.importorskip("LnkParse3")

BUNDLE = PureWindowsPath("C:\\Users\\Nguyễn Văn A\\AppData\\Local\\Programs\\CCHC Desktop")


def _parse_lnk(data: bytes) -> dict:
    return LnkParse3.lnk_file(io.BytesIO(data)).get_json()


@pytest.fixture
def odd_db(tmp_path: Path) -> Path:
    """A database in a folder with Vietnamese letters, spaces and a percent sign."""
    folder = tmp_path / "Nguyễn Văn A" / "100% dữ liệu %USERNAME%"
    folder.mkdir(parents=True)
    return folder / "cchc.sqlite3"


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """sys.platform is win32 and %APPDATA% a folder in tmp_path; returns the Startup folder."""
    monkeypatch.setattr(sys, "platform", "win32")
    appdata = tmp_path / "Nguyễn Văn A" / "AppData" / "Roaming"
    monkeypatch.setenv("APPDATA", str(appdata))
    return appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"


def test_shell_link_names_target_arguments_and_folder_in_utf16() -> None:
    target = str(BUNDLE / "cchc-desktop-agent.exe")
    args = '--db "C:\\Users\\Nguyễn Văn A\\100% dữ liệu\\cchc.sqlite3"'
    parsed = _parse_lnk(shell_link(target, arguments=args, working_dir=str(BUNDLE), description="Nhắc việc",
                                   icon=target))
    assert parsed["header"]["guid"] == "00021401-0000-0000-C000-000000000046"
    assert parsed["link_info"]["local_base_path_unicode"] == target
    assert parsed["data"] == {"description": "Nhắc việc", "working_directory": str(BUNDLE),
                              "command_line_arguments": args, "icon_location": target}
    items = parsed["target"]["items"]
    assert items[0]["guid"] == "20D04FE0-3AEA-1069-A2D8-08002B30309D" and items[1]["volume_name"] == "C:\\"
    assert [i["flags"] for i in items[2:]] == ["Is directory"] * 6 + ["Is file"]
    assert items[-1]["primary_name"] == "cchc-desktop-agent.exe"


def test_shell_link_keeps_the_long_vietnamese_folder_name() -> None:
    data = shell_link(str(BUNDLE / "cchc-desktop-agent.exe"))
    assert "Nguyễn Văn A".encode("utf-16-le") in data  # in the shell item's long name and the link info
    assert data.count("Nguyễn Văn A".encode("utf-16-le")) == 2


def test_shell_link_refuses_a_target_it_cannot_describe() -> None:
    for target in ("cchc-desktop-agent.exe", "\\\\may-chu\\chung\\cchc-desktop-agent.exe"):
        with pytest.raises(ValueError):
            shell_link(target)


def test_bundled_agent_is_started_by_a_startup_shortcut(on_windows: Path, odd_db: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "bundled_executable", lambda name: BUNDLE / f"{name}.exe")
    on_windows.mkdir(parents=True)
    legacy = on_windows / f"{autostart.NAME}.cmd"
    legacy.write_text('@echo off\r\nstart "" "python" -m ui.shell.agent\r\n', encoding="utf-8")

    path = autostart.install(db=odd_db)

    assert path == on_windows / f"{autostart.NAME}.lnk"
    assert not legacy.exists()  # the .cmd older versions wrote would start a second, broken agent
    parsed = _parse_lnk(path.read_bytes())
    agent = str(BUNDLE / "cchc-desktop-agent.exe")
    assert parsed["link_info"]["local_base_path_unicode"] == agent
    assert parsed["data"]["working_directory"] == str(BUNDLE)
    assert parsed["data"]["command_line_arguments"] == f'--db "{odd_db.resolve()}"'
    assert parsed["data"]["icon_location"] == agent
    assert b"python" not in path.read_bytes().lower()
    assert autostart.installed_path() == path
    assert autostart.remove() is True and not path.exists() and autostart.remove() is False


def test_the_default_database_is_left_for_the_agent_to_find(on_windows: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.setattr(paths, "bundled_executable", lambda name: BUNDLE / f"{name}.exe")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "CCHCDesktop"))
    chosen = paths.default_db_path()  # CCHC_DATA_DIR is set: the login session may not have it
    assert _parse_lnk(autostart.install(db=chosen).read_bytes())["data"]["command_line_arguments"] == \
        subprocess.list2cmdline(["--db", str(chosen)])
    monkeypatch.delenv(paths.ENV_DATA_DIR)
    path = autostart.install(db=paths.default_db_path())
    assert "command_line_arguments" not in _parse_lnk(path.read_bytes())["data"]


def test_without_the_bundle_the_shortcut_runs_the_agent_module(on_windows: Path, odd_db: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    python = "C:\\Users\\Nguyễn Văn A\\AppData\\Local\\Programs\\Python\\Python312\\python.exe"
    monkeypatch.setattr(sys, "executable", python)
    path = autostart.install(db=odd_db)
    parsed = _parse_lnk(path.read_bytes())
    assert parsed["link_info"]["local_base_path_unicode"] == python
    assert parsed["data"]["command_line_arguments"] == subprocess.list2cmdline(
        ["-m", "ui.shell.agent", "--db", str(odd_db.resolve())])
    assert Path(parsed["data"]["working_directory"], "ui", "shell", "agent.py").is_file()


def _exec_args(entry: str) -> list[str]:
    """Split an XDG Exec value as the Desktop Entry Specification says: string escapes first, then
    arguments separated by spaces, double-quoted ones with \\" \\` \\$ \\\\ escapes, and %% for %."""
    (line,) = [ln for ln in entry.splitlines() if ln.startswith("Exec=")]
    value = line[len("Exec="):].replace("\\\\", "\\")
    args: list[str] = []
    current, quoted, i, started = "", False, 0, False
    while i < len(value):
        ch = value[i]
        if quoted and ch == "\\" and value[i + 1] in '"`$\\':
            current, i = current + value[i + 1], i + 2
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch == "%":
            assert value[i + 1] == "%", "a field code where a literal % was meant"
            current, i = current + "%", i + 1
        elif ch == " " and not quoted:
            if current or started:
                args.append(current)
            current, started = "", False
        else:
            assert quoted or ch not in "\t\"'\\><~|&;$*?#()`", f"reserved {ch!r} outside quotes"
            current += ch
        i += 1
    if current or started:
        args.append(current)
    return args


def test_linux_autostart_entry_survives_vietnamese_spaces_quotes_and_percent(
        tmp_path: Path, odd_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    bundle = tmp_path / 'Phần mềm "CCHC" $HOME' / "CCHC Desktop"
    monkeypatch.setattr(paths, "bundled_executable", lambda name: bundle / name)
    path = autostart.install(db=odd_db)
    assert path == tmp_path / "cfg" / "autostart" / f"{autostart.NAME}.desktop"
    assert _exec_args(path.read_text(encoding="utf-8")) == [str(bundle / "cchc-desktop-agent"), "--db",
                                                             str(odd_db.resolve())]


def test_linux_autostart_entry_without_the_bundle(tmp_path: Path, odd_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    path = autostart.install(db=odd_db)
    assert _exec_args(path.read_text(encoding="utf-8")) == [sys.executable, "-m", "ui.shell.agent", "--db",
                                                             str(odd_db.resolve())]


def test_macos_launch_agent_is_a_valid_property_list(tmp_path: Path, odd_db: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import plistlib

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    path = autostart.install(db=tmp_path / "A&B <mới>.sqlite3")
    data = plistlib.loads(path.read_bytes())
    assert data["ProgramArguments"][-2:] == ["--db", str((tmp_path / "A&B <mới>.sqlite3").resolve())]
    assert data["RunAtLoad"] is True


def test_the_agent_opens_the_bundled_window(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "CCHC Desktop"
    monkeypatch.setattr(paths, "bundled_executable", lambda name: bundle / name)
    assert autostart.window_command() == [str(bundle / "cchc-desktop-gui")]
    monkeypatch.setattr(paths, "bundled_executable", lambda name: None)
    assert autostart.window_command()[1:] == ["-m", "main"]
