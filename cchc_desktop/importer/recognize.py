"""The recogniser: from a line-numbered `SourceDocument` to an `ImportResult`.

It is written for the family of documents (a decision promulgating a plan, or the plan
itself; prose sections under Roman numerals; tasks in an appendix table or in labelled
prose; reporting duties under "Tổ chức thực hiện"), not for particular files: headings,
labels and table layouts vary between provinces and years. It never raises on text: what
it cannot read is kept and reported, never dropped.
"""


from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from cchc_desktop.importer.genre import not_a_plan
from cchc_desktop.importer.library_page import fill_plan, unwrap
from cchc_desktop.importer.lines import (
    _AUTHORITY,
    _DATE,
    _DATE_LINE,
    _DEADLINE,
    _ISSUER_HEAD,
    _NUM_HEAD,
    _NUMBER_LINE,
    _PERIOD_RANGE,
    _PERIODIC,
    _REFERENCE,
    _REPORT_VERB,
    _WHEN_END,
    _YEAR,
    PARTY_NUMBER_RE,
    Para,
    _dmy,
    _norm_number,
    _paras,
    _proper,
    _roman_head,
    _strip_end,
    _valid_date,
    _wrap_width,
    sentence_case,
)
from cchc_desktop.importer.matching import NO_ISSUER, match_registry
from cchc_desktop.importer.metadata import _body, _joined_issuer_lines, _proper_body, _signature, _split_zones, _Zones
from cchc_desktop.importer.model import DraftTask, Fragment, ImportResult
from cchc_desktop.importer.prose import (
    BodyReader,
    Found,
    is_agency_heading,
    is_organisation_section,
    subject_of,
)
from cchc_desktop.importer.readers import SourceDocument
from cchc_desktop.importer.sheet_prose import prose_gives_nothing
from cchc_desktop.importer.tables import (
    _find_tables,
    _spreadsheet_table,
    _Table,
    _table_tasks,
    forget_readings,
    headers_out_of_rows,
)
from cchc_desktop.importer.written_time import time_in_text
from cchc_desktop.scheduling.timeframe import parse_time_frame
from cchc_desktop.store.domain import NUMBER_SYMBOL_RE, Appendix, Plan, PlanStatus, Section
from cchc_desktop.store.store import Store
from cchc_desktop.system.collector import many_objects
from cchc_desktop.text.textnorm import fold, one_line


