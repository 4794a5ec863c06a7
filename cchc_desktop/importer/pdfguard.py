"""What a PDF may cost the importer: pages, inflated content, drawing commands and time, for the
whole document; and a password-protected PDF said to be one, not "damaged".

A PDF's page content is compressed; 2 MB of file can hold thirty pages of 70 MB each, every
one under pypdf's own per-stream cap, and pypdf parses content streams in Python at some
hundred thousand commands a second. So before a page is handed to the text extraction its
content is inflated (pypdf's cap lowered to one page's allowance) and measured: the bytes
and the commands of the page and of the document so far must stay within the limits below,
and the time spent on the document is checked before every page and while a page's commands
are visited. Each refusal says in Vietnamese what the limit is and that the Word version of
the document is the way around it.
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from cchc_desktop.errors import ImportFailure

MAX_PDF_PAGES = 1_000  # a plan with its appendices: 5-200 pages
MAX_PDF_PAGE_BYTES = 2 * 1024 * 1024  # content of one page, inflated (a text page: 5-60 KB)
MAX_PDF_CONTENT_BYTES = 16 * 1024 * 1024  # all pages together
MAX_PDF_PAGE_COMMANDS = 100_000  # words of one page's content (a text page: 500-3,000)
MAX_PDF_COMMANDS = 1_000_000  # all pages together
MAX_PDF_SECONDS = 6.0  # reading the whole document, in processor time (a 120-page plan: about 2 s)

_WORD = re.compile(rb"\S+")
T = TypeVar("T")
_ADVICE = "Tệp có thể bị hỏng hoặc được tạo để phá chương trình; hãy dùng bản Word (.docx) của văn bản."


class PasswordRequired(ImportFailure):
    """The PDF opens only with a password (none given, or the one given is wrong)."""


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB".replace(",", ".")


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")


@contextlib.contextmanager
def pypdf_limits() -> Iterator[None]:
    """pypdf's own caps lowered to one page's allowance while a document is read (pypdf 6.4 and
    later; older versions keep their defaults and the checks of `PdfBudget` still hold)."""
    try:
        from pypdf import apply_configuration
    except ImportError:  # pragma: no cover - older pypdf
        yield
        return
    overrides = {
        "zlib_maximum_output_length": MAX_PDF_PAGE_BYTES + 1,
        "lzw_maximum_output_length": MAX_PDF_PAGE_BYTES + 1,
        "run_length_maximum_output_length": MAX_PDF_PAGE_BYTES + 1,
        "array_based_stream_maximum_output_length": MAX_PDF_PAGE_BYTES + 1,
        "stream_parsing_work_maximum_count": 3 * MAX_PDF_PAGE_COMMANDS,
        "page_tree_maximum_entries": 2 * MAX_PDF_PAGES,  # a /Count that lies: flattening stops early
        # the keys of the page dictionaries met (/Type, /Parent, /MediaBox, /Contents, /Resources ...,
        # a dozen or more on a real page), not pages: 2 per page refused a genuine 617-page decision
        "page_tree_maximum_page_entries": 64 * MAX_PDF_PAGES,
    }
    from pypdf import get_configuration

    known: dict[str, Any] = {k: v for k, v in overrides.items() if hasattr(get_configuration(), k)}
    with apply_configuration(None, **known):
        yield


_FONTS = threading.local()


@contextlib.contextmanager
def shared_fonts() -> Iterator[None]:
    """pypdf reads a font's character map again on every page that uses it (a third of the time
    of a page of short lines: a 617-page PDF of narrow columns spent 2 of its 4 s there); while a
    document is read, a font object met before gives the font read before. pypdf versions without
    `Font.from_font_resource` (before 6) read as they always did."""
    try:
        from pypdf.generic._font import Font
    except ImportError:  # pragma: no cover - older pypdf
        yield
        return
    if not getattr(Font, "_cchc_shared", False):
        original = Font.from_font_resource.__func__  # type: ignore[attr-defined]

        def from_font_resource(cls: Any, pdf_font_dict: Any) -> Any:
            cache = getattr(_FONTS, "cache", None)
            if cache is None:
                return original(cls, pdf_font_dict)
            kept = cache.get(id(pdf_font_dict))
            if kept is None or kept[0] is not pdf_font_dict:
                kept = (pdf_font_dict, original(cls, pdf_font_dict))  # the object kept: its id stays its own
                cache[id(pdf_font_dict)] = kept
            return kept[1]

        Font.from_font_resource = classmethod(from_font_resource)  # type: ignore[method-assign,assignment]
        Font._cchc_shared = True  # type: ignore[attr-defined]
    _FONTS.cache = {}
    try:
        yield
    finally:
        _FONTS.cache = None


def is_limit_error(exc: BaseException) -> bool:
    """pypdf refused a stream for one of its caps (LimitReachedError, pypdf 5 and later)."""
    return type(exc).__name__ == "LimitReachedError"


def open_reader(data: bytes, name: str, password: str | None = None) -> Any:
    """A pypdf reader of `data`, decrypted; `PasswordRequired` when it needs a password that was
    not given or is wrong, ImportFailure when its encryption cannot be read."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as exc:
        if type(exc).__name__ == "DependencyError":
            raise _unsupported_encryption(name) from exc
        raise
    if not reader.is_encrypted:
        return reader
    try:
        opened = reader.decrypt(password or "")
        if not opened and not password:
            raise PasswordRequired(
                f"Tệp PDF «{name}» được bảo vệ bằng mật khẩu. Hãy nhập mật khẩu của tệp (dòng lệnh: "
                "«import TỆP --password MẬT_KHẨU»), hoặc mở tệp bằng trình đọc PDF và lưu lại bản không mật khẩu."
            )
        if not opened:
            raise PasswordRequired(f"Mật khẩu của tệp PDF «{name}» không đúng; hãy nhập lại mật khẩu.")
    except ImportFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf's errors for an encryption it cannot read
        if type(exc).__name__ == "DependencyError" or isinstance(exc, NotImplementedError):
            raise _unsupported_encryption(name) from exc
        raise
    return reader


