"""The typeface of printed documents, chosen at run time.

Times New Roman where the system has its four faces, else Liberation Serif (same metrics),
else IBM Plex Serif from the `fontpkg-ibm-plex-serif` Python package. The built-in PDF
fonts print Vietnamese letters as boxes and are never used. No font file is shipped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cchc_desktop.errors import CchcError
from cchc_desktop.text.textnorm import nfc

FACES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class FontFamily:
    """A registered family: `name` is what reportlab styles use, `display_name` what the officer reads."""

    name: str  # reportlab family name (also the regular face's name)
    display_name: str
    files: tuple[Path, Path, Path, Path]  # regular, bold, italic, bold italic

    @property
    def bold(self) -> str:
        return f"{self.name}-Bold"

    @property
    def italic(self) -> str:
        return f"{self.name}-Italic"

    @property
    def bold_italic(self) -> str:
        return f"{self.name}-BoldItalic"


# File names of each candidate's faces, lower case, in the order of FACES; several spellings.
_TIMES = (
    ("times.ttf", "times new roman.ttf", "times_new_roman.ttf", "timesnewroman.ttf", "timesnewromanpsmt.ttf"),
    ("timesbd.ttf", "times new roman bold.ttf", "times_new_roman_bold.ttf", "timesnewromanbold.ttf"),
    ("timesi.ttf", "times new roman italic.ttf", "times_new_roman_italic.ttf", "timesnewromanitalic.ttf"),
    ("timesbi.ttf", "times new roman bold italic.ttf", "times_new_roman_bold_italic.ttf",
     "timesnewromanbolditalic.ttf"),
)
_LIBERATION = (
    ("liberationserif-regular.ttf",),
    ("liberationserif-bold.ttf",),
    ("liberationserif-italic.ttf",),
    ("liberationserif-bolditalic.ttf",),
)
_PLEX = (
    ("ibmplexserif-regular.ttf",),
    ("ibmplexserif-bold.ttf",),
    ("ibmplexserif-italic.ttf",),
    ("ibmplexserif-bolditalic.ttf",),
)


class FontError(CchcError):
    """No usable Vietnamese font."""


def system_font_dirs() -> list[Path]:
    """Where Windows, macOS and Linux keep fonts (those that exist)."""
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        # %WINDIR% and %SystemRoot% name the same folder; a bare environment may keep only one.
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"]
    else:
        dirs += [
            Path("/usr/share/fonts/truetype/msttcorefonts"),
            Path("/usr/share/fonts/truetype/liberation2"),
            Path("/usr/share/fonts/truetype/liberation"),
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            Path.home() / ".local" / "share" / "fonts",
            Path.home() / ".fonts",
        ]
    return [d for d in dirs if d.is_dir()]


def _index_dirs(dirs: Iterable[Path], max_files: int = 20000) -> dict[str, Path]:
    """Lower-case file name -> first path found (a bounded walk: font trees are small)."""
    found: dict[str, Path] = {}
    seen = 0
    for top in dirs:
        for root, _dirs, files in os.walk(top):
            for name in files:
                seen += 1
                key = name.lower()
                if key.endswith((".ttf", ".otf")) and key not in found:
                    found[key] = Path(root) / name
            if seen > max_files:
                return found
    return found


def _faces(index: dict[str, Path], spellings: Sequence[Sequence[str]]) -> tuple[Path, Path, Path, Path] | None:
    paths = []
    for names in spellings:
        path = next((index[n] for n in names if n in index), None)
        if path is None:
            return None
        paths.append(path)
    return (paths[0], paths[1], paths[2], paths[3])


def plex_dir() -> Path | None:
    """The folder of IBM Plex Serif's .ttf files inside the installed Python package."""
    try:
        from importlib import resources

        base = resources.files("fontpkg_ibm_plex_serif")
    except (ImportError, ModuleNotFoundError, TypeError):
        return None
    for candidate in (Path(str(base)) / "files", Path(str(base))):
        if candidate.is_dir() and any(candidate.glob("*.ttf")):
            return candidate
    return None


def find_family(dirs: Sequence[Path] | None = None, *, include_package: bool = True) -> tuple[str, str, tuple[Path, ...]]:
    """(reportlab name, display name, four face files) of the best family available."""
    index = _index_dirs(system_font_dirs() if dirs is None else dirs)
    for name, display, spellings in (
        ("TimesNewRoman", "Times New Roman", _TIMES),
        ("LiberationSerif", "Liberation Serif", _LIBERATION),
    ):
        faces = _faces(index, spellings)
        if faces:
            return name, display, faces
    if include_package:
        folder = plex_dir()
        if folder is not None:
            faces = _faces(_index_dirs([folder]), _PLEX)
            if faces:
                return "IBMPlexSerif", "IBM Plex Serif", faces
    raise FontError(
        "Không tìm thấy phông chữ tiếng Việt để in (Times New Roman, Liberation Serif hoặc IBM Plex Serif). "
        "Hãy cài gói fonts-liberation2 hoặc gói Python fontpkg-ibm-plex-serif."
    )


@lru_cache(maxsize=4)
def _register(name: str, files: tuple[Path, ...]) -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = (name, f"{name}-Bold", f"{name}-Italic", f"{name}-BoldItalic")
    for face_name, path in zip(names, files, strict=True):
        if face_name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face_name, str(path)))
    pdfmetrics.registerFontFamily(name, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])
    # <b>/<i> inside a paragraph whose style names a face, not the family, must also resolve.
    for bold, italic, face in ((0, 0, names[0]), (1, 0, names[1]), (0, 1, names[2]), (1, 1, names[3])):
        addMapping(name, bold, italic, face)


@lru_cache(maxsize=1)
def document_font() -> FontFamily:
    """The family every document uses, registered with reportlab (cached per process)."""
    name, display, files = find_family()
    faces = (files[0], files[1], files[2], files[3])
    _register(name, faces)
    return FontFamily(name=name, display_name=display, files=faces)


def font_display_name() -> str:
    """"Times New Roman", "Liberation Serif" or "IBM Plex Serif" (shown in the document settings)."""
    try:
        return document_font().display_name
    except FontError:
        return "(không có phông chữ tiếng Việt)"


def missing_glyphs(text: str, face: str | None = None) -> set[str]:
    """Characters of `text` the chosen face cannot draw (they would print as boxes)."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(face or document_font().name)
    cmap = font.face.charToGlyph  # type: ignore[attr-defined]
    return {ch for ch in nfc(text) if not ch.isspace() and ord(ch) not in cmap}


def string_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width in points of one line in the document font (layout uses the real metrics)."""
    from reportlab.pdfbase import pdfmetrics

    fam = document_font()
    face = {(False, False): fam.name, (True, False): fam.bold, (False, True): fam.italic, (True, True): fam.bold_italic}
    return float(pdfmetrics.stringWidth(nfc(text), face[(bold, italic)], size))
