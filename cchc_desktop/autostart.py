"""Install or remove the start-at-login reminder agent.

The agent (`python -m ui.agent`) sits in the system tray without the main window and
shows task reminders at their time. Linux: an XDG autostart entry; Windows: a command in
the user's Startup folder; macOS: a LaunchAgent. Nothing is written outside the user's
own folders, and `remove` deletes exactly what `install` wrote.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from .errors import StorageError

NAME = "cchc-desktop-nhac-viec"


def _python(windowless: bool = True) -> str:
    exe = Path(sys.executable)
    if windowless and sys.platform == "win32":
        candidate = exe.with_name("pythonw.exe")
        if candidate.exists():
            return str(candidate)
    return str(exe)


def entry_path() -> Path:
    """Where the autostart entry lives on this system."""
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / f"{NAME}.cmd"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents" / f"vn.cchc-desktop.{NAME}.plist"
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{NAME}.desktop"


def command(db: Path | str | None = None) -> list[str]:
    args = [_python(), "-m", "ui.agent"]
    if db is not None:
        args += ["--db", str(Path(db).resolve())]
    return args


def _content(args: list[str], path: Path) -> str:
    if path.suffix == ".cmd":
        quoted = " ".join(f'"{a}"' for a in args)
        return f'@echo off\r\nrem CCHC Desktop: nhắc việc khi đăng nhập\r\nstart "" {quoted}\r\n'
    if path.suffix == ".plist":
        items = "".join(f"<string>{a}</string>" for a in args)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
            f'<plist version="1.0"><dict><key>Label</key><string>vn.cchc-desktop.{NAME}</string>'
            f"<key>ProgramArguments</key><array>{items}</array>"
            "<key>RunAtLoad</key><true/></dict></plist>\n"
        )
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=CCHC Desktop – nhắc việc\n"
        "Comment=Nhắc hạn nhiệm vụ kế hoạch tuyên truyền cải cách hành chính\n"
        f"Exec={shlex.join(args)}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def install(db: Path | str | None = None) -> Path:
    path = entry_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_content(command(db), path), encoding="utf-8")
    except OSError as exc:
        raise StorageError(f"Không cài được tác tử nhắc việc ({path}): {exc.strerror or exc}.") from None
    return path


def installed_path() -> Path | None:
    path = entry_path()
    return path if path.exists() else None


def remove() -> bool:
    path = entry_path()
    if not path.exists():
        return False
    try:
        path.unlink()
    except OSError as exc:
        raise StorageError(f"Không gỡ được tác tử nhắc việc ({path}): {exc.strerror or exc}.") from None
    return True
