"""Commands for schedules and reminders: timeframe, reminders, ics, carry-forward, agent."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cchc_desktop.cli.common import open_store, print_json
from cchc_desktop.errors import ValidationError


def _date(text: str) -> dt.date:
    from cchc_desktop.text.vnformat import parse_date

    try:
        return parse_date(text)
    except ValidationError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text!r} (viết 2025-01-31 hoặc 31/01/2025)") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("timeframe", help="cho biết một thời gian thực hiện được hiểu thế nào")
    p.add_argument("text", help='ví dụ "Quý I và II/2024", "trước ngày 05/11 hàng năm"')
    p.add_argument("--year", type=int, default=None, help="năm kế hoạch (mặc định: năm nay)")
    p.add_argument("--to-year", type=int, default=None, help="năm cuối khi kế hoạch nhiều năm")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_timeframe)

    p = sub.add_parser("reminders", help="danh sách nhắc việc: quá hạn, đến hạn hôm nay, sắp đến hạn")
    p.add_argument("--from", dest="start", type=_date, default=None, help="từ ngày (mặc định: hôm nay)")
    p.add_argument("--days", type=int, default=14, help="số ngày tới (mặc định 14)")
    p.add_argument("--plan", type=int, default=None, help="chỉ một kế hoạch")
    p.add_argument("--json", action="store_true")
    p.add_argument("--pdf", type=Path, default=None, help="in danh sách nhắc việc ra tệp PDF")
    p.add_argument("--overdue-only", action="store_true", help="chỉ các việc quá hạn (với --pdf)")
    p.set_defaults(handler=cmd_reminders)

    p = sub.add_parser("ics", help="xuất hạn và nhắc việc ra tệp .ics (Outlook, lịch điện thoại)")
    p.add_argument("--out", type=Path, required=True, help="tệp .ics")
    p.add_argument("--plan", type=int, action="append", default=None, help="chỉ kế hoạch này (lặp lại được)")
    p.add_argument("--include-done", action="store_true", help="kể cả các việc đã xong")
    p.set_defaults(handler=cmd_ics)

    p = sub.add_parser("carry-forward", help="tạo kế hoạch năm sau từ một kế hoạch (xem trước, --apply để lưu)")
    p.add_argument("plan_id", type=int)
    p.add_argument("--apply", action="store_true", help="lưu kế hoạch mới")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_carry_forward)

    p = sub.add_parser("agent", help="tác tử nhắc việc khi khởi động máy (cài đặt, gỡ bỏ, chạy)")
    p.add_argument("action", choices=["install", "remove", "status", "check"])
    p.set_defaults(handler=cmd_agent)


def cmd_timeframe(args: argparse.Namespace) -> int:
    from cchc_desktop.scheduling.timeframe import describe, parse_time_frame

    year = args.year or dt.date.today().year
    if not 1900 <= year <= 2200 or (args.to_year is not None and not year <= args.to_year <= 2200):
        raise ValidationError("Năm phải từ 1900 đến 2200 (năm cuối không trước năm đầu).")
    tf = parse_time_frame(args.text, year, args.to_year)
    data = {
        "text": tf.text,
        "understood": tf.understood,
        "kind": tf.kind,
        "due": [d.isoformat() for d in tf.due],
        "quota": (
            {"count": tf.quota.count, "unit": tf.quota.unit, "per": tf.quota.per, "text": tf.quota.text}
            if tf.quota else None
        ),
        "rrule": tf.rrule,
        "already_done": tf.already_done,
        "description": describe(tf),
    }
    if args.json:
        print_json(data)
        return 0
    from cchc_desktop.text.vnformat import date_table

    print(f"Văn bản: {tf.text}")
    print(f"Hiểu là: {describe(tf)}")
    if tf.due:
        print("Các hạn: " + ", ".join(date_table(d) for d in tf.due))
    if tf.rrule:
        print(f"Quy tắc lặp (RFC 5545): {tf.rrule}")
    return 0 if tf.understood else 1


def _print_items(title: str, items) -> None:  # noqa: ANN001
    from cchc_desktop.text.vnformat import date_table

    if not items:
        return
    print(f"\n{title}")
    for i in items:
        when = date_table(i.due)
        if i.at is not None:
            when += f" {i.at:%H:%M}"
        extra = f" (x{i.count}, đến {date_table(i.last_due)})" if i.count > 1 and i.last_due else ""
        moved = ""
        if i.legal_due and i.legal_due != i.due:
            moved = f" [ngày nghỉ: hạn theo luật {date_table(i.legal_due)}, nên xong trước {date_table(i.finish_by)}]"
        lead = f" – {i.lead}" if i.lead else ""
        print(f"  {when}{extra}  {i.title}{lead}{moved}")


def cmd_reminders(args: argparse.Namespace) -> int:
    from cchc_desktop.scheduling import reminders

    if not 0 <= args.days <= 3660:
        raise ValidationError("Số ngày phải từ 0 đến 3660.")
    start = args.start or dt.date.today()
    store = open_store(args)
    try:
        if args.pdf is not None:
            from cchc_desktop.system.files import check_output

            check_output(args.pdf)  # refused before anything is computed (or cached) for it
        plan_ids = [args.plan] if args.plan is not None else None
        if plan_ids:
            store.plans.get(args.plan)
        digest = reminders.build_digest(store, start, args.days, plan_ids=plan_ids)
        if args.pdf is not None:
            # the printed list covers the same days as the digest: from DATE to DATE + N, both included
            from cchc_desktop.documents.render.reminder_list import render_reminder_list
            from cchc_desktop.system.files import write_atomically

            write_atomically(args.pdf, lambda tmp: render_reminder_list(
                store, tmp, start=start, days=args.days + 1, overdue_only=args.overdue_only,
                today=start if args.start else None, plan_ids=plan_ids))
        if args.json:
            print_json(digest.to_json())
        else:
            from cchc_desktop.text.vnformat import date_table

            print(f"Nhắc việc từ {date_table(digest.today)} đến {date_table(digest.end)}: {digest.summary()}")
            _print_items("QUÁ HẠN", digest.overdue)
            _print_items("ĐẾN HẠN HÔM NAY", digest.due_today)
            _print_items(f"SẮP ĐẾN HẠN ({args.days} ngày tới)", digest.upcoming)
            _print_items("GHI CHÚ NHẮC VIỆC", digest.notes)
            if digest.unscheduled:
                print(f"\n{digest.unscheduled} nhiệm vụ chưa xác định lịch (cần đặt lịch bằng tay).")
            if args.pdf is not None:
                print(f"\nĐã ghi {args.pdf}")
    finally:
        store.close()
    return 0


def cmd_ics(args: argparse.Namespace) -> int:
    from cchc_desktop.documents.ics import export_ics
    from cchc_desktop.system.files import check_output

    store = open_store(args)
    try:
        check_output(args.out)  # refused before anything is computed (or cached) for it
        for plan_id in args.plan or []:
            store.plans.get(plan_id)  # "không tìm thấy kế hoạch" rather than an empty calendar
        count = export_ics(store, args.out, plan_ids=args.plan, include_done=args.include_done)
    finally:
        store.close()
    print(f"Đã ghi {count} sự kiện vào {args.out}")
    return 0


def cmd_carry_forward(args: argparse.Namespace) -> int:
    from cchc_desktop.reporting import carry_forward
    from cchc_desktop.text.vnformat import date_table

    store = open_store(args)
    try:
        carry = carry_forward.prepare(store, args.plan_id)
        created = carry_forward.apply(store, carry) if args.apply else None
    finally:
        store.close()
    if args.json:
        data = carry.to_json()
        data["created_id"] = created.id if created else None
        print_json(data)
        return 0
    print(f"Kế hoạch mới: {carry.plan.title} ({carry.plan.period_label}), {len(carry.snapshot.tasks)} nhiệm vụ")
    for c in carry.changes:
        old = ", ".join(date_table(d) for d in c.old_dates[:4]) or "—"
        new = ", ".join(date_table(d) for d in c.new_dates[:4]) or "—"
        flag = "" if c.understood else "  [chưa xác định lịch]"
        print(f"  «{c.old_text}» -> «{c.new_text}»: {old} -> {new}{flag}")
    print(f"{carry.unchanged} thời gian thực hiện không đổi.")
    if created:
        print(f"Đã tạo kế hoạch số {created.id}.")
    else:
        print("Chưa lưu: thêm --apply để tạo kế hoạch.")
    return 0


def cmd_agent(args: argparse.Namespace) -> int:
    from cchc_desktop.system import autostart

    if args.action == "install":
        path = autostart.install(db=args.db)
        print(f"Đã cài tác tử nhắc việc khi khởi động: {path}")
    elif args.action == "remove":
        removed = autostart.remove()
        print("Đã gỡ tác tử nhắc việc." if removed else "Tác tử nhắc việc chưa được cài.")
    elif args.action == "status":
        found = autostart.installed_path()
        print(f"Đã cài: {found}" if found else "Chưa cài.")
    else:  # check: print what is due now, for schedulers that show stdout
        from cchc_desktop.scheduling import reminders

        store = open_store(args)
        try:
            alerts = reminders.pending_alerts(store)
            for a in alerts:
                print(f"{a.title}: {a.text}")
            reminders.mark_shown(store, alerts)
        finally:
            store.close()
        sys.stdout.flush()
    return 0
