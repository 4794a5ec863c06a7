"""Importing a plan from the document the office receives (.docx, .txt, .pdf, .xlsx, .csv).

`read_document` (readers) gives a line-numbered form, `recognize` turns it into an
`ImportResult` (nothing saved), `apply` saves it or merges it into an existing plan.
"""

from __future__ import annotations

from cchc_desktop.importer.model import DraftTask, Fragment, ImportResult
from cchc_desktop.importer.readers import SourceDocument, SourceLine, read_document, read_text
from cchc_desktop.importer.recognize import recognize

__all__ = [
    "DraftTask", "Fragment", "ImportResult", "SourceDocument", "SourceLine", "read_document", "read_text", "recognize",
]
