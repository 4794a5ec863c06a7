"""An offline wheelhouse: the application's wheel and every dependency, for a PC without network.

    python packaging/wheelhouse.py --platform win_amd64 --python 3.12 OUT   # for Windows, CPython 3.12
    python packaging/wheelhouse.py OUT                                      # for this machine's Python
    python packaging/wheelhouse.py --platform win_amd64 --python 3.12 --extra test OUT  # with the test tools


Copy OUT to the office PC (which has Python but no network) and install from it:

    py -m pip install --no-index --find-links OUT cchc-desktop

For another platform the versions are resolved for that platform and Python by uv (pip would
judge the dependencies' markers by the Python running it) and only binary wheels are fetched;
for this machine, pip builds a wheel of any dependency published as source only.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_README = """Cài CCHC Desktop không cần mạng (máy đã có Python {python})
===============================================================

Chép cả thư mục này sang máy cần cài, mở cửa sổ lệnh (cmd) tại thư mục đó rồi chạy:

    py -{python} -m pip install --user --no-index --find-links . cchc-desktop

(--user: cài cho người dùng hiện tại, không cần quyền quản trị.) Sau đó mở chương trình bằng

    py -{python} -m main            hoặc lệnh cchc-desktop-gui
    py -{python} -m cchc_desktop    (dòng lệnh)

Install without network: copy this folder and run the command above ({platform}, Python {python}).
"""


UV = "uv>=0.5"  # also in setup.cfg's [build] extra


def run(*cmd: str) -> None:
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def pip(*args: str) -> None:
    run(sys.executable, "-m", "pip", *args)


def ensure_uv() -> None:
    if importlib.util.find_spec("uv") is None:
        print(f"uv chưa được cài: cài {UV} ...", flush=True)
        pip("install", "-q", UV)


def _uv_platform(platforms: list[str]) -> str:
    """uv's name of the target platform for pip's platform tag (win_amd64 -> x86_64-pc-windows-msvc)."""
    tag = platforms[0] if platforms else ""
    table = {
        "win_amd64": "x86_64-pc-windows-msvc", "win32": "i686-pc-windows-msvc", "win_arm64": "aarch64-pc-windows-msvc",
        "macosx": "macos", "manylinux": "x86_64-manylinux_2_28", "linux": "linux",
    }
    for prefix, name in table.items():
        if tag.startswith(prefix):
            return name
    raise SystemExit(f"Không biết nền «{tag}»: hãy dùng win_amd64, manylinux..., macosx...")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tải bánh xe (wheel) của CCHC Desktop và mọi gói phụ thuộc.")
    parser.add_argument("out", type=Path, help="thư mục kết quả")
    parser.add_argument("--platform", action="append", default=[],
                        help="nền đích, ví dụ win_amd64 (có thể nêu nhiều lần); mặc định: máy này")
    parser.add_argument("--python", default=None, help="phiên bản Python đích, ví dụ 3.12; mặc định: Python này")
    parser.add_argument("--extra", action="append", default=[],
                        help="thêm nhóm phụ thuộc tùy chọn của setup.cfg, ví dụ test hoặc build (có thể nêu nhiều lần)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    version = args.python or f"{sys.version_info.major}.{sys.version_info.minor}"
    extras = f"[{','.join(args.extra)}]" if args.extra else ""
    # setuptools builds the app's wheel in build/ of the checkout: no module deleted since may linger.
    for stale in (ROOT / "build" / "lib", *(ROOT / "build").glob("bdist.*")):
        shutil.rmtree(stale, ignore_errors=True)

    if not args.platform and version == f"{sys.version_info.major}.{sys.version_info.minor}":
        # This machine: wheels for everything, built from source where a project publishes no wheel.
        pip("wheel", "--wheel-dir", str(out), f"{ROOT}{extras}")
        platform_name = "this machine"
        # The check an office PC will make: cchc-desktop installs from OUT alone, without an index.
        pip("install", "--dry-run", "--quiet", "--ignore-installed", "--no-index", "--find-links", str(out),
            f"cchc-desktop{extras}")
    else:
        pip("wheel", "--no-deps", "--wheel-dir", str(out), str(ROOT))
        app_wheel = sorted(out.glob("cchc_desktop-*.whl"))[-1]
        # pip evaluates environment markers (python_version, sys_platform) on the Python that
        # runs it, whatever --platform says; uv resolves for the target itself.
        ensure_uv()
        pins = out / "requirements.txt"
        with tempfile.TemporaryDirectory() as tmp:
            wanted = Path(tmp) / "requirements.in"
            wanted.write_text(f"cchc-desktop{extras} @ {app_wheel.as_uri()}\n", encoding="utf-8")
            run(sys.executable, "-m", "uv", "pip", "compile", "--quiet", "--no-header", "--no-annotate",
                "--python-version", version, "--python-platform", _uv_platform(args.platform),
                "--only-binary", ":all:", "--output-file", str(pins), str(wanted))
        pinned = [ln for ln in pins.read_text(encoding="utf-8").splitlines()
                  if ln.strip() and not ln.startswith(("#", "cchc-desktop"))]
        pins.write_text("\n".join(pinned) + "\n", encoding="utf-8")
        abi = "cp" + version.replace(".", "")
        platforms = [f"--platform={p}" for p in args.platform]
        pip("download", "--no-deps", "--only-binary=:all:", *platforms, f"--python-version={version}",
            "--implementation=cp", f"--abi={abi}", "--abi=abi3", "--abi=none", "--dest", str(out),
            "--requirement", str(pins))
        platform_name = ", ".join(args.platform) or "this platform"
        # The check an office PC will make: cchc-desktop resolves from OUT alone, without an index.
        with tempfile.TemporaryDirectory() as tmp:
            wanted = Path(tmp) / "requirements.in"
            wanted.write_text(f"cchc-desktop{extras}\n", encoding="utf-8")
            run(sys.executable, "-m", "uv", "pip", "compile", "--quiet", "--no-index", "--find-links", str(out),
                "--python-version", version, "--python-platform", _uv_platform(args.platform),
                "--output-file", str(Path(tmp) / "check.txt"), str(wanted))
    (out / "CAI-DAT.txt").write_text(_README.format(python=version, platform=platform_name), encoding="utf-8")
    wheels = sorted(out.glob("*.whl"))
    size = sum(w.stat().st_size for w in wheels)
    print(f"{len(wheels)} wheels, {size / 1e6:.1f} MB in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
