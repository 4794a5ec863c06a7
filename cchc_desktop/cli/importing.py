"""The `import` command: read a plan from a received document, show or save it."""

from __future__ import annotations

import argparse
from pathlib import Path

from cchc_desktop.cli.common import print_json
from cchc_desktop.errors import ValidationError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="nhập kế hoạch từ văn bản (.docx, .doc, .odt, .rtf, .txt, .pdf, .html, .xlsx, .csv)")
    p.add_argument("file", type=Path, metavar="TỆP", help="văn bản kế hoạch nhận được")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì vào cơ sở dữ liệu")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.add_argument("--plan", type=int, default=None, help="nhập lại vào kế hoạch đã có (mã): chỉ ghi phần khác biệt")
    p.add_argument("--with-duties", action="store_true", help="thêm cả nhiệm vụ báo cáo định kỳ tìm thấy trong phần Tổ chức thực hiện")
    p.add_argument("--with-assignments", action="store_true",
                   help="thêm cả các nhiệm vụ phần Tổ chức thực hiện giao cho từng cơ quan (phân công thực hiện)")
    p.add_argument("--delete-missing", action="store_true", help="khi nhập lại: xóa nhiệm vụ không còn trong văn bản")
    p.add_argument("--password", default=None, help="mật khẩu của tệp PDF được bảo vệ bằng mật khẩu")
    p.set_defaults(handler=cmd_import)


def _store_for(args: argparse.Namespace, *, read_only: bool):  # noqa: ANN202 - Store, imported lazily
    from cchc_desktop.store.store import Store

    if read_only:
        # A dry run must not create or touch the database file: read an existing one, or
        # match agencies against the default registry in memory.
        from cchc_desktop.system import paths

        db_path = Path(args.db) if args.db is not None else paths.default_db_path()
        return Store.open(db_path) if db_path.exists() else Store.memory()
    return Store.open(args.db)


def cmd_import(args: argparse.Namespace) -> int:
    from cchc_desktop.system.collector import many_objects

    # the document's lines, its draft and the tasks; a process that ends with the import keeps
    # them out of the collection at its exit
    with many_objects(ending=getattr(args, "own_process", False)):
        return _import(args)


def _import(args: argparse.Namespace) -> int:
    from cchc_desktop.importer import read_document, recognize
    from cchc_desktop.importer.apply import apply_diff, diff_plan, save_new_plan

    document = read_document(args.file, password=args.password)
    store = _store_for(args, read_only=args.dry_run)
    try:
        result = recognize(document, store)
        for duty in result.duties:
            duty.include = args.with_duties
        for assignment in result.assignments:  # ticked already when the plan has no other tasks
            assignment.include = assignment.include or args.with_assignments
        if args.plan is not None:
            store.plans.get(args.plan)
            diffs = diff_plan(store, args.plan, result)
            for d in diffs:
                if d.kind == "missing":
                    d.accept = args.delete_missing
            if args.json and args.dry_run:
                data = result.to_json()
                data["diff"] = [
                    {"kind": d.kind, "content": (d.draft.content if d.draft else d.existing.content if d.existing else ""),
                     "task_id": d.existing.id if d.existing else None, "changes": d.changes,
                     "source": d.draft.source if d.draft else []}
                    for d in diffs
                ]
                print_json(data)
                return 0
            counts = {k: sum(1 for d in diffs if d.kind == k) for k in ("added", "changed", "unchanged", "missing")}
            print(f"So với kế hoạch mã {args.plan}: {counts['added']} nhiệm vụ mới, {counts['changed']} thay đổi, "
                  f"{counts['unchanged']} giữ nguyên, {counts['missing']} không còn trong văn bản.")
            for d in diffs:
                if d.kind == "unchanged":
                    continue
                text = d.draft.content if d.draft else d.existing.content if d.existing else ""
                extra = f" ({', '.join(d.changes)})" if d.changes else ""
                print(f"  [{d.label}] {text[:90]}{extra}")
            if args.dry_run:
                print("(Xem trước: chưa ghi gì.)")
                return 0
            report = apply_diff(store, args.plan, diffs, result)
            print("Đã cập nhật " + report.describe())
            return 0
        if args.dry_run:
            if args.json:
                print_json(result.to_json())
            else:
                _print_preview(result)
            return 0
        if not result.included:
            raise ValidationError("Không có nhiệm vụ nào để nhập; hãy xem trước bằng --dry-run.")
        report = save_new_plan(store, result)
        if args.json:
            from cchc_desktop.cli.core import plan_json

            print_json({"plan": plan_json(report.plan, report.created_tasks), "created_agencies": report.created_agencies})
        else:
            print("Đã nhập " + report.describe())
        return 0
    finally:
        store.close()


def _print_preview(result) -> None:  # noqa: ANN001 - ImportResult
    p = result.plan
    print(f"Tệp: {result.source_name} ({result.line_count} dòng)")
    print(f"Số, ký hiệu: {p.number or '(chưa có)'}   Ngày: {p.issue_date.strftime('%d/%m/%Y') if p.issue_date else '(chưa có)'}   Địa danh: {p.place}")
    print(f"Cơ quan ban hành: {p.issuer}")
    print(f"Tên kế hoạch: {p.title}   Kỳ: {p.period_label}")
    print(f"Người ký: {' / '.join(x for x in (p.signer_authority.replace(chr(10), ' - '), p.signer_position, p.signer_name) if x)}")
    print(f"Căn cứ: {len(p.legal_bases)}   Nơi nhận: {len(p.recipients)}   Mục: {len(p.sections)}")
    for problem in result.problems:
        print(f"  ! {problem}")
    print(f"Nhiệm vụ: {len(result.tasks)}")
    group = None
    for n, t in enumerate(result.tasks, start=1):
        if t.group != group:
            group = t.group
            if group:
                print(f"  == {group}")
        lines = ",".join(str(x) for x in t.source[:3]) + ("..." if len(t.source) > 3 else "")
        print(f"  {n:>3}. {t.content[:80]}")
        print(f"       Chủ trì: {'; '.join(t.lead_names) or '-'} | Phối hợp: {'; '.join(t.partner_names) or '-'} | "
              f"Thời gian: {t.time_frame or '-'} | dòng {lines}")
        for problem in t.problems:
            print(f"       ! {problem}")
    if result.duties:
        print(f"Nhiệm vụ báo cáo định kỳ (thêm bằng --with-duties): {len(result.duties)}")
        for t in result.duties:
            print(f"   - {t.time_frame}: {t.content[:80]} (dòng {t.source[0]})")
    if result.assignments:
        chosen = "đã chọn" if any(t.include for t in result.assignments) else "thêm bằng --with-assignments"
        print(f"Phân công thực hiện theo cơ quan ({chosen}): {len(result.assignments)}")
        for t in result.assignments:
            inherited = f" [kế thừa: {', '.join(t.derived)}]" if t.derived else ""
            print(f"   - {t.lead or '-'} | {t.time_frame or '-'}: {t.content[:70]} (dòng {t.source[0] if t.source else '?'}){inherited}")
    if result.new_agencies:
        print("Cơ quan mới sẽ thêm vào danh mục: " + "; ".join(result.new_agencies))
    for f in result.unrecognised:
        print(f"  ? dòng {f.source[0]}: {f.text[:80]} ({f.reason})")
    print("(Xem trước: chưa ghi gì.)")