def _unsupported_encryption(name: str) -> ImportFailure:
    return ImportFailure(
        f"Tệp PDF «{name}» được mã hóa theo cách chương trình chưa đọc được. Hãy mở tệp bằng trình đọc PDF rồi lưu "
        "(hoặc in ra PDF) thành bản không mã hóa, hoặc dùng bản Word của văn bản."
    )


class PdfBudget:
    """The pages, bytes, commands and time one document has used so far."""

    def __init__(self, name: str, clock: Any = None) -> None:
        self.name = name
        # the processor time of the reading thread: what the document costs, not how busy the PC
        # is (on a loaded machine the 617-page decision 2530/QĐ-TTg took 6 s of the clock for 3.5 s
        # of its own and was refused in one run of two)
        self.clock = clock or time.thread_time
        self.start = self.clock()
        self.bytes = 0
        self.commands = 0
        self.page = 0
        self.pages = 0

    def count_pages(self, reader: Any) -> list[Any]:
        try:
            # the page tree's own count first: flattening 100,000 pages takes pypdf 20 s
            declared = reader.trailer["/Root"].get_object()["/Pages"].get_object().get("/Count")
            if isinstance(declared, int) and declared > MAX_PDF_PAGES:
                self._too_many_pages(int(declared))
        except (KeyError, TypeError, AttributeError, ValueError):
            pass  # no readable count: the pages are counted as they are listed
        try:
            count = len(reader.pages)
        except Exception as exc:
            if is_limit_error(exc):  # pypdf's page-tree cap, lowered to twice the limit
                self._too_many_pages(MAX_PDF_PAGES, more=True)
            raise
        if count > MAX_PDF_PAGES:
            self._too_many_pages(count)
        self.pages = count
        return list(reader.pages)

    def _too_many_pages(self, count: int, more: bool = False) -> None:
        raise ImportFailure(
            f"Tệp PDF «{self.name}» có {'hơn ' if more else ''}{_n(count)} trang (giới hạn {_n(MAX_PDF_PAGES)}; một kế hoạch kèm phụ lục "
            "thường dưới 200 trang). Hãy tách tệp hoặc dùng bản Word của văn bản."
        )

    def tick(self) -> None:
        """Refuse once the document has taken longer than MAX_PDF_SECONDS."""
        if self.clock() - self.start > MAX_PDF_SECONDS:
            raise ImportFailure(
                f"Đọc tệp PDF «{self.name}» đã quá {MAX_PDF_SECONDS:.0f} giây (mới tới trang {self.page}/{self.pages}) "
                f"nên đã dừng. {_ADVICE}"
            )

    def measure(self, page: Any) -> None:
        """Inflate and measure the content of the next page before its text is extracted."""
        self.page += 1
        self.tick()
        try:
            contents = page.get_contents()
            data = b"" if contents is None else contents.get_data()
        except Exception as exc:
            if is_limit_error(exc):
                self._too_large(MAX_PDF_PAGE_BYTES + 1)
            raise
        self._check_bytes(len(data))
        words = _count_words(data)
        self.commands += words
        if words > MAX_PDF_PAGE_COMMANDS or self.commands > MAX_PDF_COMMANDS:
            raise ImportFailure(
                f"Trang {self.page} của tệp PDF «{self.name}» có quá nhiều lệnh vẽ ({_n(words)} trên trang, "
                f"{_n(self.commands)} từ đầu tệp; giới hạn {_n(MAX_PDF_PAGE_COMMANDS)} mỗi trang, "
                f"{_n(MAX_PDF_COMMANDS)} cả tệp). {_ADVICE}"
            )

    def _check_bytes(self, size: int) -> None:
        self.bytes += size
        if size > MAX_PDF_PAGE_BYTES or self.bytes > MAX_PDF_CONTENT_BYTES:
            self._too_large(size)

    def _too_large(self, size: int) -> None:
        on_page = f"hơn {_mb(MAX_PDF_PAGE_BYTES)}" if size > MAX_PDF_PAGE_BYTES else _mb(size)
        raise ImportFailure(
            f"Nội dung trang {self.page} của tệp PDF «{self.name}» giải nén ra quá lớn ({on_page} trên trang, "
            f"{_mb(max(self.bytes, size))} từ đầu tệp; giới hạn {_mb(MAX_PDF_PAGE_BYTES)} mỗi trang, "
            f"{_mb(MAX_PDF_CONTENT_BYTES)} cả tệp). {_ADVICE}"
        )


