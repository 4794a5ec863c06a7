"""A Party document's header and signature differ from a State body's: "Số 384-QĐ/TW" (number,
type, then the body, the colon often left out), "ĐẢNG CỘNG SẢN VIỆT NAM" where a State body
writes the national motto, the issuer named under its Party committee ("ĐẢNG BỘ TỈNH ..." ›
"TỈNH ỦY"), and "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ" over the signer's name. Number, date, signer
and issuer are read from them as from a State body's document.

Cases: Quy định 384-QĐ/TW of the Secretariat (../shared/samples/corpus/ca9ba61fc61bf961), and
headers and signatures written here after the Party's own forms (a provincial committee's plan,
a provincial executive committee's resolution, a central steering committee's regulation, a
provincial committee's letter)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from cchc_desktop.importer import read_document, read_text, recognize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_scoring import READINGS, build_docx, documents  # noqa: E402

PLAN = """TỈNH ỦY BẮC NINH
ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 12-KH/TU
Bắc Ninh, ngày 05 tháng 3 năm 2025
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, đảng viên về cải cách hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo và Dân vận Tỉnh ủy
- Chủ trì hướng dẫn tuyên truyền cải cách hành chính trong các tổ chức đảng, hoàn thành trong quý II năm 2025.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC
Nguyễn Quốc Chung"""
RESOLUTION = """ĐẢNG BỘ TỈNH QUẢNG NAM
BAN CHẤP HÀNH
ĐẢNG CỘNG SẢN VIỆT NAM
Số: 57-NQ/TU
Tam Kỳ, ngày 22 tháng 12 năm 2024
NGHỊ QUYẾT
về đẩy mạnh chuyển đổi số trong các cơ quan đảng
Ban Chấp hành Đảng bộ tỉnh quyết nghị:
1. Đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của các cơ quan đảng.
K/T BÍ THƯ
PHÓ BÍ THƯ
Lương Nguyễn Minh Triết"""
REGULATION = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 05-QĐ/BCĐTW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 27 tháng 8 năm 2025
QUY ĐỊNH
về bảo đảm an toàn dữ liệu
Điều 1. Phạm vi điều chỉnh
Quy định này quy định việc bảo đảm an toàn dữ liệu.
T/M BỘ CHÍNH TRỊ
TỔNG BÍ THƯ
Tô Lâm"""
LETTER = """ĐẢNG BỘ TỈNH BẮC NINH
TỈNH ỦY
*
Số 123-CV/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Bắc Ninh, ngày 5 tháng 3 năm 2025
V/v tuyên truyền cải cách hành chính
Kính gửi: các cơ quan, đơn vị
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Nguyễn Quốc Chung"""


@pytest.mark.parametrize(("text", "number", "day", "signer", "issuer"), [
    (PLAN, "12-KH/TU", dt.date(2025, 3, 5), "Nguyễn Quốc Chung", "Tỉnh ủy Bắc Ninh"),
    (RESOLUTION, "57-NQ/TU", dt.date(2024, 12, 22), "Lương Nguyễn Minh Triết", "Ban Chấp hành Đảng bộ tỉnh Quảng Nam"),
    (REGULATION, "05-QĐ/BCĐTW", dt.date(2025, 8, 27), "Tô Lâm", "Ban Chấp hành Trung ương"),
    (LETTER, "123-CV/TU", dt.date(2025, 3, 5), "Nguyễn Quốc Chung", "Tỉnh ủy Bắc Ninh"),
], ids=["plan", "resolution", "regulation", "letter"])
def test_a_party_documents_number_date_signer_and_issuer_are_read(text: str, number: str, day: dt.date, signer: str, issuer: str) -> None:
    result = recognize(read_text(text))
    plan = result.plan
    assert (plan.number, plan.issue_date, plan.signer_name, plan.issuer) == (number, day, signer, issuer)
    assert not any("không đúng dạng" in p or "chưa có số" in p or "người ký" in p for p in result.problems), result.problems


def test_a_party_plans_tasks_are_read_as_a_state_bodys() -> None:
    tasks = [(t.lead, t.time_frame) for t in recognize(read_text(PLAN)).tasks if t.include]
    assert tasks == [("Ban Tuyên giáo và Dân vận Tỉnh ủy", "quý II năm 2025")]


def test_the_secretariats_regulation_gives_its_header_and_signature(tmp_path: Path) -> None:
    """Quy định 384-QĐ/TW as an office receives it (.docx): its header is a table of two cells."""
    doc = next((d for d in documents() if d.name == "ca9ba61fc61bf961"), None)
    if doc is None:
        pytest.skip("corpus document ca9ba61fc61bf961 (../shared/samples/corpus/) or md_to_docx.py not present")
    reading = json.loads((READINGS / "ca9ba61fc61bf961.expected.json").read_text(encoding="utf-8"))
    plan = recognize(read_document(build_docx(doc, tmp_path))).plan
    assert (plan.number, plan.issue_date.isoformat(), plan.signer_name, plan.issuer) == (
        reading["number"], reading["date"], reading["signer"], reading["issuer"])
