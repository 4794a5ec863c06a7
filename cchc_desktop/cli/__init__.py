"""Headless command line: `python -m cchc_desktop [--db PATH] COMMAND ...`.

Each feature's commands live in a module of this package that defines `register(subparsers)`;
a command's handler takes the parsed arguments and returns the exit code. Errors reach stderr
in Vietnamese with a non-zero exit code, never a traceback. `common` holds what they share.

Layer: the top of the core; may import every other package of `cchc_desktop`, never `ui` or Qt.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from cchc_desktop import __version__
from cchc_desktop.cli.common import (
    EXIT_BUG,
    EXIT_USER_ERROR,
    SQLITE_INT_RANGE,
    _close_stores,
    _number_out_of_range,
    _Parser,
    open_store,
    print_json,
    utf8_console,
    vietnamese_argparse,
)
from cchc_desktop.errors import CchcError, DatabaseBusyError, is_busy

__all__ = ["EXIT_BUG", "EXIT_USER_ERROR", "SQLITE_INT_RANGE", "build_parser", "main", "open_store", "print_json",
           "utf8_console"]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cchc-desktop",
        description="CCHC Desktop: kế hoạch tuyên truyền cải cách hành chính (dòng lệnh).",
    )
    parser.add_argument("--db", type=Path, default=None, metavar="TỆP", help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="hiện số phiên bản rồi thoát")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(sub)
    return parser



def _reader_gone(exc: OSError) -> bool:
    """Windows reports a pipe whose reader has closed (`... | more` quit early) as EINVAL on
    the write, not as BrokenPipeError. Another EINVAL (a file name Windows refuses) leaves
    stdout working: one line break written straight to it tells which."""
    import errno
    import os

    if exc.errno != errno.EINVAL and getattr(exc, "winerror", None) not in (109, 232):
        return False
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):  # not a file: nothing to ask
        return False
    try:
        os.write(fd, b"\n")  # fails in turn if the reader has gone; else a blank line after the error
    except OSError:
        return True
    return False


def _quiet_stdout() -> None:
    """The reader is gone: what is still buffered goes nowhere, and Python stays quiet at exit."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no file descriptor behind sys.stdout
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives with the process


def main(argv: Sequence[str] | None = None) -> int:
    utf8_console()
    with vietnamese_argparse():
        parser = build_parser()
        args = parser.parse_args(argv)
        args.own_process = argv is None  # the process's own command line: it ends with the command
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
        _quiet_stdout()
        return 0
    except OverflowError:
        # a date or number far outside what a plan uses (9999-12-31 plus some days, a huge count)
        print("Lỗi: ngày hoặc số đã nhập vượt quá phạm vi tính được (ví dụ ngày 31/12/9999 cộng thêm số ngày); "
              "hãy nhập ngày trong khoảng năm 1900–2200.", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for the officer
        if isinstance(exc, OSError) and _reader_gone(exc):
            _quiet_stdout()
            return 0
        from cchc_desktop.system.diskfull import disk_full_message

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
