"""What every stored text must be (no control characters or non-characters, within a length),
the clock stored with each change, the check of a plan's number and symbol, and what an undo
that puts rows back says when it cannot."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from cchc_desktop.errors import ConflictError, ValidationError
from cchc_desktop.store.domain import (
    NUMBER_SYMBOL_RE,
)
from cchc_desktop.text.patterns import lazy
from cchc_desktop.text.textnorm import clean

MAX_FIELD_CHARS = 20_000
MAX_SHORT_CHARS = 1_000
MAX_SECTION_CHARS = 200_000  # the body of one section of a plan
_CONTROL = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_TEXT = lazy("[\ufffe\uffff\ud800-\udfff]")  # non-characters; a lone surrogate is a byte that was not UTF-8


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


CUT_MARK = " […]"


def as_read(value: str | None, limit: int) -> str:
    """A stored text as it is read: no longer than its field accepts when typed (`limit`), cut
    with a visible mark. Only a database written elsewhere holds more, and every list, form,
    document and chart would otherwise pay for all of it (a 200,000-character task made the
    report PDF run for ten minutes)."""
    text = value or ""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(CUT_MARK)]
    space = cut.rfind(" ", len(cut) - 40)  # at a word when one ends near the limit
    return (cut[:space] if space > 0 else cut).rstrip() + CUT_MARK


def check_text(label: str, value: str | None, *, limit: int = MAX_FIELD_CHARS, required: bool = False) -> str:
    """NFC-normalised text, or a Vietnamese ValidationError for empty/huge/garbage input."""
    text = clean(value)
    if required and not text:
        raise ValidationError(f"{label} không được để trống.")
    if len(text) > limit:
        raise ValidationError(
            f"{label} quá dài ({len(text):,} ký tự; tối đa {limit:,}).".replace(",", ".")
        )
    if _CONTROL.search(text):
        raise ValidationError(f"{label} có ký tự điều khiển không in được (dữ liệu dán vào bị lỗi?).")
    if _NOT_TEXT.search(text):
        raise ValidationError(f"{label} có ký tự không hợp lệ (mã U+FFFE/U+FFFF, hoặc byte không phải UTF-8 ở dòng lệnh); "
                              "hãy gõ lại hoặc dán lại đoạn chữ đó.")
    return text


def number_symbol_warning(number: str) -> str | None:
    """A warning (not an error) when a number/symbol is not of the usual shape."""
    if not number.strip():
        return None
    if NUMBER_SYMBOL_RE.match(number):
        return None
    return (
        f"Số, ký hiệu «{number}» không theo dạng thường gặp (ví dụ 95/KH-UBND, 3060/QĐ-UBND). "
        "Vẫn lưu như đã nhập."
    )


@contextlib.contextmanager
def putting_back(what: str) -> Iterator[None]:
    """An undo or redo that puts rows back with their ids: a row of the same id, or a parent
    removed since, means the data changed elsewhere. The whole step is refused (its transaction
    rolled back) with a message instead of SQLite's IntegrityError."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise ConflictError(
            f"Không đặt lại được {what}: dữ liệu đã được thay đổi ở nơi khác (cửa sổ khác, dòng lệnh hoặc "
            "tác tử nhắc việc) từ khi thao tác này được thực hiện. Bước này không được thực hiện, "
            "không có gì bị thay đổi."
        ) from exc


def stored_json(text: str | None, default: Any) -> Any:
    """A JSON value as stored (a plan's sections, a task's schedule, a setting); `default` when
    the cell does not parse: damage from outside, which `check` names (`damaged_rows`), must not
    stop the lists, reports and documents that read the rest."""
    if not text:
        return default
    try:
        value = json.loads(text)
    except (ValueError, TypeError):
        return default
    return value if isinstance(value, type(default)) or default is None else default