class Recognizer:
    def __init__(self, doc: SourceDocument, columns: Sequence[str] | None = None) -> None:
        self.doc = doc
        self.columns = list(columns) if columns else None
        self.plan = Plan(status=PlanStatus.DRAFT)
        self.problems: list[str] = []
        self.fragments: list[Fragment] = []
        self.province = ""
        self.issuer_abbreviation = ""

    # -- metadata ----------------------------------------------------------

    def _references(self, paras: Sequence[Para]) -> list[tuple[re.Match[str], Para]]:
        return [(m, p) for p in paras if (m := _REFERENCE.search(p.text))]

    def _metadata(self, zones: _Zones) -> None:
        plan = self.plan
        head = zones.decision or zones.plan[:40]
        header_limit = next((i for i, p in enumerate(head) if fold(p.text) in ("ke hoach", "quyet dinh", "nghi quyet")), min(len(head), 12))
        header = head[: max(header_limit, 0) + 1] if head else []
        number_header = ""
        for k, p in enumerate(header):
            text = p.text
            if re.fullmatch(r"Số\s*(?:/\s*ký hiệu)?\s*:?", text, re.I) and k + 1 < len(header):
                text = f"Số: {header[k + 1].text}"  # "Số:" and the number in two lines of a cell
            m = _NUMBER_LINE.match(text)
            if m:
                number_header = _norm_number(m.group("num"), m.group("sym"))
                break
        date_header: dt.date | None = None
        date_text = ""
        for p in header:
            # "Số: 141/KH-UBND    Bắc Ninh, ngày 20 tháng 11 năm 2025": both cells on one line of a PDF
            text = _NUMBER_LINE.sub("", p.text, count=1).strip() if _NUMBER_LINE.match(p.text) else p.text
            m = _DATE.search(text)
            dm = _DATE_LINE.match(text)
            if m and dm:
                plan.place = one_line(dm.group("place"))
                date_text = m.group(0)
                date_header = _valid_date(*_dmy(m))
                if date_header is None:
                    self._date_problem(p, date_text)
                break
        # "(Ban hành kèm theo Quyết định số ... ngày ... của ...)": in the plan and appendix heads
        # (and under the plan's own "KẾ HOẠCH" after the resolution that issues it: ae8d299abf846604)
        titled = next((i for i, p in enumerate(zones.plan) if fold(p.text).strip("# ") == "ke hoach"), len(zones.plan))
        refs = self._references([*zones.plan[:12], *zones.plan[max(titled, 12): titled + 6], *[q for app in zones.appendices for q in app[:6]]])
        ref_number, ref_date, ref_authority = "", None, ""
        for m, p in refs:
            if not ref_number or not ref_number.split("/")[0]:
                ref_number = _norm_number(m.group("num"), m.group("sym"))
            dmatch = _DATE.search(m.group("rest"))
            if dmatch:
                day = _valid_date(*_dmy(dmatch))
                if day is None:
                    self._date_problem(p, dmatch.group(0))
                elif ref_date is None:
                    ref_date = day
            am = re.search(r"\bcủa\s+(?P<who>.+?)\s*$", m.group("rest"))
            if am and not ref_authority:
                ref_authority = _strip_end(am.group("who"))
        if number_header and number_header.split("/")[0]:
            plan.number = number_header
        elif ref_number and ref_number.split("/")[0]:
            plan.number = ref_number
        else:
            plan.number = number_header or ref_number
        if plan.number and not NUMBER_SYMBOL_RE.match(plan.number) and not PARTY_NUMBER_RE.match(plan.number):
            self.problems.append(f"Số, ký hiệu «{plan.number}» không đúng dạng «số/ký hiệu»; hãy kiểm tra.")
        if not plan.number.split("/")[0]:
            self.problems.append("Văn bản chưa có số (bản dự thảo); hãy nhập số khi đã ban hành.")
        plan.issue_date = date_header or ref_date
        if plan.issue_date is None:
            shown = f" («{date_text}», bản dự thảo để trống)" if date_text else ""
            self.problems.append(f"Chưa có ngày ban hành{shown}; hãy nhập ngày.")
        elif date_header and ref_date and date_header != ref_date:
            self.problems.append(
                f"Ngày ở đầu văn bản ({date_header:%d/%m/%Y}) khác ngày ở dòng «Kèm theo» ({ref_date:%d/%m/%Y}); đã dùng ngày ở đầu văn bản."
            )
        plan.act_authority = ref_authority
        if plan.number.split("/")[0] and plan.issue_date is not None:
            plan.status = PlanStatus.ISSUED
        self._issuer(zones, header)
        self._title_and_period(zones)
        self._bases_and_signer(zones)
        self._sections(zones)

    def _date_problem(self, p: Para, text: str) -> None:
        m = _DATE.search(text)
        if m and m.group("y") and not (m.group("d") or m.group("m")):
            return  # a draft's blank date: reported once, as the missing issue date
        self.problems.append(f"Dòng {p.lines[0]}: ngày «{text}» không đọc được (có chữ thay cho số).")

    def _issuer(self, zones: _Zones, header: Sequence[Para]) -> None:
        plan = self.plan
        # Explicit issuer lines at the top-left of the header, before "Số:"
        top: list[str] = []
        for p in header:
            # the motto's column: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", a Party document's "ĐẢNG CỘNG SẢN VIỆT NAM"
            if _NUMBER_LINE.match(p.text) or fold(p.text).startswith(("cong hoa", "doc lap", "dang cong san")):
                break
            if fold(p.text).strip() == "cong" or fold(p.text).startswith("hoa xa hoi chu nghia"):
                break  # the national motto wrapped after its first word: "CỘNG" › "HÒA XÃ HỘI ..." (74e2ddc7b11340da)
            if (p.text == p.text.upper() and len(p.text) < 80 and not _AUTHORITY.match(p.text)
                    and fold(p.text) not in ("ke hoach", "quyet dinh", "nghi quyet") and not p.text.rstrip().endswith(":")
                    and re.search(r"[^\W\d_]", p.text)):
                top.append(p.text)  # the rule drawn under the name ("-------") is no name
        top = _joined_issuer_lines(top)
        if not top:
            # no name above the number: the enacting body, in capitals over the legal bases ("NGHỊ QUYẾT" ›
            # title › "ỦY BAN THƯỜNG VỤ QUỐC HỘI" › "Căn cứ ...": ae8d299abf846604, a resolution saved without its header)
            near = [*zones.decision, *zones.plan[:20]]
            top = [p.text for p, q in zip(near, near[1:], strict=False) if fold(q.text).startswith("can cu") and p.text == p.text.upper()
                   and re.search(r"[^\W\d_]", p.text) and not _ISSUER_HEAD.match(p.text) and not _AUTHORITY.match(p.text)][:1]
        authority_line = next((p.text for p in [*zones.decision, *zones.plan[:20]] if _ISSUER_HEAD.match(p.text)), "")
        m = _ISSUER_HEAD.match(authority_line) if authority_line else None
        if m and m.group("name"):
            self.province = _proper(m.group("name"))
        elif plan.act_authority:
            am = re.search(r"(?:tỉnh|thành phố)\s+(.+)$", plan.act_authority)
            if am:
                self.province = _proper(am.group(1))
        if not self.province:
            tm = re.search(r"\btỉnh\s+((?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s?){1,3})", " ".join(p.text for p in zones.plan[:8]))
            if tm:
                self.province = tm.group(1).strip()
        if not self.province and plan.place:
            self.province = plan.place
        if top:
            names = [_proper_body(t, self.province) for t in top]
            plan.issuer = _party_organ(names)
            plan.parent_body = top[0] if len(top) > 1 else ""
        elif m:
            level = (m.group("level") or "tỉnh").lower()
            plan.issuer = f"Ủy ban nhân dân {level} {self.province}".strip()
        else:
            symbol = plan.number.split("/", 1)[1] if "/" in plan.number else ""
            issuer_abbr = symbol.split("-", 1)[1] if "-" in symbol else ""
            level_of = re.search(r"(?:UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố|huyện|thị xã|quận)\s+(.+)$", plan.act_authority, re.I)
            if issuer_abbr.upper() == "UBND" and level_of:
                plan.issuer = f"Ủy ban nhân dân {level_of.group(1).lower()} {_proper(level_of.group(2))}"
            elif issuer_abbr.upper() == "UBND":
                plan.issuer = f"Ủy ban nhân dân tỉnh {self.province}".strip()
            elif issuer_abbr:
                self.issuer_abbreviation = issuer_abbr  # the registry may know it (matching)
        if not plan.issuer:
            self.problems.append(NO_ISSUER)
        if not plan.act_authority and m:
            plan.act_authority = f"Chủ tịch UBND {(m.group('level') or 'tỉnh').lower()} {self.province}".strip()
        if not plan.place and self.province:
            plan.place = self.province

    def _title_and_period(self, zones: _Zones) -> None:
        plan = self.plan
        paras = zones.plan
        title = ""
        keys = [fold(p.text) for p in paras]
        if "ke hoach" in keys:
            i = keys.index("ke hoach") + 1
            parts: list[str] = []
            while i < len(paras) and not _REFERENCE.search(paras[i].text) and not _roman_head(paras[i].text) and len(parts) < 3:
                text = paras[i].text
                if _NUMBER_LINE.match(text) or _DATE_LINE.match(text) or re.match(r"^(Căn cứ|Thực hiện|Theo|Xét)\b", text):
                    break
                if parts and not (parts[0] == parts[0].upper() and text == text.upper()):
                    break  # a title runs on only as capitals under capitals; Word wraps were joined already
                parts.append(text)
                i += 1
            title = " ".join(parts)
        if not title:
            for p in zones.decision:
                m = re.match(r"^(?:V/v\s+)?ban hành\s+(?:kế hoạch\s+)?(.+)$", p.text, re.I)
                if m:
                    title = m.group(1)
                    break
        proper = [n for n in (self.province, plan.place) if n]
        plan.title = _strip_end(sentence_case(title, proper)) if title else ""
        if plan.title:
            plan.title = plan.title[:1].upper() + plan.title[1:]
        if not plan.title:
            self.problems.append("Không nhận ra tên (trích yếu) kế hoạch; hãy nhập.")
        for text in (plan.title, *(p.text for p in zones.decision[:10])):
            m = _PERIOD_RANGE.search(text or "")
            if m and "giai đoạn" in (text or "").lower() or (m and text == plan.title):
                plan.period_start, plan.period_end = int(m.group("a")), int(m.group("b"))
                break
            y = _YEAR.search(text or "")
            if y:
                plan.period_start = plan.period_end = int(y.group("y"))
                break
        if not plan.period_start:
            year = plan.issue_date.year if plan.issue_date else 0
            if plan.issue_date and plan.issue_date.month == 12:
                year += 1  # a plan issued in December is for the next year
            if year:
                plan.period_start = plan.period_end = year
                self.problems.append(f"Không thấy kỳ kế hoạch trong tên; đã đoán năm {year}.")
            else:
                self.problems.append("Không thấy kỳ kế hoạch (năm); hãy nhập.")

    def _bases_and_signer(self, zones: _Zones) -> None:
        plan = self.plan
        first_section = next((i for i, p in enumerate(zones.plan) if _roman_head(p.text)), len(zones.plan))
        intro = [*zones.decision, *zones.plan[:first_section]]
        for p in intro:
            if p.text.startswith("Căn cứ"):
                plan.legal_bases.append(p.text)
            elif re.match(r"^(Theo đề nghị|Xét đề nghị|Xét Tờ trình|Theo Tờ trình)", p.text):
                plan.proposer = p.text
        pre_appendix = [*zones.decision, *zones.plan]
        for i, p in enumerate(pre_appendix):
            if re.match(r"^nơi nhận\s*:?$", p.text, re.I):
                for q in pre_appendix[i + 1:]:
                    if not q.text.startswith(("-", "–", "+", "•")):
                        break
                    plan.recipients.append(q.text.lstrip("-–+• ").strip())
                break
        sig = _signature(pre_appendix)
        if sig:
            plan.signer_authority, plan.signer_position, plan.signer_name, _ = sig
        if not plan.signer_name:
            self.problems.append("Không nhận ra người ký; hãy nhập.")

    def _sections(self, zones: _Zones) -> None:
        current: Section | None = None
        body: list[str] = []
        for p in zones.plan:
            if re.match(r"^nơi nhận\s*:?$", p.text, re.I) or (_AUTHORITY.match(p.text) and p.text == p.text.upper()):
                break
            head = _roman_head(p.text)
            if head:
                if current is not None:
                    current.body = "\n".join(body)
                    self.plan.sections.append(current)
                current, body = Section(heading=p.text), []
            elif current is not None:
                body.append(p.text)
        if current is not None:
            current.body = "\n".join(body)
            self.plan.sections.append(current)

    # -- tasks -------------------------------------------------------------

    def _understood(self, phrase: str) -> bool:
        plan = self.plan
        return parse_time_frame(phrase, plan.period_start or dt.date.today().year, plan.period_end or None).understood

    def _draft(self, found: Found, appendix: int, kind: str = "task") -> DraftTask:
        return DraftTask(
            content=found.content, lead=found.lead, partners=found.partners, time_frame=found.time_frame,
            output=found.output, funding=found.funding, notes=found.notes, appendix=appendix,
            source=list(found.source), problems=list(found.problems), derived=dict(found.derived), kind=kind,
        )

    def _prose_tasks(self, reader: BodyReader, appendix: int) -> list[DraftTask]:
        """Tasks written as prose with labelled lines (see `prose.BodyReader.labelled_tasks`)."""
        return [self._draft(f, appendix) for f in reader.labelled_tasks()]

    def _duties(self, zones: _Zones, appendix: int) -> list[DraftTask]:
        duties: list[DraftTask] = []
        in_section = False
        lead = ""
        seen: set[str] = set()
        for p in zones.plan:
            head = _roman_head(p.text)
            if head:
                in_section = is_organisation_section(head[1])
                lead = ""
                continue
            if not in_section:
                continue
            if re.match(r"^nơi nhận\s*:?$", p.text, re.I) or _AUTHORITY.match(p.text):
                break
            text = p.text
            m = _NUM_HEAD.match(text)
            if m:
                title = m.group("title")
                name, sep, rest = title.partition(":")
                if sep or is_agency_heading(title):
                    lead = _agency_heading(name)
                    if not sep:
                        continue
                    text = rest.strip()
                else:
                    # an item that is a sentence: its subject leads ("1. Các cơ quan ... xây dựng ...")
                    lead, text = subject_of(title), title
            for sentence in _sentences(text):
                body = re.sub(r"^(?:[-–+•]\s*|[a-zđ]\)\s*)", "", sentence).strip()
                when = _duty_when(body)
                if fold(when) == "dinh ky":
                    # "Định kỳ báo cáo ... hằng năm (trước ngày 15 tháng 11)": the period is said later
                    when = time_in_text(body, self._understood) or when
                if not when or not _REPORT_VERB.search(body) or fold(body) in seen:
                    continue
                seen.add(fold(body))
                duty = DraftTask(
                    content=body, lead=lead or subject_of(body), time_frame=when, appendix=appendix,
                    group="Chế độ báo cáo", source=list(p.lines), kind="duty", include=False,
                )
                duties.append(duty)
        return duties

    # -- the whole ---------------------------------------------------------

    def run(self) -> ImportResult:
        doc = self.doc
        column_titles: list[str] = []
        if doc.tabular:
            sheet = _spreadsheet_table(doc.lines, self.columns, self.fragments)
            tables = [sheet[0]] if sheet else []
            column_titles = sheet[1] if sheet else []
        else:
            tables = _find_tables(doc.lines)
        # the lines a table used, by place: a library page's layout row opened into the document's
        # paragraphs gives them all its number, the table's header among them (74e2ddc7b11340da)
        used = {k for t in tables for k in range(t.start, t.end) if doc.lines[k].number in t.consumed}
        prose_lines = [line for k, line in enumerate(doc.lines) if k not in used]
        if doc.tabular and prose_gives_nothing(prose_lines):
            paras = []  # no cell can start a task, a section or an appendix (`sheet_prose`)
        else:
            paras = _paras(prose_lines, _wrap_width(prose_lines) if doc.kind == "pdf" else 0)
        zones = _split_zones(paras)
        if doc.tabular:
            self._spreadsheet_plan(tables)
        else:
            self._metadata(zones)
        self.plan.appendices = []
        appendix_of_table: list[int] = []
        for app in zones.appendices:
            self.plan.appendices.append(Appendix(title=self._appendix_title(app)))
        for table in tables:
            index = 0
            first_line = doc.lines[table.start].number
            for n, app in enumerate(zones.appendices):
                if app and app[0].lines[0] < first_line:
                    index = n
            appendix_of_table.append(index)
        if not self.plan.appendices:
            self.plan.appendices.append(Appendix(title=""))
        tasks: list[DraftTask] = []
        for table, index in zip(tables, appendix_of_table, strict=True):
            tasks += _table_tasks(table, index, self.fragments)
        reader = BodyReader(_body(zones.plan), self._understood)
        prose = self._prose_tasks(reader, 0)
        if prose:
            if tasks or zones.appendices:
                self.plan.appendices.append(Appendix(title=self._prose_appendix_title(prose, zones)))
                for t in prose:
                    t.appendix = len(self.plan.appendices) - 1
            elif not self.plan.appendices[0].title:
                self.plan.appendices[0].title = self._prose_appendix_title(prose, zones)
            tasks += prose
        duties = self._duties(zones, 0)
        found_assignments = reader.assignments()
        assignments = [self._draft(f, 0, "assignment") for f in found_assignments]
        for a, f in zip(assignments, found_assignments, strict=True):
            a.group = f.group or "Tổ chức thực hiện"
            a.include = False  # offered beside the plan's own tasks
        orders = [a for a, f in zip(assignments, found_assignments, strict=True) if f.order]
        if orders and tasks:
            # a notice's orders beside its tables of tasks: tasks too, ahead of the appendices
            self.plan.appendices.append(Appendix(title=self._prose_appendix_title(orders, zones)))
            for a in orders:
                a.kind, a.include, a.appendix = "task", True, len(self.plan.appendices) - 1
            tasks = orders + tasks
            assignments = [a for a in assignments if a not in orders]
        if not tasks and assignments and not doc.tabular:
            # a plan whose only tasks are the duties it gives each agency (grouped by agency)
            for a in assignments:
                a.kind, a.include = "task", True
            tasks, assignments = assignments, []
        for app in zones.appendices:
            for p in app[1:]:
                if not self._is_appendix_head(p, app):
                    self.fragments.append(Fragment(p.text, p.lines, "Đoạn trong phụ lục ngoài bảng nhiệm vụ"))
        if not tasks and not doc.tabular:
            self.problems.append("Không tìm thấy nhiệm vụ nào (bảng phụ lục hoặc mục có «Cơ quan chủ trì/thực hiện»).")
        return ImportResult(
            source_name=doc.name, kind=doc.kind, plan=self.plan, tasks=tasks, duties=duties, assignments=assignments,
            unrecognised=self.fragments, province=self.province,
            issuer_abbreviation=self.issuer_abbreviation,
            problems=self.problems, line_count=len(doc.lines),
            columns=list(tables[0].columns) if doc.tabular and tables else [], column_titles=column_titles,
        )

    def _is_appendix_head(self, p: Para, app: Sequence[Para]) -> bool:
        index = app.index(p)
        if index <= 2 and (p.text == p.text.upper() or _REFERENCE.search(p.text) or index == 1):
            return True
        return bool(_REFERENCE.search(p.text)) and index <= 4

    def _appendix_title(self, app: Sequence[Para]) -> str:
        if len(app) < 2 or _REFERENCE.search(app[1].text):
            return ""
        return _strip_end(sentence_case(app[1].text, [n for n in (self.province, self.plan.place) if n]))

    def _prose_appendix_title(self, prose: Sequence[DraftTask], zones: _Zones) -> str:
        first = prose[0].source[0]
        heading = ""
        for p in zones.plan:
            if p.lines[0] > first:
                break
            head = _roman_head(p.text)
            if head:
                heading = head[1]
        return _strip_end(sentence_case(heading, [n for n in (self.province, self.plan.place) if n]))

    def _spreadsheet_plan(self, tables: Sequence[_Table]) -> None:
        plan = self.plan
        plan.title = self.doc.stem
        # the years written in the cells: four digits standing alone, "(?<!\d)(?:19|20|21)\d\d(?!\d)" in
        # each row, found in one text of all rows (without the look-arounds' cost at every character)
        text = "\n".join(" ".join(row.cells) for table in tables for row in table.rows)
        years = [int(m.group()) for m in _YEAR_DIGITS.finditer(text)
                 if not text[m.start() - 1: m.start()].isdecimal() and not text[m.end(): m.end() + 1].isdecimal()]
        counts = Counter(years)  # each year counted once, not once per distinct year
        year = max(set(years), key=counts.__getitem__) if years else dt.date.today().year
        plan.period_start = plan.period_end = year
        self.problems.append(f"Bảng không có thông tin kế hoạch: tạo kế hoạch dự thảo «{plan.title}», năm {year}; hãy bổ sung số, ngày, cơ quan ban hành.")


