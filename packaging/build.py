"""Build the one-folder bundle of CCHC Desktop with PyInstaller, and its portable zip.

    python packaging/build.py [--no-zip] [--dist DIR]

Run it with the Python that has the application's dependencies installed (`pip install .`,
or `pip install ".[build]"` to get PyInstaller too; without it this script installs
PyInstaller itself). The bundle is `dist/CCHC Desktop/` (the window, the `cchc-desktop`
command line and the reminder agent side by side); the zip is the same folder with the
`portable` marker, so that it keeps its data in `data/` beside the executables.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from cchc_desktop import __version__  # noqa: E402
from cchc_desktop.system import paths  # noqa: E402

PYINSTALLER = "pyinstaller>=6.10,<7"


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        print(f"PyInstaller chưa được cài: cài {PYINSTALLER} ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", PYINSTALLER], check=True)


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, number of files) under `folder`."""
    total = count = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            total += (Path(root) / name).lstat().st_size
            count += 1
    return total, count


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{system}-{machine}"


def make_zip(bundle: Path, out: Path) -> Path:
    """The portable zip: the bundle folder plus the `portable` marker."""
    top = bundle.name
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for root, dirs, files in os.walk(bundle):
            dirs.sort()
            for name in sorted(files):
                path = Path(root) / name
                zf.write(path, f"{top}/{path.relative_to(bundle).as_posix()}")
        zf.writestr(f"{top}/{paths.PORTABLE_MARKER}",
                    "Bản di động: dữ liệu nằm trong thư mục «data» bên cạnh tệp này.\r\n")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đóng gói CCHC Desktop (PyInstaller, một thư mục).")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="thư mục kết quả (mặc định dist/)")
    parser.add_argument("--no-zip", action="store_true", help="không tạo tệp zip bản di động")
    args = parser.parse_args(argv)

    ensure_pyinstaller()
    dist = args.dist.resolve()
    work = ROOT / "build" / "pyinstaller"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(HERE / "cchc-desktop.spec")],
        check=True, cwd=ROOT,
    )
    built = time.perf_counter() - started
    bundle = dist / paths.BUNDLE_NAME
    size, files = folder_size(bundle)
    print(f"Bundle: {bundle}")
    print(f"  build time   {built:.0f} s")
    print(f"  size         {size / 1e6:.1f} MB unpacked (target < 250 MB)")
    print(f"  files        {files}")
    if not args.no_zip:
        started = time.perf_counter()
        archive = make_zip(bundle, dist / f"cchc-desktop-{__version__}-{platform_tag()}-portable.zip")
        print(f"  zip          {archive.name}: {archive.stat().st_size / 1e6:.1f} MB "
              f"(target < 100 MB, {time.perf_counter() - started:.0f} s)")
    for name in (paths.WINDOW_EXE, paths.CLI_EXE, paths.AGENT_EXE):
        exe = bundle / (f"{name}.exe" if sys.platform == "win32" else name)
        if not exe.is_file():
            print(f"Thiếu tệp chạy {exe}", file=sys.stderr)
            return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
