"""Smoke test of the bundle: `python packaging/smoke.py BUNDLE_DIR [--compare-venv]`.

Runs the bundled executables as an office PC would, in an empty environment (no virtual
environment, no PYTHONPATH, a temporary home, APPDATA and XDG folders, Qt offscreen):

1. the `cchc-desktop` command line loads the demo plan, writes the appendix PDF, the report
   PDF and .xlsx, and imports sample 003 from ../shared/samples (skipped, saying so, where absent);
2. a PDF is checked to embed its fonts, to name a Vietnamese-complete family and to give back
   its Vietnamese text;
3. the window starts offscreen on that database, shows every tab and quits with code 0;
4. with the system's Times New Roman and Liberation Serif hidden (an empty %WINDIR% on Windows,
   a private mount namespace on Linux) the appendix is printed in the bundled IBM Plex Serif;
5. the reminder agent starts, and `agent install` writes a start-at-login entry naming it;
6. the portable marker: a copy of the window beside a `portable` file keeps its data in `data/`.

With --compare-venv the start of the same window from this Python (the virtual environment)
is timed too. Exit code 0 when every step passed. Reading the PDFs needs pypdf and reportlab
in the Python that runs this script (the application's own dependencies).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLES = ROOT.parent / "shared" / "samples"
WINDOWS = sys.platform == "win32"

# Every precomposed Vietnamese letter (lower and upper case) and the đ/Đ pair.
_VOWELS = "aăâeêioôơuưy"
_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_LETTERS = sorted(
    {__import__("unicodedata").normalize("NFC", v + m) for v in _VOWELS + _VOWELS.upper() for m in _MARKS} | set("đĐ")
)


class SmokeFailure(Exception):
    pass


def exe(bundle: Path, name: str) -> Path:
    path = bundle / (f"{name}.exe" if WINDOWS else name)
    if not path.is_file():
        raise SmokeFailure(f"missing executable {path}")
    return path


def empty_environment(home: Path) -> dict[str, str]:
    """What a fresh user session has: system paths only, and folders of its own."""
    env: dict[str, str] = {}
    for key in ("SystemRoot", "SYSTEMROOT", "WINDIR", "SystemDrive", "COMSPEC", "PATHEXT", "NUMBER_OF_PROCESSORS",
                "PROCESSOR_ARCHITECTURE", "OS", "USERNAME", "USERDOMAIN", "COMPUTERNAME", "LOGNAME", "USER"):
        if key in os.environ:
            env[key] = os.environ[key]
    if WINDOWS:
        system_root = os.environ.get("SystemRoot", r"C:\Windows")
        env["PATH"] = os.pathsep.join([rf"{system_root}\System32", system_root])
        env["USERPROFILE"] = str(home)
        env["APPDATA"] = str(home / "AppData" / "Roaming")
        env["LOCALAPPDATA"] = str(home / "AppData" / "Local")
        env["TEMP"] = env["TMP"] = str(home / "AppData" / "Local" / "Temp")
    else:
        env["PATH"] = "/usr/bin:/bin"
        env["HOME"] = str(home)
        env["XDG_CONFIG_HOME"] = str(home / ".config")
        env["XDG_DATA_HOME"] = str(home / ".local" / "share")
        env["XDG_CACHE_HOME"] = str(home / ".cache")
        env["XDG_RUNTIME_DIR"] = str(home / "run")
        env["TMPDIR"] = str(home / "tmp")
    for key in ("APPDATA", "LOCALAPPDATA", "TEMP", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                "XDG_RUNTIME_DIR", "TMPDIR"):
        if key in env:
            Path(env[key]).mkdir(parents=True, exist_ok=True, mode=0o700)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


WINDOW_TIMEOUT = 180  # seconds for the window to start, show its tabs and quit


def run(args: list[str | Path], env: dict[str, str], cwd: Path, timeout: float = 300,
        windowed: bool = False) -> subprocess.CompletedProcess[str]:
    """Run a bundled program; SmokeFailure unless it exits with 0 within `timeout` seconds.

    A windowed program (the window, the reminder agent) has no console to write to: it gets no
    pipes but a log file in `cwd`. A pipe would be inherited by whatever it leaves running (under
    Wine, the processes Wine starts for a window), and waiting for the end of the pipe would never
    end. For the command line, a timeout ends the wait even if such a process holds the pipe.
    """
    started = time.perf_counter()
    shown = " ".join(Path(str(a)).name if i == 0 else str(a) for i, a in enumerate(args))
    if windowed:
        log = cwd / f"{Path(str(args[0])).stem}-{time.time_ns()}.log"
        with open(log, "wb") as out:
            code = subprocess.run([str(a) for a in args], env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out,
                                  stderr=subprocess.STDOUT, timeout=timeout).returncode
        stdout, stderr = log.read_text(encoding="utf-8", errors="replace"), ""
    else:
        proc = subprocess.Popen([str(a) for a in args], env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8", errors="replace")
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()  # not read again: another process may hold the pipe
            proc.wait()
            raise SmokeFailure(f"{shown} did not finish in {timeout:.0f} s") from None
        code = proc.returncode
    took = time.perf_counter() - started
    print(f"  [{code}] {took:5.2f} s  {shown}")
    if code != 0:
        raise SmokeFailure(f"{shown} exited with {code}\nstdout:\n{stdout}\nstderr:\n{stderr}")
    return subprocess.CompletedProcess(args, code, stdout, stderr)


def safe_output() -> None:
    """Printing never fails: a Vietnamese path on a console or pipe in a Windows code page (cp1252
    on a Windows runner) is written with backslash escapes instead of raising UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def check_pdf_fonts(pdf: Path, bundle: Path, phrases: list[str]) -> str:
    """Every font is embedded TrueType of a Vietnamese-complete family; the text comes back."""
    import unicodedata

    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    families: set[str] = set()
    used: list[tuple[str, object]] = []  # (text, font) of every piece of text drawn

    def visit(text, _cm, _tm, font, _size) -> None:  # noqa: ANN001 - pypdf's visitor signature
        if text.strip() and font is not None:
            used.append((text, font))

    pages_text = [page.extract_text(visitor_text=visit) or "" for page in reader.pages]
    for _text, font in used:
        font = font.get_object()
        base = str(font["/BaseFont"]).lstrip("/")
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or "/FontFile2" not in descriptor.get_object():
            raise SmokeFailure(f"{pdf.name}: text is drawn in {base}, which is not embedded")
        families.add(base.split("+", 1)[-1].split("-", 1)[0])
    known = {"TimesNewRoman": "Times New Roman", "LiberationSerif": "Liberation Serif", "IBMPlexSerif": "IBM Plex Serif"}
    if not families or not families <= set(known):
        raise SmokeFailure(f"{pdf.name}: unexpected fonts {sorted(families)}")
    text = unicodedata.normalize("NFC", "\n".join(pages_text))
    flat = " ".join(text.split())
    missing = [p for p in phrases if p not in flat]
    if missing:
        raise SmokeFailure(f"{pdf.name}: text not found: {missing}")
    for family in families:
        face = family_file(family, bundle)
        gaps = missing_letters(face)
        if gaps:
            raise SmokeFailure(f"{pdf.name}: {known[family]} ({face}) lacks {''.join(gaps)}")
    return ", ".join(known[f] for f in sorted(families))


