"""Backup commands: backup, restore, check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cchc_desktop.cli.common import print_json
from cchc_desktop.store import backup, checkup
from cchc_desktop.system import paths


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu và thư mục đính kèm vào một tệp .zip")
    p.add_argument("--out", type=Path, default=None, help="tệp .zip (mặc định: thư mục backups/ cạnh cơ sở dữ liệu)")
    p.add_argument("--json", action="store_true", help="in JSON")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="khôi phục từ một bản sao lưu (giữ bản hiện tại làm bản sao lưu)")
    p.add_argument("file", type=Path, help="bản sao lưu (.zip hoặc bản chép cơ sở dữ liệu)")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("check", help="kiểm tra toàn vẹn, nội dung, khóa ngoại và tệp đính kèm (không ghi gì)")
    p.add_argument("--json", action="store_true", help="in JSON")
    p.add_argument("--sweep", action="store_true",
                   help="trước khi kiểm tra, xóa tệp tạm và tệp đính kèm không thuộc dòng nào đã cũ hơn 30 phút")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("backups", help="liệt kê các bản sao lưu")
    p.add_argument("--json", action="store_true", help="in JSON")
    p.set_defaults(handler=cmd_backups)


def _db(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db is not None else paths.default_db_path()


def _size(n: int) -> str:
    from cchc_desktop.text.vnformat import number

    return f"{number(n / 1024, 0)} KB" if n < 1024 * 1024 else f"{number(n / (1024 * 1024), 1)} MB"


def cmd_backup(args: argparse.Namespace) -> int:
    info = backup.create_backup(_db(args), out=args.out)
    if args.json:
        print_json(info.as_json())
    else:
        print(f"Đã sao lưu vào {info.path} ({_size(info.size)}).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    kept = backup.restore(_db(args), args.file)
    print(f"Đã khôi phục {_db(args)} từ {args.file}.")
    if kept is not None:
        print(f"Dữ liệu trước khi khôi phục được giữ tại {kept.path}.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    swept = checkup.sweep_leftovers(_db(args)) if args.sweep else None
    report = backup.check_database(_db(args))
    if args.json:
        data = report.as_json()
        if swept is not None:
            data["swept"] = swept.as_json()
        print_json(data)
        return 0 if report.ok else 1
    if swept is not None:
        print(f"Đã dọn {len(swept.removed)} tệp thừa.")
        if swept.kept_young:
            print(f"  Để lại {swept.kept_young} tệp mới ghi trong 30 phút qua (có thể đang được ghi).")
        if swept.kept_for_window:
            print(f"  Để lại {swept.kept_for_window} tệp đính kèm không thuộc dòng nào vì cửa sổ chương trình đang mở "
                  "cơ sở dữ liệu (còn có thể hoàn tác); cửa sổ tự dọn khi đóng.")
    print(f"Cơ sở dữ liệu: {report.database}")
    print("Toàn vẹn: " + ("tốt" if not report.integrity else "HỎNG — " + "; ".join(report.integrity[:10])))
    if report.damaged_rows:
        print(f"Nội dung: {len(report.damaged_rows)} dòng có chữ bị hỏng (không phải UTF-8):")
        for row in report.damaged_rows[:50]:
            print(f"  bảng {row['table']}, mã {row['id']}: cột {', '.join(row['columns'])}")
    else:
        print("Nội dung: tốt")
    print(f"Khóa ngoại: {'tốt' if not report.foreign_keys else f'{len(report.foreign_keys)} dòng trỏ tới dòng không còn'}")
    print(f"Thư mục đính kèm: {report.attachments_dir}")
    for item in report.unsafe_paths:
        print(f"  Đường dẫn không hợp lệ (tệp đính kèm {item['attachment_id']}): {item['stored_path']} — {item['reason']}")
    for item in report.missing_files:
        print(f"  Thiếu tệp (tệp đính kèm {item['attachment_id']}): {item['stored_path']}")
    if report.leftovers:
        print(f"Tệp thừa (không phải hư hỏng): {report.leftovers}")
        for rel in report.orphan_files:
            print(f"  Tệp không thuộc mục tiến độ nào: {rel}")
        for rel in report.temporary_files:
            print(f"  Tệp tạm của lần ghi bị ngắt: {rel}")
        print("  Dọn bằng: cchc-desktop check --sweep")
    print("Kết quả: " + ("không có hư hỏng." if report.ok else "có vấn đề cần xử lý."), file=sys.stdout)
    return 0 if report.ok else 1


def cmd_backups(args: argparse.Namespace) -> int:
    items = backup.list_backups(_db(args))
    if args.json:
        print_json([b.as_json() for b in items])
        return 0
    if not items:
        print("Chưa có bản sao lưu nào.")
    for b in items:
        print(f"{b.created:%d/%m/%Y %H:%M}  {b.label:<22} {_size(b.size):>10}  {b.path}")
    return 0
