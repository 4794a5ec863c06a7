"""Document settings of the office: who issues, where, who signs, page and type.

Entered once (Settings dialog or CLI) and used by every printed document. Every range of
Nghị định 30/2020/NĐ-CP (Phụ lục I) is a setting whose default is the decree's sample value;
out-of-range values are refused with a Vietnamese message and nothing is stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from cchc_desktop.errors import ValidationError
from cchc_desktop.text.textnorm import clean

if TYPE_CHECKING:
    from cchc_desktop.store.store import Store

SETTINGS_KEY = "document_settings"
SETTINGS_VERSION = 1

# Columns an appendix table can show, in printed order, with their headings.
APPENDIX_COLUMNS: dict[str, str] = {
    "stt": "STT",
    "content": "Nội dung",
    "lead": "Cơ quan chủ trì",
    "partners": "Cơ quan phối hợp",
    "time_frame": "Thời gian thực hiện",
    "output": "Sản phẩm/chỉ tiêu",
    "funding": "Kinh phí",
    "status": "Trạng thái",
    "notes": "Ghi chú",
}
DEFAULT_APPENDIX_COLUMNS = ("stt", "content", "lead", "partners", "time_frame")
ORIENTATIONS = {"landscape": "Khổ ngang", "portrait": "Khổ dọc"}

# (label, minimum, maximum) of every numeric setting, from Nghị định 30/2020, Phụ lục I.
RANGES: dict[str, tuple[str, float, float]] = {
    "margin_top_mm": ("Lề trên (mm)", 20, 25),
    "margin_bottom_mm": ("Lề dưới (mm)", 20, 25),
    "margin_left_mm": ("Lề trái (mm)", 30, 35),
    "margin_right_mm": ("Lề phải (mm)", 15, 20),
    "body_font_size": ("Cỡ chữ nội dung (pt)", 13, 14),
    "table_font_size": ("Cỡ chữ trong bảng (pt)", 12, 13),
    "line_spacing": ("Giãn dòng (lần dòng đơn)", 1.0, 1.5),
    "first_line_indent_cm": ("Lùi đầu dòng (cm)", 1.0, 1.27),
    "paragraph_space_pt": ("Khoảng cách đoạn (pt)", 6, 12),
    "page_number_font_size": ("Cỡ chữ số trang (pt)", 13, 14),
}


@dataclass
class DocumentSettings:
    """What every document takes from the office; a plan's own metadata wins where it has any."""

    parent_body: str = ""  # "UBND TỈNH VĨNH LONG"
    office_name: str = ""  # "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    abbreviation: str = ""  # "STTTT", for "Số: .../KH-STTTT"
    place: str = ""  # place name of the date line: "Vĩnh Long"
    signer_authority: str = ""  # "KT. GIÁM ĐỐC"
    signer_position: str = ""  # "PHÓ GIÁM ĐỐC"
    signer_name: str = ""
    appendix_orientation: str = "landscape"
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    body_font_size: float = 14
    table_font_size: float = 12
    line_spacing: float = 1.0
    first_line_indent_cm: float = 1.0
    paragraph_space_pt: float = 6
    page_number_font_size: float = 14
    appendix_columns: list[str] = field(default_factory=lambda: list(DEFAULT_APPENDIX_COLUMNS))

    # ------------------------------------------------------------------ checking

    def validated(self) -> DocumentSettings:
        """A cleaned copy; raises ValidationError (Vietnamese) for anything out of range."""
        s = replace(self, appendix_columns=list(self.appendix_columns))
        for name in ("parent_body", "office_name", "abbreviation", "place", "signer_authority",
                     "signer_position", "signer_name"):
            value = clean(getattr(s, name))
            if len(value) > 300:
                raise ValidationError("Thiết lập văn bản: một trường quá dài (tối đa 300 ký tự).")
            setattr(s, name, value)
        if s.appendix_orientation not in ORIENTATIONS:
            raise ValidationError("Hướng trang phụ lục phải là khổ ngang hoặc khổ dọc.")
        for name, (label, low, high) in RANGES.items():
            try:
                number = float(getattr(s, name))
            except (TypeError, ValueError):
                raise ValidationError(f"{label} phải là một số.") from None
            if not (low - 1e-9 <= number <= high + 1e-9):
                raise ValidationError(
                    f"{label} phải từ {_num(low)} đến {_num(high)} theo Nghị định 30/2020/NĐ-CP (đang là {_num(number)})."
                )
            setattr(s, name, number)
        columns = [c for c in s.appendix_columns if c in APPENDIX_COLUMNS]
        if len(set(columns)) != len(columns) or len(columns) != len(s.appendix_columns):
            raise ValidationError("Danh sách cột của phụ lục có cột lạ hoặc lặp lại.")
        if "content" not in columns:
            raise ValidationError("Bảng phụ lục phải có cột Nội dung.")
        s.appendix_columns = [c for c in APPENDIX_COLUMNS if c in columns]  # printed order is fixed
        return s

    @property
    def landscape_appendix(self) -> bool:
        return self.appendix_orientation == "landscape"

    # ------------------------------------------------------------------ storage

    def to_json(self) -> dict[str, Any]:
        return {"version": SETTINGS_VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, data: Any) -> DocumentSettings:
        """Settings from stored JSON; unknown keys are ignored and bad values fall back to defaults."""
        if not isinstance(data, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls()
        for key, value in data.items():
            if key not in known:
                continue
            candidate = replace(settings, **{key: value})
            try:
                candidate.validated()
            except (ValidationError, TypeError):
                continue
            settings = candidate
        return settings.validated()


def load(store: Store) -> DocumentSettings:
    """The office's document settings (defaults where none are stored)."""
    return DocumentSettings.from_json(store.settings.get(SETTINGS_KEY))


def save(store: Store, settings: DocumentSettings) -> DocumentSettings:
    """Validate and store; on a ValidationError nothing is changed."""
    clean_settings = settings.validated()
    store.settings.set(SETTINGS_KEY, clean_settings.to_json())
    return clean_settings


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
