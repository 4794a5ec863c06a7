"""Printing commands: appendix (PDF, Word, Excel) and the whole plan as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from cchc_desktop.cli.common import open_store
from cchc_desktop.errors import ValidationError
from cchc_desktop.system.files import check_output, write_atomically


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("appendix", help="in phụ lục của kế hoạch ra PDF, Word hoặc Excel")
    p.add_argument("plan_id", type=int, metavar="MÃ_KẾ_HOẠCH", help="mã kế hoạch (xem lệnh plans)")
    p.add_argument("--appendix", type=int, default=1, help="phụ lục thứ mấy (mặc định 1)")
    p.add_argument("--pdf", type=Path, help="tệp PDF cần ghi")
    p.add_argument("--docx", type=Path, help="tệp Word (.docx) cần ghi")
    p.add_argument("--xlsx", type=Path, help="tệp Excel (.xlsx) cần ghi")
    p.add_argument("--columns", default=None,
                   help="các cột, cách nhau bằng dấu phẩy: stt,content,lead,partners,time_frame,output,funding,status,notes")
    p.add_argument("--portrait", action="store_true", help="in khổ dọc (mặc định theo thiết lập, thường là khổ ngang)")
    p.set_defaults(handler=cmd_appendix)

    p = sub.add_parser("plan-doc", help="in toàn văn kế hoạch (kèm phụ lục) ra PDF")
    p.add_argument("plan_id", type=int, metavar="MÃ_KẾ_HOẠCH", help="mã kế hoạch (xem lệnh plans)")
    p.add_argument("--pdf", type=Path, required=True, help="tệp PDF cần ghi")
    p.set_defaults(handler=cmd_plan_doc)


def cmd_appendix(args: argparse.Namespace) -> int:
    if not (args.pdf or args.docx or args.xlsx):
        raise ValidationError("Hãy chọn ít nhất một tệp để ghi: --pdf, --docx hoặc --xlsx.")
    from cchc_desktop.documents.render.appendix import render_appendix_pdf
    from cchc_desktop.documents.render.office_docs import render_appendix_office

    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    landscape = False if args.portrait else None
    store = open_store(args)
    try:
        for out in (args.pdf, args.docx, args.xlsx):
            if out:
                check_output(out)  # every file refused before any is written
        written = []
        if args.pdf:
            write_atomically(args.pdf, lambda tmp: render_appendix_pdf(
                store, args.plan_id, tmp, appendix=args.appendix, columns=columns, landscape_page=landscape))
            written.append(args.pdf)
        if args.docx:
            write_atomically(args.docx, lambda tmp: render_appendix_office(
                store, args.plan_id, appendix=args.appendix, docx=tmp, columns=columns, landscape=landscape))
            written.append(args.docx)
        if args.xlsx:
            write_atomically(args.xlsx, lambda tmp: render_appendix_office(
                store, args.plan_id, appendix=args.appendix, xlsx=tmp, columns=columns, landscape=landscape))
            written.append(args.xlsx)
    finally:
        store.close()
    for path in written:
        print(f"Đã ghi {path}")
    return 0


def cmd_plan_doc(args: argparse.Namespace) -> int:
    from cchc_desktop.documents.render.plan_doc import render_plan_pdf

    store = open_store(args)
    try:
        write_atomically(args.pdf, lambda tmp: render_plan_pdf(store, args.plan_id, tmp))
    finally:
        store.close()
    print(f"Đã ghi {args.pdf}")
    return 0
