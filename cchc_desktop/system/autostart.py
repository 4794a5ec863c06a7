"""Install or remove the start-at-login reminder agent.

The agent sits in the system tray without the main window and shows task reminders at their
time. From the bundle it is the `cchc-desktop-agent` executable beside the window; from a
Python installation it is `python -m ui.shell.agent` (pythonw on Windows). Linux: an XDG autostart
entry; Windows: a shortcut (.lnk) in the user's Startup folder, whose target, arguments and
folder are stored as UTF-16, so "C:\\Users\\Nguyễn Văn A" and a "%" in a path reach the agent
as written (a .cmd file would be read in the console's OEM code page and have its "%"
expanded); macOS: a LaunchAgent. Nothing is written outside the user's own folders, and
`remove` deletes exactly what `install` wrote (and the .cmd older versions wrote).
"""

from __future__ import annotations

import os
import plistlib
import re
import subprocess
import sys
from pathlib import Path, PurePath

from cchc_desktop.errors import StorageError, os_error_text
from cchc_desktop.system import paths

NAME = "cchc-desktop-nhac-viec"
DESCRIPTION = "CCHC Desktop – nhắc việc khi đăng nhập"


def _python(windowless: bool = True) -> str:
    exe = Path(sys.executable)
    if windowless and sys.platform == "win32":
        candidate = exe.with_name("pythonw.exe")
        if candidate.exists():
            return str(candidate)
    return str(exe)


def _startup_folder() -> Path:
    appdata = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"


def entry_path() -> Path:
    """Where the autostart entry lives on this system."""
    if sys.platform == "win32":
        return _startup_folder() / f"{NAME}.lnk"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents" / f"vn.cchc-desktop.{NAME}.plist"
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{NAME}.desktop"


def _legacy_paths() -> list[Path]:
    """Entries written by earlier versions (a UTF-8 .cmd that cmd.exe misread)."""
    return [_startup_folder() / f"{NAME}.cmd"] if sys.platform == "win32" else []


def _is_default_db(db: Path | str) -> bool:
    """True for the database the agent opens by itself: the portable or per-user default, not one
    chosen through CCHC_DATA_DIR (a login session may not have that variable)."""
    if os.environ.get(paths.ENV_DATA_DIR):
        return False
    try:
        return Path(db).resolve() == paths.default_db_path().resolve()
    except (OSError, StorageError):
        return False


def command(db: Path | str | None = None) -> list[str]:
    """The agent's command line: the bundled executable, else this Python with `-m ui.shell.agent`.

    `--db` is added only for a database other than the default one, which the agent finds
    by itself (so a portable copy keeps working after its folder is moved).
    """
    exe = paths.bundled_executable(paths.AGENT_EXE)
    args = [str(exe)] if exe is not None else [_python(), "-m", "ui.shell.agent"]
    if db is not None and not _is_default_db(db):
        args += ["--db", str(Path(db).resolve())]
    return args


def window_command(db: Path | str | None = None) -> list[str]:
    """The command line that opens the main window (from the agent's "Mở CCHC Desktop")."""
    exe = paths.bundled_executable(paths.WINDOW_EXE)
    args = [str(exe)] if exe is not None else [_python(windowless=False), "-m", "main"]
    if db is not None:
        args += ["--db", str(Path(db).resolve())]
    return args


def working_dir() -> PurePath:
    """The folder the entry starts in: the bundle's, else the one holding `ui` and `main.py`."""
    exe = paths.bundled_executable(paths.AGENT_EXE)
    return exe.parent if exe is not None else Path(__file__).resolve().parents[2]


def windows_shortcut(args: list[str], workdir: str, *, icon: str = "", description: str = DESCRIPTION) -> bytes:
    """A Windows shortcut (.lnk) that runs `args` in `workdir`, every string stored as UTF-16.

    The arguments are joined with the quoting rules of the Microsoft C runtime
    (subprocess.list2cmdline), which is how the started program splits them again.
    """
    from cchc_desktop.system.winlnk import shell_link

    return shell_link(args[0], arguments=subprocess.list2cmdline(args[1:]), working_dir=workdir,
                      description=description, icon=icon)


# Characters that make the freedesktop Desktop Entry Specification require a quoted argument.
_DESKTOP_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def desktop_exec(args: list[str]) -> str:
    """The value of an XDG `Exec=` key for `args` (quoting, `%%` for a literal %, string escapes)."""
    parts = []
    for arg in args:
        if arg == "" or _DESKTOP_RESERVED.search(arg):
            arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
        parts.append(arg.replace("%", "%%"))
    # The value is a string: a backslash is itself written as "\\" (applied before the quoting).
    return " ".join(parts).replace("\\", "\\\\")


def _content(args: list[str], path: Path) -> bytes:
    if path.suffix == ".lnk":
        bundled = paths.bundled_executable(paths.AGENT_EXE) is not None
        return windows_shortcut(args, str(working_dir()), icon=args[0] if bundled else "")
    if path.suffix == ".plist":
        return plistlib.dumps({
            "Label": f"vn.cchc-desktop.{NAME}",
            "ProgramArguments": args,
            "WorkingDirectory": str(working_dir()),
            "RunAtLoad": True,
        })
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=CCHC Desktop – nhắc việc\n"
        "Comment=Nhắc hạn nhiệm vụ kế hoạch tuyên truyền cải cách hành chính\n"
        f"Exec={desktop_exec(args)}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    ).encode()


def install(db: Path | str | None = None) -> Path:
    path = entry_path()
    try:
        content = _content(command(db), path)
    except ValueError as exc:  # a program on a network share cannot be the target of a shortcut
        raise StorageError(f"Không cài được tác tử nhắc việc: {exc}.") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        for old in _legacy_paths():
            old.unlink(missing_ok=True)
    except OSError as exc:
        raise StorageError(f"Không cài được tác tử nhắc việc ({path}): {os_error_text(exc)}.") from None
    return path


def installed_path() -> Path | None:
    path = entry_path()
    return path if path.exists() else None


def remove() -> bool:
    removed = False
    for path in [entry_path(), *_legacy_paths()]:
        if not path.exists():
            continue
        try:
            path.unlink()
        except OSError as exc:
            raise StorageError(f"Không gỡ được tác tử nhắc việc ({path}): {os_error_text(exc)}.") from None
        removed = True
    return removed