_YEAR_DIGITS = re.compile(r"(?:19|20|21)\d\d")


def _party_organ(names: Sequence[str]) -> str:
    """The issuer among the header's names: the last; a Party organ named under its Party
    committee ("ĐẢNG BỘ TỈNH QUẢNG NAM" › "BAN CHẤP HÀNH", "ĐẢNG BỘ TỈNH BẮC NINH" › "TỈNH ỦY")
    is that committee's: "Ban Chấp hành Đảng bộ tỉnh Quảng Nam", "Tỉnh ủy Bắc Ninh"."""
    last = names[-1]
    parent = names[-2] if len(names) > 1 else ""
    m = re.match(r"^(?P<level>Đảng bộ\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường))\s+(?P<place>.+)$", parent, re.I)
    if m:  # the place's name in capitals, whether or not the province was known
        parent = f"{m.group('level')} {' '.join(w[:1].upper() + w[1:] for w in m.group('place').split())}"
        m = re.match(r"^(?P<level>.+?(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường))\s+(?P<place>.+)$", parent)
    if fold(last) in ("ban chap hanh", "ban thuong vu") and fold(parent).startswith("dang bo "):
        return f"{last} {parent}"
    if fold(last) in ("tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy") and m:
        return f"{last} {m.group('place')}"
    return last


