"""What every command shares: the parser with Vietnamese usage errors, exit codes, the store a
command opens (closed when it ends), JSON output and a console that prints Vietnamese."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

EXIT_USER_ERROR = 2
EXIT_BUG = 3
SQLITE_INT_RANGE = (-(2**63), 2**63 - 1)  # the widest integer an id or count can be stored as


# argparse's own texts (Python 3.10-3.13), in Vietnamese
ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "lựa chọn không hợp lệ: %(value)r, có phải %(closest)r? (chọn một trong %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn chưa rõ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "can't open '%(filename)s': %(error)s": "không mở được «%(filename)s»: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "subcommands": "lệnh",
    "argument %(argument_name)s: conflicting option string: %s": "tham số %(argument_name)s: tùy chọn trùng: %s",
}
ARGPARSE_VI_PLURAL = {
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn chưa rõ: %(option)s có thể là %(matches)s",
}


@contextmanager
def vietnamese_argparse() -> Iterator[None]:
    """argparse speaks Vietnamese while a parser is built and used (its texts are looked up
    through the module's gettext functions when a parser is made and when it prints)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(text: str) -> str:
        return ARGPARSE_VI.get(text, text)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return ARGPARSE_VI_PLURAL.get(singular if n == 1 else plural, singular if n == 1 else plural)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


# the placeholders help shows for a value ("--plan MÃ"), by the option's name
METAVARS = {
    "agency": "CƠ_QUAN", "lead": "CƠ_QUAN", "partner": "CƠ_QUAN", "appendix": "SỐ", "count": "SỐ", "days": "SỐ_NGÀY",
    "plan": "MÃ", "plan_id": "MÃ_KẾ_HOẠCH", "occurrence": "NGÀY", "date": "NGÀY", "evidence_date": "NGÀY",
    "on": "NGÀY", "start": "NGÀY", "when": "NGÀY_GIỜ", "year": "NĂM", "to_year": "NĂM", "period": "KỲ",
    "attach": "TỆP", "docx": "TỆP", "pdf": "TỆP", "xlsx": "TỆP", "out": "TỆP", "file": "TỆP", "output": "TỆP",
    "text": "VĂN_BẢN", "content": "NỘI_DUNG", "note": "GHI_CHÚ", "search": "TỪ_KHÓA", "officer": "NGƯỜI",
    "link": "ĐƯỜNG_DẪN", "evidence": "SỐ_VĂN_BẢN", "columns": "CỘT",
}


class _Formatter(argparse.HelpFormatter):
    """Vietnamese placeholders for values instead of the English option names in capitals."""

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, "GIÁ_TRỊ")

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, "GIÁ_TRỊ")


class Parser(argparse.ArgumentParser):
    """argparse with Vietnamese texts (see `vietnamese_argparse`) and usage errors that say
    "Lỗi:" and end with exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"Lỗi: {message}", file=sys.stderr)
        sys.exit(EXIT_USER_ERROR)


_open_stores: list[Any] = []


READ_COMMANDS = frozenset({"plans", "tasks", "agencies", "reminders", "ics", "report", "evidence", "appendix",
                           "plan-doc", "check", "backups"})
"""Commands that only read: on a database that is not there they say so instead of creating it."""


def open_store(args: argparse.Namespace):  # noqa: ANN201 - Store, imported lazily for a fast --help
    """The command's store; `main` closes it when the command ends (its lock and WAL released).

    A `--db` file that is not there is never created silently: a command that only reads says
    it does not exist; one that writes creates it and says so."""
    from pathlib import Path

    from cchc_desktop.errors import StorageError
    from cchc_desktop.store.db import notices
    from cchc_desktop.store.store import Store

    given = Path(args.db) if getattr(args, "db", None) is not None else None
    if given is not None and not given.exists():
        if getattr(args, "command", None) in READ_COMMANDS:
            folder = "" if given.parent.is_dir() else f" (thư mục «{given.parent}» cũng chưa có)"
            raise StorageError(f"Cơ sở dữ liệu «{given}» không tồn tại{folder}. Hãy kiểm tra đường dẫn --db.")
        print(f"Lưu ý: tạo cơ sở dữ liệu mới «{given}».", file=sys.stderr)
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


_Parser = Parser  # the name the command modules knew it by
