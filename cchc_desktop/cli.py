"""Headless command line: `python -m cchc_desktop [--db PATH] COMMAND ...`.

Each feature's commands live in a module of `cchc_desktop.commands` that defines
`register(subparsers)`; a command's handler takes the parsed arguments and returns the
exit code. Errors reach stderr in Vietnamese with a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__, commands
from .errors import CchcError, DatabaseBusyError, is_busy

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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cchc-desktop",
        description="CCHC Desktop: kế hoạch tuyên truyền cải cách hành chính (dòng lệnh).",
    )
    parser.add_argument("--db", type=Path, default=None, help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


_open_stores: list[Any] = []


def open_store(args: argparse.Namespace):  # noqa: ANN201 - Store, imported lazily for a fast --help
    """The command's store; `main` closes it when the command ends (its lock and WAL released)."""
    from .db import notices
    from .services import Store

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


def main(argv: Sequence[str] | None = None) -> int:
    utf8_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USER_ERROR
    too_big = _number_out_of_range(args)
    if too_big is not None:
        print(f"Lỗi: số {too_big} quá lớn (mã, số lượng và số ngày phải nhỏ hơn 2^63).", file=sys.stderr)
        return EXIT_USER_ERROR
    try:
        return int(args.handler(args) or 0)
    except CchcError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader stopped early (`... | head`): not an error; keep Python quiet at exit too
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OverflowError:
        # a date or number far outside what a plan uses (9999-12-31 plus some days, a huge count)
        print("Lỗi: ngày hoặc số đã nhập vượt quá phạm vi tính được (ví dụ ngày 31/12/9999 cộng thêm số ngày); "
              "hãy nhập ngày trong khoảng năm 1900–2200.", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for the officer
        from .diskfull import disk_full_message

        message = disk_full_message(exc)
        if message:
            print(f"Lỗi: {message}", file=sys.stderr)
            return EXIT_USER_ERROR
        if is_busy(exc):  # a statement outside a transaction that waited past the busy timeout
            print(f"Lỗi: {DatabaseBusyError.MESSAGE}", file=sys.stderr)
            return EXIT_USER_ERROR
        print(f"Lỗi không mong đợi ({type(exc).__name__}): {exc}. Hãy báo cho người quản trị.", file=sys.stderr)
        return EXIT_BUG
    finally:
        _close_stores()