def family_file(family: str, bundle: Path) -> Path:
    """The regular face of `family` the bundled application would have used."""
    if family == "IBMPlexSerif":
        found = list(bundle.rglob("IBMPlexSerif-Regular.ttf"))
        if not found:
            raise SmokeFailure("IBM Plex Serif is not in the bundle")
        return found[0]
    sys.path.insert(0, str(ROOT))
    from cchc_desktop.documents.render.fonts import find_family

    name, _display, files = find_family(include_package=False)
    if name != family:
        raise SmokeFailure(f"the PDF names {family}, this system offers {name}")
    return Path(files[0])


def missing_letters(face: Path) -> list[str]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    cmap = TTFontFile(str(face)).charToGlyph
    return [ch for ch in VIETNAMESE_LETTERS if ord(ch) not in cmap]


def smoke_cli(bundle: Path, env: dict[str, str], work: Path) -> Path:
    cli = exe(bundle, "cchc-desktop")
    db = work / "Dữ liệu thử" / "cchc.sqlite3"
    db.parent.mkdir()
    run([cli, "--version"], env, work)
    run([cli, "--db", db, "demo"], env, work)
    plans = json.loads(run([cli, "--db", db, "plans", "--json"], env, work).stdout)
    if len(plans) != 1:
        raise SmokeFailure(f"demo: expected one plan, got {plans}")
    plan_id = str(plans[0]["id"])
    tasks = json.loads(run([cli, "--db", db, "tasks", "--plan", plan_id, "--json"], env, work).stdout)
    if len(tasks) != 14:
        raise SmokeFailure(f"demo: expected 14 tasks, got {len(tasks)}")
    appendix = work / "Phụ lục kế hoạch.pdf"
    run([cli, "--db", db, "appendix", plan_id, "--pdf", appendix], env, work)
    report_pdf, report_xlsx = work / "Báo cáo năm 2024.pdf", work / "Báo cáo năm 2024.xlsx"
    run([cli, "--db", db, "report", "--plan", plan_id, "--period", "2024", "--on", "2024-12-31",
         "--pdf", report_pdf, "--xlsx", report_xlsx], env, work)
    for path in (appendix, report_pdf, report_xlsx):
        if not path.is_file() or path.stat().st_size < 2000:
            raise SmokeFailure(f"{path.name} was not written")
    with zipfile.ZipFile(report_xlsx) as zf:
        if "xl/workbook.xml" not in zf.namelist():
            raise SmokeFailure(f"{report_xlsx.name} is not a workbook")
    fonts = check_pdf_fonts(appendix, bundle, ["Phụ lục", "Cơ quan chủ trì", "Thời gian thực hiện"])
    print(f"  appendix PDF: fonts embedded ({fonts}), Vietnamese letters complete, text reads back")
    check_pdf_fonts(report_pdf, bundle, ["BÁO CÁO", "cải cách hành chính"])
    sample = sorted(SAMPLES.glob("003_*.txt")) if SAMPLES.is_dir() else []
    if sample:
        run([cli, "--db", db, "import", sample[0]], env, work)
        after = json.loads(run([cli, "--db", db, "plans", "--json"], env, work).stdout)
        if len(after) != 2:
            raise SmokeFailure(f"import of {sample[0].name}: expected two plans, got {len(after)}")
        print(f"  imported {sample[0].name}: {after[-1].get('title', '')[:70]}")
    else:
        print(f"  SKIPPED import of sample 003: {SAMPLES} not found")
    return db