def _count_words(data: bytes) -> int:
    """Whitespace-separated words of `data`, counting no further than the page's limit."""
    return re.subn(_WORD, b"", data, count=MAX_PDF_PAGE_COMMANDS + 1)[1]


def read_pages(data: bytes, name: str, password: str | None,
               extract: Callable[[Any, Callable[[], None]], T]) -> tuple[list[Any], list[T]]:
    """The pages of the PDF `data` and `extract(page, tick)` of each, within the budget: each
    page is measured before it is extracted, `tick` checks the time while it is. ImportFailure
    in Vietnamese for a PDF over a limit, needing a password, or damaged."""
    from pypdf.errors import PdfReadError

    budget = PdfBudget(name)
    try:
        with pypdf_limits(), shared_fonts():
            reader = open_reader(data, name, password)
            pages = budget.count_pages(reader)
            extracted = []
            for page in pages:
                budget.measure(page)
                extracted.append(extract(page, budget.tick))
            return pages, extracted
    except ImportFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
        if type(exc).__name__ == "DependencyError":  # AES without the cryptography package
            raise _unsupported_encryption(name) from exc
        if is_limit_error(exc):  # one of pypdf's own caps, lowered to a page's allowance
            raise ImportFailure(f"Tệp PDF «{name}» vượt giới hạn đọc ở trang {budget.page} ({exc}). "
                                "Hãy dùng bản Word (.docx) của văn bản.") from exc
        if isinstance(exc, (PdfReadError, ValueError, KeyError, OSError)):
            raise ImportFailure(f"Tệp PDF «{name}» bị hỏng, không đọc được.") from exc
        raise ImportFailure(f"Tệp PDF «{name}» bị hỏng, không đọc được ({type(exc).__name__}).") from exc
