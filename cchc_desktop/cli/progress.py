"""Progress and report commands: `progress TASK_ID --state ...`, `report --period ...` and
`evidence --period ...` (the list of evidence documents)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from cchc_desktop.cli.common import open_store, print_json
from cchc_desktop.errors import ValidationError
from cchc_desktop.system.files import check_output, write_atomically
from cchc_desktop.text.textnorm import fold


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("progress", help="ghi tiến độ thực hiện một nhiệm vụ (hoặc một lần của nhiệm vụ định kỳ)")
    p.add_argument("task_id", type=int, metavar="TASK_ID", help="mã nhiệm vụ")
    p.add_argument("--state", required=True, choices=["todo", "doing", "done"],
                   help="todo: chưa thực hiện, doing: đang thực hiện, done: hoàn thành")
    p.add_argument("--date", default=None, help="ngày thực hiện (31/03/2025 hoặc 2025-03-31; mặc định hôm nay)")
    p.add_argument("--note", default="", help="kết quả thực hiện")
    p.add_argument("--count", type=int, default=None, help="số lượng đạt được so với chỉ tiêu")
    p.add_argument("--occurrence", default=None,
                   help="lần thực hiện của nhiệm vụ định kỳ: ngày hạn (31/03/2025) hoặc tên (\"Quý I/2025\")")
    p.add_argument("--officer", default="", help="người thực hiện")
    p.add_argument("--evidence", default="", help="số, ký hiệu văn bản minh chứng")
    p.add_argument("--evidence-date", default=None, help="ngày của văn bản minh chứng")
    p.add_argument("--link", default="", help="đường dẫn minh chứng")
    p.add_argument("--attach", action="append", default=[], type=Path, help="tệp đính kèm (lặp lại được)")
    p.add_argument("--json", action="store_true", help="in mục vừa ghi dạng JSON")
    p.set_defaults(handler=cmd_progress)

    p = sub.add_parser("report", help="báo cáo kết quả thực hiện trong một kỳ")
    _add_period_scope(p)
    p.add_argument("--pdf", type=Path, default=None, help="ghi báo cáo ra tệp PDF")
    p.add_argument("--xlsx", type=Path, default=None, help="ghi số liệu ra tệp Excel (.xlsx)")
    p.add_argument("--docx", type=Path, default=None, help="ghi báo cáo ra tệp Word (.docx)")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("evidence", help="danh mục tài liệu minh chứng của các nhiệm vụ trong một kỳ")
    _add_period_scope(p)
    p.add_argument("--pdf", type=Path, default=None, help="ghi danh mục ra tệp PDF")
    p.add_argument("--xlsx", type=Path, default=None, help="ghi danh mục ra tệp Excel (.xlsx)")
    p.set_defaults(handler=cmd_evidence)


def _add_period_scope(p: argparse.ArgumentParser) -> None:
    """What `report` and `evidence` share: plans, period, the day the figures are taken on, JSON."""
    p.add_argument("--plan", type=int, action="append", default=None, help="mã kế hoạch (lặp lại được; mặc định: mọi kế hoạch của kỳ)")
    p.add_argument("--period", required=True,
                   help="2025-Q1 (quý), 2025-H1 (6 tháng đầu năm), 2025-9M (9 tháng), 2025 (năm) hoặc TỪ:ĐẾN")
    p.add_argument("--on", default=None, help="tính đến ngày (mặc định hôm nay, không quá ngày cuối kỳ)")
    p.add_argument("--json", action="store_true", help="in JSON")


def _date(text: str | None) -> dt.date | None:
    from cchc_desktop.text.vnformat import parse_date

    return parse_date(text) if text else None


def _occurrence_due(store: Any, task_id: int, selector: str | None) -> dt.date | None:
    """The due date naming the occurrence; None for a task tracked as a whole."""
    from cchc_desktop.scheduling.schedule import task_occurrences, task_schedule

    task = store.tasks.get(task_id)
    plan = store.plans.get(int(task.plan_id))
    sched = task_schedule(task, plan.period_start, plan.period_end)
    if not sched.per_occurrence:
        if selector:
            raise ValidationError("Nhiệm vụ này không thực hiện theo từng lần; bỏ tham số --occurrence.")
        return None
    occs = task_occurrences(task, plan.period_start, plan.period_end)
    examples = ", ".join(f"{o.label} ({o.due.strftime('%d/%m/%Y')})" for o in occs[:4])
    if not selector:
        raise ValidationError(f"Nhiệm vụ định kỳ: hãy chọn lần thực hiện bằng --occurrence, ví dụ {examples}.")
    try:
        day: dt.date | None = _date(selector)
    except ValidationError:
        day = None
    for o in occs:
        if (day is not None and o.due == day) or fold(o.label) == fold(selector):
            return o.due
    raise ValidationError(f"Nhiệm vụ không có lần thực hiện «{selector}». Các lần: {examples} ...")


def cmd_progress(args: argparse.Namespace) -> int:
    from cchc_desktop.store.domain import TaskStatus
    from cchc_desktop.store.progress import ProgressEntry, ProgressService

    store = open_store(args)
    due = _occurrence_due(store, args.task_id, args.occurrence)
    state = TaskStatus(args.state)
    done_on = _date(args.date) or (dt.date.today() if state == TaskStatus.DONE else None)
    entry = ProgressService(store).record(
        ProgressEntry(task_id=args.task_id, occurrence_due=due, state=state, done_on=done_on, note=args.note,
                      count=args.count, officer=args.officer, evidence_number=args.evidence,
                      evidence_date=_date(args.evidence_date), evidence_link=args.link),
        files=args.attach,
    )
    if args.json:
        print_json({
            "id": entry.id, "task_id": entry.task_id, "occurrence_due": entry.occurrence_due,
            "state": entry.state.value, "done_on": entry.done_on, "note": entry.note, "count": entry.count,
            "officer": entry.officer, "evidence_number": entry.evidence_number,
            "evidence_date": entry.evidence_date, "evidence_link": entry.evidence_link,
            "attachments": entry.attachments, "created_at": entry.created_at, "created_by": entry.created_by,
        })
        return 0
    which = f" (lần hạn {entry.occurrence_due.strftime('%d/%m/%Y')})" if entry.occurrence_due else ""
    print(f"Đã ghi tiến độ nhiệm vụ {entry.task_id}{which}: {state.label}.")
    return 0


def _on_date(text: str | None, period) -> dt.date | None:  # noqa: ANN001 - report.Period
    """`--on`: the day the figures are taken on; a day before the period has nothing to report."""
    on = _date(text)
    if on is not None and on < period.start:
        raise ValidationError(f"Ngày tính số liệu (--on {on:%d/%m/%Y}) ở trước kỳ báo cáo "
                              f"({period.start:%d/%m/%Y} - {period.end:%d/%m/%Y}).")
    return on


def cmd_report(args: argparse.Namespace) -> int:
    if args.json or args.pdf or args.xlsx or args.docx:
        return _report(args)
    from cchc_desktop.system.collector import many_objects

    # The summary: the report's modules and counts make tens of thousands of objects that hold no
    # reference cycles; a process that ends with the summary keeps them out of the collection at
    # its exit too.
    with many_objects(ending=getattr(args, "own_process", False)):
        return _report(args)


def _report(args: argparse.Namespace) -> int:
    from cchc_desktop.reporting import report as rp
    from cchc_desktop.scheduling.schedule import STATE_LABELS

    period = rp.parse_period(args.period)
    on = _on_date(args.on, period)
    store = open_store(args)
    for out in (args.pdf, args.xlsx, args.docx):
        if out:
            check_output(out)  # every file refused before any is written
    rep = rp.build_report(store, period, args.plan, today=on,
                          counts_only=not (args.json or args.pdf or args.xlsx or args.docx))
    written: list[str] = []
    if args.pdf or args.xlsx or args.docx:
        from cchc_desktop.documents import report_docs

        texts = rp.report_texts(store, rep)
        if args.xlsx:
            write_atomically(args.xlsx, lambda tmp: report_docs.write_xlsx(rep, tmp))
            written.append(str(args.xlsx))
        if args.docx:
            write_atomically(args.docx, lambda tmp: report_docs.write_docx(rep, tmp, texts, store, dt.date.today()))
            written.append(str(args.docx))
        if args.pdf:
            write_atomically(args.pdf, lambda tmp: report_docs.write_pdf(store, rep, tmp, texts, dt.date.today()))
            written.append(str(args.pdf))
    if args.json:
        print_json(rep.to_json())
        return 0
    t = rep.totals
    print(f"Báo cáo {rep.period.label} (tính đến {rep.as_of.strftime('%d/%m/%Y')}), {t.total} nhiệm vụ:")
    for s in rp.ALL_STATES:
        print(f"  {STATE_LABELS[s]:<28} {t.count(s):>6}  {t.percent_text(s):>7}")
    if rep.agencies:
        print("Theo cơ quan chủ trì:")
        for a in rep.agencies:
            cells = " ".join(f"{a.counts.count(s):>5}" for s in rp.ALL_STATES)
            print(f"  {a.name[:50]:<50} {cells}  (tổng {a.counts.total})")
    for path in written:
        print(f"Đã ghi {path}")
    return 0


def cmd_evidence(args: argparse.Namespace) -> int:
    from cchc_desktop.documents import evidence_docs
    from cchc_desktop.reporting import report as rp

    period = rp.parse_period(args.period)
    on = _on_date(args.on, period)
    store = open_store(args)
    for out in (args.pdf, args.xlsx):
        if out:
            check_output(out)  # every file refused before any is written
    rep = rp.build_report(store, period, args.plan, today=on)
    written: list[str] = []
    if args.xlsx:
        write_atomically(args.xlsx, lambda tmp: evidence_docs.write_xlsx(store, rep, tmp))
        written.append(str(args.xlsx))
    if args.pdf:
        write_atomically(args.pdf, lambda tmp: evidence_docs.write_pdf(store, rep, tmp, dt.date.today()))
        written.append(str(args.pdf))
    if args.json:
        print_json(evidence_docs.to_json(rep))
        return 0
    print(f"Danh mục tài liệu minh chứng {rep.period.phrase} (tính đến {rep.as_of.strftime('%d/%m/%Y')}):")
    for item in evidence_docs.evidence_tasks(rep):
        print(f"  {item.number}. {item.line.content}")
        if not item.evidence:
            print("       (chưa có minh chứng)")
        for ev in item.evidence:
            parts = [evidence_docs.document_text(ev), ev.link, "; ".join(ev.attachments)]
            who = ", ".join(t for t in (ev.day.strftime("%d/%m/%Y") if ev.day else "", evidence_docs.recorder(ev)) if t)
            print(f"     - {' | '.join(x for x in parts if x)} ({who})")
    print(evidence_docs.summary_text(rep))
    for path in written:
        print(f"Đã ghi {path}")
    return 0