def start_window(command: list[str | Path], env: dict[str, str], work: Path, db: Path) -> tuple[float, dict]:
    report = work / f"window-{len(list(work.glob('window-*.json')))}.json"
    launched = time.time()
    run([*command, "--smoke-test", report, "--db", db], env, work, timeout=WINDOW_TIMEOUT, windowed=True)
    seen = json.loads(report.read_text(encoding="utf-8"))
    took = seen["shown_at"] - launched  # from launching the process to the window on screen
    titles = [t["title"] for t in seen["tabs"]]
    if titles != ["Kế hoạch", "Nhiệm vụ", "Lịch", "Báo cáo"]:
        raise SmokeFailure(f"window tabs: {titles}")
    if any(t["children"] < 3 or t["width"] < 200 for t in seen["tabs"]):
        raise SmokeFailure(f"a tab did not build: {seen['tabs']}")
    return took, seen


def smoke_fallback_font(bundle: Path, env: dict[str, str], work: Path, db: Path) -> None:
    """Without Times New Roman and Liberation Serif the bundle prints in its own IBM Plex Serif."""
    cli = exe(bundle, "cchc-desktop")
    pdf = work / "Phụ lục (IBM Plex Serif).pdf"
    args: list[str | Path] = [cli, "--db", db, "appendix", "1", "--pdf", pdf]
    empty = work / "không có phông"
    empty.mkdir()
    if WINDOWS:
        env = dict(env, WINDIR=str(empty))  # SystemRoot stays: Windows itself needs it
        env.pop("LOCALAPPDATA", None)
    else:
        hidden = [d for d in ("/usr/share/fonts", "/usr/local/share/fonts") if Path(d).is_dir()]
        if os.geteuid() != 0 or shutil.which("unshare") is None or subprocess.run(
                ["unshare", "-m", "sh", "-c", f"mount --bind '{empty}' /mnt"], capture_output=True).returncode != 0:
            print("  SKIPPED fallback typeface: hiding the system fonts needs root and a mount namespace")
            return
        mounts = " && ".join(f"mount --bind '{empty}' '{d}'" for d in hidden) or "true"
        args = ["unshare", "-m", "sh", "-c", f'{mounts} && exec "$@"', "sh", *args]
    run(args, env, work)
    fonts = check_pdf_fonts(pdf, bundle, ["Phụ lục", "Cơ quan chủ trì"])
    if fonts != "IBM Plex Serif":
        raise SmokeFailure(f"without system fonts the appendix used {fonts}")
    print("  without Times New Roman and Liberation Serif: IBM Plex Serif from the bundle")