def _agency_heading(text: str) -> str:
    name = re.sub(r"^(Đề nghị|Giao|Yêu cầu)\s+", "", text.strip(), flags=re.I)
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    return _strip_end(name)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])", text) if s.strip()]


def _duty_when(text: str) -> str:
    deadline = _DEADLINE.search(text)
    periodic = _PERIODIC.search(text)
    phrase = ""
    if periodic:
        start = periodic.start()
        rest = text[periodic.end():]
        end = _WHEN_END.search(rest)
        phrase = (text[start: periodic.end() + (end.start() if end else len(rest))]).strip(" ,")
    if deadline and (not phrase or deadline.group(0) not in phrase):
        phrase = f"{phrase}, {deadline.group(0)}" if phrase else deadline.group(0)
    return phrase[:1].upper() + phrase[1:] if phrase else ""


def read_plan(doc: SourceDocument, columns: Sequence[str] | None = None) -> ImportResult:
    """The plan draft a document holds, read from the document alone (no agency linked yet).
    `columns` maps a spreadsheet's columns to task fields (names of `tabular.FIELDS`).

    A page saved from a legal-document library is read for the document inside, the library's
    metadata filling what its header leaves unclear (`library_page`); a document that assigns no
    tasks (an article, a regulation) proposes none and says why (`genre`)."""
    library = None
    if not doc.tabular:
        doc, library = unwrap(doc)
        doc = headers_out_of_rows(doc)
    result = Recognizer(doc, columns).run()
    if library is not None:
        result.metadata_sources = fill_plan(result.plan, library, result.problems)
    why = "" if doc.tabular else not_a_plan(doc.lines)
    if why:
        result.not_plan = why
        result.tasks, result.duties, result.assignments = [], [], []
        result.problems = [why, *(p for p in result.problems if not p.startswith("Không tìm thấy nhiệm vụ"))]
    return result


def recognize(doc: SourceDocument, store: Store | None = None, columns: Sequence[str] | None = None) -> ImportResult:
    """The plan draft a document holds (`read_plan`), its agencies then matched against `store`'s
    registry (`matching.match_registry`; without a store every agency stays as written)."""
    try:
        with many_objects():  # a draft of thousands of rows holds no reference cycles
            return match_registry(read_plan(doc, columns), store)
    finally:
        forget_readings()
