"""Benchmark: a 1,000-row appendix printed to PDF by the app, beside LibreOffice exporting
the same table from a .docx (`soffice --headless --convert-to pdf`), the way offices do it today.

    python bench/bench_render.py [--rows N] [--runs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LEADS = ("Sở Nội vụ", "Sở Thông tin và Truyền thông", "Đài PT-TH tỉnh", "Sở Văn hóa, Thể thao và Du lịch",
         "Văn phòng UBND tỉnh", "UBND các huyện, thị xã, thành phố", "Sở Tư pháp", "Báo Vĩnh Long")
TIME_FRAMES = ("Thường xuyên", "Quý I/2025", "Quý II và III/2025", "Trước ngày 16/01/2025", "Định kỳ hàng tháng")


def build(rows: int):  # noqa: ANN201 - (Store, plan id)
    from cchc_desktop.store.demo import load_demo
    from cchc_desktop.store.domain import Task
    from cchc_desktop.store.store import Store

    store = Store.memory()
    plan = load_demo(store)
    appendix = plan.appendices[0].id
    groups = [store.tasks.add_group(appendix, lead) for lead in LEADS]
    tasks = []
    for i in range(rows):
        lead = LEADS[i % len(LEADS)]
        tasks.append(Task(
            plan_id=plan.id, appendix_id=appendix, group_id=groups[i % len(LEADS)].id,
            content=(f"Nhiệm vụ {i + 1}: tuyên truyền cải cách hành chính, chuyển đổi số và dịch vụ công trực tuyến "
                     f"cho cán bộ, công chức và người dân trên địa bàn; đăng tin, bài trên Cổng thông tin điện tử."),
            lead=store.agencies.resolve(lead), partners=store.agencies.resolve("Các cơ quan, đơn vị liên quan"),
            time_frame=TIME_FRAMES[i % len(TIME_FRAMES)],
        ))
    store.tasks.create_many(tasks)
    return store, int(plan.id)  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    args = parser.parse_args()

    from cchc_desktop.documents.render.appendix import render_appendix_pdf
    from cchc_desktop.documents.render.fonts import font_display_name
    from cchc_desktop.documents.render.office_docs import render_appendix_office

    store, plan_id = build(args.rows)
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-render-"))
    try:
        pdf = folder / "phu_luc.pdf"
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            render_appendix_pdf(store, plan_id, pdf)
            times.append(time.perf_counter() - start)
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
        ours = statistics.median(times)
        print(f"Phông chữ: {font_display_name()}")
        print(f"CCHC Desktop, phụ lục {args.rows} dòng -> PDF ({pages} trang): {ours:.2f} s (trung vị {args.runs} lần)")

        word = folder / "phu_luc.docx"
        start = time.perf_counter()
        render_appendix_office(store, plan_id, docx=word)
        print(f"CCHC Desktop, cùng bảng -> .docx: {time.perf_counter() - start:.2f} s")

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            print("LibreOffice không có trên máy: không đo được thời gian xuất PDF bằng LibreOffice.")
        else:
            out = folder / "lo"
            out.mkdir()
            profile = folder / "lo-profile"
            start = time.perf_counter()
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(out), str(word)], check=True, capture_output=True, timeout=900)
            lo = time.perf_counter() - start
            lo_pages = len(PdfReader(out / "phu_luc.pdf").pages)
            print(f"LibreOffice, .docx -> PDF ({lo_pages} trang): {lo:.2f} s")
            print(f"Nhanh hơn LibreOffice: {lo / ours:.1f} lần (mục tiêu: ít nhất 5 lần)")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for path in folder.rglob("*.pdf"):
                shutil.copy(path, args.keep / path.name)
            shutil.copy(word, args.keep / word.name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