def smoke_agent(bundle: Path, env: dict[str, str], work: Path) -> None:
    """The agent starts (its imports load), and the start-at-login entry names the bundled agent."""
    agent = exe(bundle, "cchc-desktop-agent")
    run([agent, "--help"], env, work, windowed=True)
    cli = exe(bundle, "cchc-desktop")
    run([cli, "agent", "install"], env, work)
    if WINDOWS:
        entry = Path(env["APPDATA"]) / "Microsoft/Windows/Start Menu/Programs/Startup/cchc-desktop-nhac-viec.lnk"
        data = entry.read_bytes()
        named = str(agent).encode("utf-16-le") in data
    else:
        entry = Path(env["XDG_CONFIG_HOME"]) / "autostart" / "cchc-desktop-nhac-viec.desktop"
        data = entry.read_bytes()
        named = str(agent).encode("utf-8") in data
    if not named or b"python" in data.lower():
        raise SmokeFailure(f"the start-at-login entry {entry} does not start {agent}:\n{data!r}")
    run([cli, "agent", "remove"], env, work)
    if entry.exists():
        raise SmokeFailure(f"agent remove left {entry}")
    print(f"  start-at-login entry {entry.name} starts {agent.name}")


def smoke_portable(bundle: Path, env: dict[str, str], work: Path) -> None:
    """A copy beside a `portable` file keeps its data next to it, not in the user's folder."""
    copy = work / "Bản di động" / bundle.name
    shutil.copytree(bundle, copy, symlinks=True)
    (copy / "portable").write_text("", encoding="utf-8")
    run([exe(copy, "cchc-desktop"), "demo"], env, work)
    db = copy / "data" / "cchc.sqlite3"
    if not db.is_file():
        raise SmokeFailure(f"portable copy: no database at {db}")
    user_data = [p for p in Path(env.get("LOCALAPPDATA") or env["XDG_DATA_HOME"]).rglob("cchc.sqlite3")]
    if user_data:
        raise SmokeFailure(f"portable copy wrote to the user's folder: {user_data}")
    print(f"  portable copy keeps its data in {db.relative_to(work)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke test of the CCHC Desktop bundle.")
    parser.add_argument("bundle", type=Path, help="the bundle folder (dist/CCHC Desktop)")
    parser.add_argument("--compare-venv", action="store_true", help="also time the window started from this Python")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    safe_output()
    bundle = args.bundle.resolve()
    temp = Path(tempfile.mkdtemp(prefix="cchc-smoke-"))
    home = temp / "Nguyễn Văn A"
    work = temp / "việc"
    work.mkdir()
    env = empty_environment(home)
    try:
        print(f"bundle {bundle}")
        print("command line:")
        db = smoke_cli(bundle, env, work)
        print("window:")
        took, seen = start_window([exe(bundle, "cchc-desktop-gui")], env, work, db)
        print(f"  tabs {', '.join(t['title'] for t in seen['tabs'])} visited; window shown {took:.2f} s after launch")
        if args.compare_venv:
            venv_env = dict(env, PYTHONPATH=str(ROOT))
            entry = HERE / "entry" / "cchc_desktop_gui.py"
            runs, venv_runs = [], []
            for _ in range(5):  # alternating, so that both see the same load of the machine
                runs.append(start_window([exe(bundle, "cchc-desktop-gui")], env, work, db)[0])
                venv_runs.append(start_window([sys.executable, entry], venv_env, work, db)[0])
            print(f"  launch to window shown, median of 5: bundle {statistics.median(runs):.2f} s, "
                  f"virtual environment {statistics.median(venv_runs):.2f} s "
                  f"(best {min(runs):.2f} s / {min(venv_runs):.2f} s)")
        print("fallback typeface:")
        smoke_fallback_font(bundle, env, work, db)
        print("agent:")
        smoke_agent(bundle, env, work)
        print("portable:")
        smoke_portable(bundle, env, work)
    except (SmokeFailure, subprocess.TimeoutExpired, OSError) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(temp, ignore_errors=True)
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
