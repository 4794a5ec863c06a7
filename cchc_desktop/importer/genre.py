"""What kind of document was received, to say plainly when it is not a plan: a document that
assigns no tasks is reported with no task proposed and a Vietnamese explanation, never a list of
invented tasks.

Cases (../shared/samples/corpus/, read by hand in tests/importer/readings/corpus/):
- an article from a legal website (no national motto, no number, no document title of its own:
  a "# question?" title and "Nội dung chính"): 7cc9e449b0ef122c (the merged provinces),
  8281fd7b79557d5a (a news report retelling the tasks of Nghị quyết 74/NQ-CP);
- a regulation (Quy định / Quy chế in articles "Điều 1." ..., or a decision issuing one):
  ce4ad96dbd9a518d (Quy chế of an e-consultation system), ca9ba61fc61bf961 (Quy định 384-QĐ/TW),
  0f98ee482389e59e (Quy định of a department's functions);
- a decision that publishes administrative procedures: 6e205b75bcc588b5 (its table's "Cơ quan
  thực hiện" is who handles each procedure, not a lead agency).
A plan, a programme, a decision or resolution issuing one, a telegram or a notice of conclusions
is a document that assigns tasks (0a97eb9c3c536047, 448306af3d3a91f7, 1095764e502a89b8 ...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cchc_desktop.importer.readers import SourceLine
from cchc_desktop.text.patterns import lazy
from cchc_desktop.text.textnorm import fold

# A document's own title line: its type alone, in capitals ("KẾ HOẠCH", "QUYẾT ĐỊNH").
_TYPE_LINE = lazy(r"^(?:#+\s*)?(KẾ HOẠCH|CHƯƠNG TRÌNH|QUYẾT ĐỊNH|NGHỊ QUYẾT|CÔNG ĐIỆN|THÔNG BÁO|CHỈ THỊ|QUY ĐỊNH|QUY CHẾ"
                        r"|CÔNG VĂN|HƯỚNG DẪN|ĐỀ ÁN|PHƯƠNG ÁN|DANH MỤC)\s*:?\s*$")
_MOTTO = lazy(r"cong hoa xa hoi chu nghia viet nam|dang cong san viet nam")
_NUMBER = lazy(r"^\s*số\s*:?\s*\d*\s*/?\s*[\w-]*/?[A-ZĐ]", re.I)
# Types that assign tasks by themselves, and what a decision or resolution may issue.
_TASKING = ("KẾ HOẠCH", "CHƯƠNG TRÌNH", "CÔNG ĐIỆN", "CHỈ THỊ", "ĐỀ ÁN", "PHƯƠNG ÁN", "CÔNG VĂN", "HƯỚNG DẪN")
# A decision's subject that makes it a regulation or a publication of procedures (folded).
_RULES_SUBJECT = lazy(r"^(?:ve viec\s+)?(?:ban hanh|sua doi,? bo sung(?: mot so dieu cua)?)\s+(?:quy dinh|quy che|noi quy|dieu le)\b"
                            r"|^(?:ve viec\s+)?cong bo\s+(?:danh muc\s+)?thu tuc hanh chinh|^quy dinh chuc nang")

ARTICLE = ("Văn bản này là một bài viết (không có quốc hiệu, số, ký hiệu và chữ ký của cơ quan ban hành), không phải kế "
           "hoạch: nó không giao nhiệm vụ nào. Nếu bài viết nói về một kế hoạch, hãy nhập chính văn bản kế hoạch đó.")
REGULATION = ("Văn bản này là {what}: các điều khoản quy định lâu dài, không giao nhiệm vụ có thời hạn, nên không có "
              "nhiệm vụ nào để nhập. Nếu cần theo dõi việc thực hiện, hãy nhập kế hoạch triển khai văn bản này.")
PROCEDURES = ("Văn bản này công bố thủ tục hành chính (danh mục và quy trình giải quyết), không phải kế hoạch: cột "
              "«Cơ quan thực hiện» là nơi giải quyết thủ tục, không phải nhiệm vụ được giao. Không có nhiệm vụ nào để nhập.")


def _types(lines: Sequence[SourceLine]) -> list[tuple[str, int]]:
    """The type lines of the document (and their index), in order."""
    out: list[tuple[str, int]] = []
    for i, line in enumerate(lines):
        for text in (line.cells or [line.text]):
            m = _TYPE_LINE.match(text.replace("*", "").strip())
            if m:
                out.append((m.group(1), i))
    return out


def _subject_after(lines: Sequence[SourceLine], i: int) -> str:
    """The subject line (trích yếu) right after a type line."""
    for line in lines[i + 1:i + 4]:
        text = line.text.replace("*", "").strip()
        if text:
            return fold(text)
    return ""


def _article_signs(head: Sequence[SourceLine]) -> bool:
    """A web article's marks: a title that is a question, a "Nội dung chính" box, a Markdown
    title, the source and posting time of a news item. A pasted piece of a plan has none."""
    texts = [line.text.replace("*", "").strip() for line in head if line.text.strip()]
    first = texts[:6]
    return (any(t.endswith("?") for t in first) or any(fold(t).strip(" :#") == "noi dung chinh" for t in texts)
            or any(t.startswith("# ") for t in first)
            or any(fold(t).startswith(("gio dang bai", "theo cong thong tin")) for t in texts[-10:]))


def not_a_plan(lines: Sequence[SourceLine]) -> str | None:
    """Why the document assigns no tasks (Vietnamese), or None when it may be a plan."""
    head = lines[:60]
    types = _types(lines)
    has_motto = any(_MOTTO.search(fold(line.text)) for line in head)
    has_number = any(_NUMBER.match(c) for line in head for c in (line.cells or [line.text]))
    if not types and not has_motto and not has_number and _article_signs(head):
        return ARTICLE
    names = [t for t, _ in types]
    if any(t in _TASKING for t in names):
        return None
    if names and names[0] in ("QUY ĐỊNH", "QUY CHẾ"):
        return REGULATION.format(what="một quy định" if names[0] == "QUY ĐỊNH" else "một quy chế")
    for name, i in types:
        if name in ("QUYẾT ĐỊNH", "NGHỊ QUYẾT"):
            subject = _subject_after(lines, i)
            if not subject:
                continue
            if subject.startswith(("cong bo", "ve viec cong bo")) and "thu tuc hanh chinh" in subject:
                return PROCEDURES
            if _RULES_SUBJECT.match(subject):
                what = "một quy chế" if "quy che" in subject[:40] else "một quy định"
                return REGULATION.format(what=f"quyết định ban hành {what}")
            break
    return None
