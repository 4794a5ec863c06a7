"""Stored names of every origin through every document in every format.

A database written elsewhere (another program, an older version, a restored backup) may hold
names with any character: carriage returns, NEL (U+0085), the line and paragraph separators
U+2028/U+2029, the information separators U+001C–U+001E, bidi controls, combining marks.
The names are written straight into the agency registry, the tasks' lead and partner names,
the plan's issuer, parent body, signer and recipients, the group and appendix titles, and
every document is written through the command line, as the officer would: the report
(.pdf, .docx with its chart pictures, .xlsx), the evidence list (.pdf, .xlsx), the appendix
(.pdf, .docx, .xlsx), the whole plan (.pdf), the reminder list (.pdf) and the .ics
calendar. A command that does not exit 0, or a file that does not open again, is a failure.
Shared by
`tests/hostile/test_stored_names.py` and `bench/bench_fuzz.py --names`.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from export_fuzz import TODAY, build_store
from hypothesis import strategies as st

from cchc_desktop.cli import main

# Every separator and control a stored name has been seen to carry, and their neighbours.
SEPARATORS = ["\r", "\r\n", "\n", "\x85", "\u2028", "\u2029", "\x1c", "\x1d", "\x1e", "\x1f", "\x0b", "\x0c", "\t",
              "\x00", "\x7f", "\x9c", "\u200b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff",
              "\ufffe", "\uffff", "\u0300", "\u0323", "\U0001f600"]
WORDS = ["Sở Nội vụ", "UBND tỉnh", "Đài PT-TH", "Văn phòng", "Sở Tư pháp", "Báo Vĩnh Long", "(x)", "&", "<b>", " "]

name_text = st.lists(st.one_of(st.sampled_from(SEPARATORS), st.sampled_from(WORDS),
                               st.text(st.characters(exclude_categories=("Cs",)), max_size=6)),
                     min_size=1, max_size=10).map("".join)

# The stored names each example fills: table, column.
NAME_FIELDS = (
    ("agencies", "name"), ("agencies", "abbreviation"), ("task_agencies", "text"), ("plans", "issuer"),
    ("plans", "parent_body"), ("plans", "signer_name"), ("plans", "place"), ("appendices", "title"),
    ("task_groups", "title"), ("tasks", "officer"), ("progress_entries", "officer"),
)
# the names of NAME_FIELDS, a recipient, and whether the registry keeps an abbreviation (the
# chart then shows it instead of the name)
example = st.tuples(st.tuples(*(name_text for _ in NAME_FIELDS), name_text), st.booleans())

DOCUMENTS = (
    ("report.pdf", ["report", "--period", "2025", "--on", TODAY.isoformat(), "--pdf"]),
    ("report.docx", ["report", "--period", "2025", "--on", TODAY.isoformat(), "--docx"]),
    ("report.xlsx", ["report", "--period", "2025", "--on", TODAY.isoformat(), "--xlsx"]),
    ("evidence.pdf", ["evidence", "--period", "2025", "--on", TODAY.isoformat(), "--pdf"]),
    ("evidence.xlsx", ["evidence", "--period", "2025", "--on", TODAY.isoformat(), "--xlsx"]),
    ("appendix.pdf", ["appendix", "1", "--pdf"]),
    ("appendix.docx", ["appendix", "1", "--docx"]),
    ("appendix.xlsx", ["appendix", "1", "--xlsx"]),
    ("plan.pdf", ["plan-doc", "1", "--pdf"]),
    ("reminders.pdf", ["reminders", "--from", "2025-01-01", "--days", "365", "--pdf"]),
    ("calendar.ics", ["ics", "--include-done", "--out"]),
)


@dataclass
class Counts:
    names: int = 0
    documents: int = 0
    failures: list[str] = field(default_factory=list)


def prepare(path: Path) -> None:
    """The fuzzed database: one plan, group, task with lead and partner, progress, reminder."""
    build_store(path).close()


def fill(path: Path, names: tuple[str, ...], abbreviated: bool = False) -> None:
    """Write the names into the database as they are (no check, no normalisation)."""
    import sqlite3

    conn = sqlite3.connect(str(path))
    try:
        with conn:
            for (table, column), text in zip(NAME_FIELDS, names[:-1], strict=True):
                if (table, column) == ("agencies", "abbreviation") and not abbreviated:
                    text = ""
                conn.execute(f"UPDATE {table} SET {column} = ?", [text])  # noqa: S608 - fixed names
            conn.execute("UPDATE plans SET recipients = ?", [json.dumps([names[-1], "Lưu: VT."])])
    finally:
        conn.close()


def _opens(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        assert len(PdfReader(io.BytesIO(data)).pages) >= 1
    elif path.suffix == ".docx":
        import docx

        docx.Document(io.BytesIO(data))
    elif path.suffix == ".xlsx":
        import openpyxl

        openpyxl.load_workbook(io.BytesIO(data)).close()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    else:
        from icalendar import Calendar

        Calendar.from_ical(data)


def run_example(db: Path, ex: tuple[tuple[str, ...], bool], counts: Counts, folder: Path) -> None:
    names, abbreviated = ex
    fill(db, names, abbreviated)
    counts.names += len(names)
    for name, args in DOCUMENTS:
        target = folder / name
        target.unlink(missing_ok=True)
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(["--db", str(db), *args, str(target)])
            if code != 0:
                counts.failures.append(f"{name}: exit {code}: {err.getvalue().strip()[:200]}")
            else:
                _opens(target)
        except Exception as exc:  # noqa: BLE001 - a crash of any kind is what is counted
            counts.failures.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
        counts.documents += 1
