"""Core commands: demo, plans, tasks, task-add, agencies."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cchc_desktop.cli.common import open_store, print_json
from cchc_desktop.errors import ValidationError
from cchc_desktop.store.domain import Plan, Task, TaskRow
from cchc_desktop.store.tasks import filter_rows
from cchc_desktop.text.textnorm import fold


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="nạp kế hoạch mẫu (Vĩnh Long 2024, 14 nhiệm vụ)")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("plans", help="liệt kê kế hoạch")
    p.add_argument("--json", action="store_true", help="in JSON")
    p.set_defaults(handler=cmd_plans)

    p = sub.add_parser("tasks", help="liệt kê nhiệm vụ")
    p.add_argument("--plan", type=int, help="mã kế hoạch")
    p.add_argument("--search", default="", help="tìm theo nội dung (không cần dấu)")
    p.add_argument("--agency", default="", help="lọc theo cơ quan chủ trì hoặc phối hợp")
    p.add_argument("--status", choices=["todo", "doing", "done"], help="lọc theo trạng thái")
    p.add_argument("--json", action="store_true", help="in JSON")
    p.set_defaults(handler=cmd_tasks)

    p = sub.add_parser("task-add", help="thêm một nhiệm vụ")
    p.add_argument("--plan", type=int, required=True, help="mã kế hoạch")
    p.add_argument("--appendix", type=int, default=1, help="phụ lục thứ mấy (mặc định 1)")
    p.add_argument("--content", required=True, help="nội dung nhiệm vụ")
    p.add_argument("--lead", action="append", default=[], help="cơ quan chủ trì (lặp lại được)")
    p.add_argument("--partner", action="append", default=[], help="cơ quan phối hợp (lặp lại được)")
    p.add_argument("--when", default="", help="thời gian thực hiện, ghi như văn bản")
    p.add_argument("--output", default="", help="sản phẩm / chỉ tiêu")
    p.add_argument("--json", action="store_true", help="in nhiệm vụ vừa thêm dạng JSON")
    p.set_defaults(handler=cmd_task_add)

    p = sub.add_parser("agencies", help="liệt kê danh mục cơ quan")
    p.add_argument("--json", action="store_true", help="in JSON")
    p.set_defaults(handler=cmd_agencies)


def plan_json(plan: Plan, task_count: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": plan.id,
        "number": plan.number,
        "title": plan.title,
        "issuer": plan.issuer,
        "parent_body": plan.parent_body,
        "place": plan.place,
        "date": plan.issue_date.isoformat() if plan.issue_date else None,
        "period": plan.period_label,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "status": plan.status.value,
        "signer": {
            "authority": plan.signer_authority,
            "position": plan.signer_position,
            "name": plan.signer_name,
        },
        "legal_bases": plan.legal_bases,
        "recipients": plan.recipients,
        "appendices": [{"id": a.id, "title": a.title} for a in plan.appendices],
    }
    if task_count is not None:
        data["task_count"] = task_count
    return data


def task_json(task: Task, row: TaskRow | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": task.id,
        "plan_id": task.plan_id,
        "appendix_id": task.appendix_id,
        "content": task.content,
        "lead": task.lead_names,
        "partners": task.partner_names,
        "when": task.time_frame,
        "output": task.output,
        "funding": task.funding,
        "status": task.status.value,
        "notes": task.notes,
        "completed_on": task.completed_on.isoformat() if task.completed_on else None,
    }
    if row is not None:
        data["stt"] = row.stt
        data["group"] = row.group_title or None
    return data


def cmd_demo(args: argparse.Namespace) -> int:
    from cchc_desktop.store.demo import load_demo

    store = open_store(args)
    plan = load_demo(store)
    print(f"Đã nạp kế hoạch mẫu: {plan.number} – {plan.title} (mã {plan.id}, {store.plans.task_count(plan.id)} nhiệm vụ).")
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    store = open_store(args)
    plans = store.plans.list()
    counts = store.plans.task_counts()
    if args.json:
        print_json([plan_json(p, counts.get(p.id, 0)) for p in plans])
        return 0
    if not plans:
        print("Chưa có kế hoạch nào. Dùng lệnh «demo» để nạp kế hoạch mẫu.")
    for p in plans:
        print(f"{p.id:>5}  {p.number or '(chưa số)':<16} {p.period_label:<10} {p.status.label:<13} "
              f"{counts.get(p.id, 0):>4} nhiệm vụ  {p.title}")
    return 0


def cmd_tasks(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.plan is not None:
        store.plans.get(args.plan)
    rows = store.tasks.rows(plan_id=args.plan)
    keep = filter_rows(rows, text=args.search, agency_text=args.agency, status=args.status)
    if args.agency:
        # Also find tasks whose names are aliases of the agency typed ("Đài PT-TH" = "Đài Phát thanh ...").
        aid = store.agencies.match(args.agency)
        if aid is not None:
            keep = sorted(set(keep) | set(filter_rows(rows, text=args.search, agency_id=aid, status=args.status)))
    selected = [rows[i] for i in keep]
    if args.json:
        print_json([task_json(r.task, r) for r in selected])
        return 0
    for r in selected:
        t = r.task
        print(f"{t.id:>6}  {r.stt:>3}. {t.content[:70]:<70}  {'; '.join(t.lead_names)[:30]:<30}  {t.time_frame}")
    print(f"({len(selected)} nhiệm vụ)", file=sys.stderr)
    return 0


def cmd_task_add(args: argparse.Namespace) -> int:
    store = open_store(args)
    plan = store.plans.get(args.plan)
    if not (1 <= args.appendix <= len(plan.appendices)):
        raise ValidationError(f"Kế hoạch có {len(plan.appendices)} phụ lục; không có phụ lục thứ {args.appendix}.")
    lead = [ref for name in args.lead for ref in store.agencies.resolve(name)]
    partners = [ref for name in args.partner for ref in store.agencies.resolve(name)]
    task = store.tasks.create(
        Task(plan_id=plan.id, appendix_id=plan.appendices[args.appendix - 1].id, content=args.content,
             lead=lead, partners=partners, time_frame=args.when, output=args.output)
    )
    if args.json:
        print_json(task_json(task))
    else:
        print(f"Đã thêm nhiệm vụ mã {task.id} vào kế hoạch {plan.number or plan.title}.")
    return 0


def cmd_agencies(args: argparse.Namespace) -> int:
    store = open_store(args)
    usage = store.agencies.usage()
    agencies = store.agencies.list()
    if args.json:
        print_json([
            {"id": a.id, "name": a.name, "abbreviation": a.abbreviation, "aliases": a.aliases, "tasks": usage.get(a.id, 0)}
            for a in agencies
        ])
        return 0
    for a in agencies:
        extra = f" ({a.abbreviation})" if a.abbreviation else ""
        print(f"{a.id:>4}  {a.name}{extra}  [{usage.get(a.id, 0)} nhiệm vụ]")
    return 0


__all__ = ["register", "plan_json", "task_json", "fold"]
