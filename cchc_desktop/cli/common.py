"""What every command shares: the parser with Vietnamese usage errors, exit codes, the store a
command opens (closed when it ends), JSON output and a console that prints Vietnamese."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EXIT_USER_ERROR = 2
EXIT_BUG = 3
SQLITE_INT_RANGE = (-(2**63), 2**63 - 1)  # the widest integer an id or count can be stored as


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        translated = (
            message.replace("expected one argument", "cần một giá trị")
            .replace("the following arguments are required", "thiếu tham số bắt buộc")
            .replace("unrecognized arguments", "tham số không nhận ra")
            .replace("invalid choice", "lựa chọn không hợp lệ")
            .replace("argument", "tham số")
            .replace("invalid int value", "không phải số nguyên")
            .replace("choose from", "chọn một trong")
        )
        self.print_usage(sys.stderr)
        print(f"Lỗi: {translated}", file=sys.stderr)
        sys.exit(EXIT_USER_ERROR)


_open_stores: list[Any] = []


def open_store(args: argparse.Namespace):  # noqa: ANN201 - Store, imported lazily for a fast --help
    """The command's store; `main` closes it when the command ends (its lock and WAL released)."""
    from cchc_desktop.store.db import notices
    from cchc_desktop.store.store import Store

    store = Store.open(args.db)
    _open_stores.append(store)
    for notice in notices(store.db):  # read-only file, network share
        print(f"Lưu ý: {notice}", file=sys.stderr)
    return store


def _close_stores() -> None:
    while _open_stores:
        try:
            _open_stores.pop().close()
        except Exception:  # noqa: BLE001 - the command's own result matters more than closing
            pass


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _number_out_of_range(args: argparse.Namespace) -> int | None:
    """The first integer option beyond what SQLite stores (an id of 2^70), if any."""
    for value in vars(args).values():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, int) and not isinstance(item, bool) and not (
                    SQLITE_INT_RANGE[0] <= item <= SQLITE_INT_RANGE[1]):
                return item
    return None
def utf8_console() -> None:
    """Vietnamese on any console, never an exception: stdout and stderr write UTF-8 (a Windows
    console shows it whatever its code page; a redirected file gets UTF-8); a stream that cannot
    change its encoding keeps it and prints "?" for what it cannot encode; a missing stream
    (a closed handle, a program without a console) writes nowhere."""
    import io
    import os

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives with the process
            continue
        for change in ({"encoding": "utf-8", "errors": "replace"}, {"errors": "replace"}):
            try:
                stream.reconfigure(**change)
                break
            except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
                continue
