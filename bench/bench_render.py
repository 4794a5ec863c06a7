"""Benchmark: a 1,000-row appendix printed to PDF by the app, beside LibreOffice exporting
the same table from the .docx the app writes (`soffice --headless --convert-to pdf`), the way
offices do it today, measured in the same run.

Each figure is the minimum of `--runs` runs, in wall time and in CPU time (the machine is shared:
CPU time is what waiting for the processor does not inflate). The app renders in this process;
LibreOffice's CPU time is that of the processes it starts. LibreOffice is timed with a fresh user
profile (its first start, as on a new PC) once, then `--runs` times with that profile made.

    python bench/bench_render.py [--rows N] [--runs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
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
        render_appendix_pdf(store, plan_id, pdf)  # warm-up: fonts loaded, modules imported
        walls, cpus = [], []
        for _ in range(args.runs):
            start, cpu = time.perf_counter(), time.process_time()
            render_appendix_pdf(store, plan_id, pdf)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
        ours, ours_cpu = min(walls), min(cpus)
        print(f"Phông chữ: {font_display_name()}; tải máy lúc đo: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"CCHC Desktop, phụ lục {args.rows} dòng -> PDF ({pages} trang): {ours:.2f} s, CPU {ours_cpu:.2f} s "
              f"(nhỏ nhất của {args.runs} lần; lần chậm nhất {max(walls):.2f} s)")

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

            def convert() -> tuple[float, float]:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                                "pdf", "--outdir", str(out), str(word)], check=True, capture_output=True, timeout=900)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

            first, first_cpu = convert()
            lo_runs = [convert() for _ in range(args.runs)]
            lo, lo_cpu = min(r[0] for r in lo_runs), min(r[1] for r in lo_runs)
            lo_pages = len(PdfReader(out / "phu_luc.pdf").pages)
            print(f"LibreOffice, .docx -> PDF ({lo_pages} trang): {lo:.2f} s, CPU {lo_cpu:.2f} s "
                  f"(nhỏ nhất của {args.runs} lần); lần đầu, hồ sơ người dùng mới: {first:.2f} s, CPU {first_cpu:.2f} s")
            print(f"Nhanh hơn LibreOffice: {lo / ours:.1f} lần theo thời gian, {lo_cpu / ours_cpu:.1f} lần theo CPU "
                  f"(so với lần đầu: {first / ours:.1f} lần; mục tiêu: ít nhất 10 lần)")
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
